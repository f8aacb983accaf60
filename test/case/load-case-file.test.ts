import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCaseFile } from '../../src/case/index.js';
import type { CaseFile } from '../../src/model/index.js';
import { FIXTURE_DIR, fixture, issue, issuesOf } from './fixture.js';

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

describe('loadCaseFile on a valid case', () => {
  it('returns the whole case: lower-cased, de-duplicated, UTC times, absolute paths', async () => {
    const path = fixture('valid-full.yaml');
    const expected: CaseFile = {
      path,
      dir: FIXTURE_DIR,
      sha256: await sha256Of(path),
      case: {
        id: 'BEC-2026-014',
        title: 'Mailbox compromise at Kwizzy B.V.',
        organization: 'Kwizzy B.V.',
        domains: ['kwizzy.example', 'kwizzy.onmicrosoft.com'],
        timezone: 'Europe/Amsterdam',
        locale: 'nl',
        preparedFor: 'Van Dijk Advocaten, outside counsel',
        preparedBy: 'Example Incident Response',
        classification: 'Confidential — prepared at the request of counsel',
        nonPersonAddresses: [],
        personAddresses: [],
      },
      accounts: ['finance.lead@kwizzy.example', 'ceo@kwizzy.example'],
      threatActor: {
        ips: ['203.0.113.7', '198.51.100.0/24', '2001:db8:66::/48'],
        sessionIds: ['5b1f3c2a-9d4e-4f60-8a71-2c3d4e5f6a7b'],
        appIds: ['a1b2c3d4-e5f6-4789-8abc-def012345678'],
      },
      window: { start: '2026-10-01T00:00:00Z', end: '2026-10-15T00:00:00Z' },
      measures: ['13 Oct 2026: password reset, sessions revoked', 'Rule "Boekhouding" removed'],
      evidence: {
        audit: ['evidence/audit/*.csv', 'evidence/audit/ual-export (1).json'],
        messageTrace: ['evidence/trace/*.csv'],
        signIns: ['evidence/signins/*.json'],
      },
      collect: {
        tenantId: '7a3c9e21-4b5d-4f6a-8c7e-9d0f1a2b3c4d',
        clientId: '0f9e8d7c-6b5a-4938-a7b6-c5d4e3f2a1b0',
        cloud: 'gcc-high',
        endpoints: { login: 'https://localhost:8443', graph: 'https://localhost:8443' },
        auth: {
          method: 'certificate',
          certificatePath: join(FIXTURE_DIR, 'secrets/collector.pem'),
          thumbprintSha256: '3fa10c5d2e9b7741c8061ae35b90d42f6c18a7e2395d0bc481f62a9e73d05c1b',
        },
        apiVersion: 'beta',
        chunkHours: 6,
        messageTraceBudget: { requests: 50, minutes: 5 },
        evidenceDir: '/srv/evidence/BEC-2026-014',
      },
      report: {
        formats: ['xlsx', 'json'],
        redactSubjects: true,
        sensitiveKeywords: {},
        pdfMessageLimit: 500,
        previous: null,
      },
      output: join(FIXTURE_DIR, 'out/BEC-2026-014'),
    };

    expect(await loadCaseFile(path)).toEqual(expected);
  });

  it('applies the documented defaults to a minimal case', async () => {
    const loaded = await loadCaseFile(fixture('valid-minimal.yaml'));

    expect(loaded.case).toMatchObject({
      timezone: 'UTC',
      locale: 'en',
      preparedFor: null,
      preparedBy: null,
      classification: null,
    });
    expect(loaded.threatActor).toEqual({ ips: ['203.0.113.7'], sessionIds: [], appIds: [] });
    expect(loaded.evidence).toEqual({
      audit: ['evidence/audit/purview-2026-10.csv'],
      messageTrace: [],
      signIns: [],
    });
    expect(loaded.collect).toBeNull();
    expect(loaded.report).toEqual({
      formats: ['pdf', 'xlsx', 'json', 'csv'],
      redactSubjects: false,
      sensitiveKeywords: {},
      pdfMessageLimit: 2000,
      previous: null,
    });
    expect(loaded.output).toBe(join(FIXTURE_DIR, 'out'));
  });

  it('accepts a case that collects live instead of listing evidence, with collect defaults', async () => {
    const loaded = await loadCaseFile(fixture('collect-only.yaml'));

    expect(loaded.evidence).toEqual({ audit: [], messageTrace: [], signIns: [] });
    expect(loaded.window).toEqual({ start: '2026-10-01T00:00:00Z', end: '2026-10-15T00:00:00Z' });
    expect(loaded.collect).toEqual({
      tenantId: 'kwizzy.onmicrosoft.com',
      clientId: '0f9e8d7c-6b5a-4938-a7b6-c5d4e3f2a1b0',
      cloud: 'global',
      endpoints: null,
      auth: { method: 'deviceCode' },
      apiVersion: 'v1.0',
      chunkHours: 24,
      messageTraceBudget: { requests: 100, minutes: 5 },
      evidenceDir: 'evidence/collected',
    });
  });

  it('freezes the result all the way down', async () => {
    const loaded = await loadCaseFile(fixture('valid-full.yaml'));

    expect(Object.isFrozen(loaded)).toBe(true);
    expect(Object.isFrozen(loaded.accounts)).toBe(true);
    expect(Object.isFrozen(loaded.collect?.auth)).toBe(true);
    expect(() => {
      loaded.accounts.push('intruder@kwizzy.example');
    }).toThrow(TypeError);
  });

  it('reads a case file saved as UTF-16 with a byte order mark, hashing the bytes as stored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-case-'));
    const source = (await readFile(fixture('collect-only.yaml'), 'utf8')).replaceAll('\n', '\r\n');
    const path = join(dir, 'case.yaml');
    await writeFile(
      path,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, 'utf16le')]),
    );

    const loaded = await loadCaseFile(path);

    expect(loaded.case.id).toBe('BEC-2026-016');
    expect(loaded.sha256).toBe(await sha256Of(path));
  });
});

describe('a case that redacts subjects and collects live', () => {
  const redacted = async (evidenceDir: string | null): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-case-'));
    const source = await readFile(fixture('collect-only.yaml'), 'utf8');
    const path = join(dir, 'case.yaml');
    await writeFile(
      path,
      source.replace(
        '  auth: { method: deviceCode }\n',
        `  auth: { method: deviceCode }\n${evidenceDir === null ? '' : `  evidenceDir: ${evidenceDir}\n`}`,
      ) + 'report:\n  redactSubjects: true\n',
    );
    return path;
  };

  it('refuses collected evidence (which keeps subjects) inside the output folder', async () => {
    const path = await redacted(null);
    expect(await issuesOf(path)).toEqual([
      issue(path, 13, 3, 'collect.evidenceDir', /keeps message subjects.*outside it/),
    ]);
    const nested = await redacted('evidence/collected');
    expect(await issuesOf(nested)).toEqual([
      issue(nested, 16, 16, 'collect.evidenceDir', /keeps message subjects/),
    ]);
  });

  it('accepts collected evidence kept outside the output folder', async () => {
    const loaded = await loadCaseFile(await redacted('../../evidence-collected'));
    expect(loaded.collect?.evidenceDir).toBe('../../evidence-collected');
    expect(loaded.report.redactSubjects).toBe(true);
  });
});

describe('loadCaseFile on a file it cannot read', () => {
  it('names the file as the user wrote it when it does not exist', async () => {
    const shown = relative(process.cwd(), fixture('no-such-case.yaml'));

    expect(await issuesOf(shown)).toEqual([issue(shown, null, null, null, /does not exist/)]);
  });

  it('says so when given a folder', async () => {
    expect(await issuesOf(FIXTURE_DIR)).toEqual([
      issue(FIXTURE_DIR, null, null, null, /is a folder/),
    ]);
  });

  it('refuses bytes that are not UTF-8 text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-case-'));
    const path = join(dir, 'case.yaml');
    await writeFile(path, Buffer.from('case:\n  title: Gr\xfc\xdfe\n', 'latin1'));

    expect(await issuesOf(path)).toEqual([issue(path, null, null, null, /not UTF-8/)]);
  });

  it('explains an empty file instead of crashing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-case-'));
    const path = join(dir, 'case.yaml');
    await writeFile(path, '# nothing here yet\n');

    expect(await issuesOf(path)).toEqual([
      issue(path, 1, 1, null, /^the case file holds no keys; it must be a mapping with case:/),
    ]);
  });
});
