import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectAuditEvidence,
  collectMessageEvidence,
  type CollectOptions,
  type MessageLookupLine,
} from '../../src/collect/index.js';
import type { CaseFile, CollectSettings } from '../../src/model/index.js';
import { startEmulator, testPkiFromEnv, type RunningEmulator } from '../emulator/index.js';
import { bindRecords, SAMPLE, sampleTenant } from '../emulator/sample-tenant.js';
import { kwizzyCase, tempDir } from './case-fixture.js';

/**
 * The whole path against the local HTTPS Microsoft 365 emulator: msal-node sign-in, the
 * Graph SDK over TLS, Microsoft's documented request and response shapes, with 10% of
 * requests (and of $batch items) answered 429 or 503.
 */
const RECORDS = bindRecords(45);

function emulatorCase(
  output: string,
  url: string,
  collect: Partial<CollectSettings> = {},
): CaseFile {
  const caseFile = kwizzyCase(output, {
    tenantId: SAMPLE.tenantId,
    clientId: SAMPLE.clientId,
    endpoints: { login: url, graph: url },
    chunkHours: 12,
    ...collect,
  });
  return {
    ...caseFile,
    accounts: [SAMPLE.mailbox],
    window: { start: '2026-10-01T00:00:00Z', end: '2026-10-05T00:00:00Z' },
  };
}

const OPTIONS: CollectOptions = {
  env: { MAILEXPOSURE_CLIENT_SECRET: SAMPLE.secret },
  timing: { poll: { initialMs: 5, maxMs: 20, timeoutMs: 60_000 } },
};

async function evidenceText(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')),
  );
}

describe('collection against the Microsoft 365 emulator', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({
      tenant: sampleTenant(testPkiFromEnv(), RECORDS),
      failureRate: 0.1,
      faultSeed: 11,
      auditQueryPolls: { notStarted: 1, running: 1 },
      pageSizes: { auditRecords: 7, messages: 3 },
    });
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('collects every record and every message despite throttling, and leaks no secret', async () => {
    const output = await tempDir();
    const caseFile = emulatorCase(output, emulator.url);
    const audit = await collectAuditEvidence(caseFile, OPTIONS);

    const evidence = join(output, 'evidence');
    const collected: string[] = [];
    for (const file of audit.files.filter((f) => f.kind === 'audit')) {
      const text = await readFile(join(evidence, file.path), 'utf8');
      for (const line of text.split('\n').filter((l) => l !== '')) {
        collected.push((JSON.parse(line) as { id: string }).id);
      }
    }
    expect(collected.sort()).toEqual(RECORDS.map((record) => String(record.Id)).sort());
    expect(audit.audit.chunks.every((chunk) => chunk.status === 'complete')).toBe(true);
    const signIns = audit.files.filter((file) => file.kind === 'signIns');
    expect(signIns.map((file) => [file.path, file.records])).toEqual([
      ['signins/finance.lead@kwizzy.nl.interactive.ndjson', 1],
    ]);
    // The non-interactive query (beta signInEventTypes filter) is taken; the sample has none.
    expect(
      audit.signIns.queries.map((query) => [query.signInType, query.status, query.records]),
    ).toEqual([
      ['interactive', 'complete', 1],
      ['nonInteractive', 'complete', 0],
    ]);
    expect(audit.problems).toEqual([]);

    const ids = [
      ...Array.from({ length: 25 }, (_, index) => `msg-${index}@kwizzy.nl`),
      "o'brien+tag@kwizzy.nl",
      'msg-91@kwizzy.nl',
      'ghost@kwizzy.nl',
    ];
    const messages = await collectMessageEvidence(
      caseFile,
      {
        messages: ids.map((internetMessageId) => ({ mailbox: SAMPLE.mailbox, internetMessageId })),
        folders: [
          { mailbox: SAMPLE.mailbox, path: '\\Inbox\\Projects', syncedAt: '2026-10-05T09:00:00Z' },
        ],
      },
      OPTIONS,
    );
    const lines = (await readFile(join(evidence, 'lookups', `${SAMPLE.mailbox}.ndjson`), 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .map(
        (line) =>
          JSON.parse(line) as MessageLookupLine | { type: 'folderListing'; messages: unknown[] },
      );
    const lookups = lines.filter(
      (line): line is MessageLookupLine => line.type === 'messageLookup',
    );
    expect(lookups.map((line) => line.internetMessageId).sort()).toEqual([...ids].sort());
    const source = new Map(lookups.map((line) => [line.internetMessageId, line.metadataSource]));
    expect(source.get("o'brien+tag@kwizzy.nl")).toBe('graph-mailbox');
    expect(source.get('msg-91@kwizzy.nl')).toBe('graph-recoverable');
    expect(source.get('ghost@kwizzy.nl')).toBeNull();
    expect(lookups.filter((line) => line.metadataSource === 'graph-mailbox')).toHaveLength(26);
    expect(lookups.find((line) => line.internetMessageId === 'msg-7@kwizzy.nl')).toMatchObject({
      subject: 'Invoice 1007',
      sender: 'accounts@supplier.example',
      recipients: ['finance.lead@kwizzy.nl'],
      date: '2026-10-08T08:07:00Z',
    });
    const listing = lines.find((line) => line.type === 'folderListing');
    // Projects holds msg-20..24, received 3 to 7 October; the last two came after the sync.
    expect(
      listing?.messages.map((m) => (m as { internetMessageId: string }).internetMessageId),
    ).toEqual(['msg-20@kwizzy.nl', 'msg-21@kwizzy.nl', 'msg-22@kwizzy.nl']);

    const stats = emulator.stats;
    expect(stats.faults.tooManyRequests + stats.faults.serviceUnavailable).toBeGreaterThan(3);
    expect(stats.faults.mailboxConcurrency).toBe(0);
    expect(stats.maxConcurrentByMailbox[SAMPLE.mailbox]).toBeLessThanOrEqual(4);
    const retried = messages.runs.at(-1)?.requests.retried ?? 0;
    // 28 lookups: 2 batches, a third for the 2 not in the mailbox, plus retries.
    expect(stats.requests['POST /$batch']).toBeLessThanOrEqual(3 + retried);

    const everything = (await evidenceText(output)).join('\n');
    expect(everything).not.toContain(SAMPLE.secret);
    for (const token of stats.tokensIssued) expect(everything).not.toContain(token);
  });

  it('signs in with the certificate the case names', async () => {
    const pki = testPkiFromEnv();
    const output = await tempDir();
    const caseFile = emulatorCase(output, emulator.url, {
      auth: {
        method: 'certificate',
        certificatePath: pki.client.bundlePath,
        thumbprintSha256: pki.client.thumbprintSha256,
      },
    });
    const manifest = await collectAuditEvidence(caseFile, OPTIONS);
    expect(manifest.tenant.authMethod).toBe('certificate');
    expect(
      manifest.files.filter((file) => file.kind === 'audit').reduce((n, f) => n + f.records, 0),
    ).toBe(RECORDS.length);
  });
});
