import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { auditData, FAULT } from '../collect/fault-tenant.js';
import { runInProcess } from './run-in-process.js';

/*
 * The same client address written another way must be the same address: for attribution (a
 * record from the attacker's address is the attacker's) and for the sessions a record joins
 * (records without a session id are one session per address).
 */

/** A MailItemsAccessed Bind of one message, without session id, from `clientIpAddress`. */
function bind(message: string, clientIpAddress: string): string {
  return JSON.stringify(
    auditData({
      id: `b0000000-0000-4000-8000-${message.padStart(12, '0')}`,
      mailbox: FAULT.lead,
      at: '2026-10-02T09:14:07Z',
      clientIpAddress,
      messages: [`${message}@kwizzy.nl`],
    }),
  );
}

interface Run {
  status: number | null;
  stderr: string;
  report: Report | null;
}

/** Runs a case whose attacker is `ips`, over Binds of message `Mn` from address n. */
async function runCase(ips: string[], clientIps: string[]): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'mailexposure-ipv6-'));
  await mkdir(join(dir, 'evidence'));
  const lines = clientIps.map((clientIp, index) => bind(`M${String(index + 1)}`, clientIp));
  await writeFile(join(dir, 'evidence', 'audit.ndjson'), `${lines.join('\n')}\n`);
  await writeFile(
    join(dir, 'case.yaml'),
    [
      'case:',
      '  id: IPV6-001',
      '  title: Addresses written many ways',
      '  organization: Kwizzy B.V.',
      '  domains: [kwizzy.nl]',
      '  timezone: Europe/Amsterdam',
      `accounts: [${FAULT.lead}]`,
      'threatActor:',
      `  ips: [${ips.map((ip) => JSON.stringify(ip)).join(', ')}]`,
      'window: { start: 2026-10-01T00:00:00Z, end: 2026-10-15T00:00:00Z }',
      'evidence: { audit: [evidence/audit.ndjson] }',
      'report: { formats: [json] }',
      'output: out',
      '',
    ].join('\n'),
  );
  const result = await runInProcess(['run', join(dir, 'case.yaml')], {
    SOURCE_DATE_EPOCH: '1793000000',
  });
  const report =
    result.status === 0
      ? (JSON.parse(await readFile(join(dir, 'out', 'report.json'), 'utf8')) as Report)
      : null;
  return { status: result.status, stderr: result.stderr.replaceAll(dir, '<case>'), report };
}

function exposed(report: Report | null): string[] {
  return (report?.messages ?? []).map((message) => message.internetMessageId.split('@')[0] ?? '');
}

function sessionAddresses(report: Report | null): string[][] {
  return (report?.sessions ?? []).map((session) => session.ips);
}

describe('IPv6 client addresses', () => {
  it('drop the zone id: the attacker address with any zone is one address and one session', async () => {
    const run = await runCase(
      ['fe80::1%eth0'],
      ['fe80::1%eth0', '[fe80::1%15]:443', 'fe80::1', 'fe80::2%eth0'],
    );
    expect(run.status, run.stderr).toBe(0);
    expect(exposed(run.report)).toEqual(['M1', 'M2', 'M3']);
    expect(sessionAddresses(run.report)).toEqual([['fe80::1']]);
  });

  it('read an IPv4 tail as the last 32 bits: ::0.0.0.0 is ::, ::1.2.3.4 is not 1.2.3.4', async () => {
    const run = await runCase(['::', '203.0.113.7'], ['::0.0.0.0', '::', '::203.0.113.7']);
    expect(run.status, run.stderr).toBe(0);
    // `::203.0.113.7` is the (deprecated) IPv4-compatible ::cb00:7107, another address.
    expect(exposed(run.report)).toEqual(['M1', 'M2']);
    expect(sessionAddresses(run.report)).toEqual([['::']]);
  });

  it('take an IPv4-mapped range of /96 or more as its IPv4 range', async () => {
    const run = await runCase(
      ['::ffff:203.0.113.0/120'],
      ['203.0.113.9', '[::ffff:203.0.113.10]:443', '203.0.114.1', '::ffff:203.0.114.2'],
    );
    expect(run.status, run.stderr).toBe(0);
    expect(exposed(run.report)).toEqual(['M1', 'M2']);
    expect(run.report?.case.threatActor.ips).toEqual(['::ffff:203.0.113.0/120']);
  });

  it('refuse an IPv4-mapped range under /96, which takes in every IPv4 address', async () => {
    const run = await runCase(['::ffff:203.0.113.0/33'], ['203.0.113.9']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      '<case>/case.yaml:9:9: threatActor.ips[0]: "::ffff:203.0.113.0/33" is an IPv4-mapped range with a prefix under /96: it would take in every IPv4 address; write the IPv4 range (e.g. 203.0.113.0/24), or in the mapped form add 96 to its prefix (::ffff:203.0.113.0/120)',
    );
  });
});
