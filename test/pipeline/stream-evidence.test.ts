import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditAccumulator, analyzeCase } from '../../src/analyze/index.js';
import type { FoundFile } from '../../src/evidence/index.js';
import { readEvidence } from '../../src/pipeline/index.js';
import { caseFile } from '../analyze/build.js';
import { readAll } from '../sources/fixture-files.js';

const SESSION = '5d2a8f1c-3e64-4b09-9c7d-0f6b2a4e8d31';

/** One bare AuditData line (audit-data-ndjson), a Bind of one message. */
function line(id: number, fields: Record<string, unknown>): string {
  return JSON.stringify({
    CreationTime: `2026-10-11T07:${String(10 + id).padStart(2, '0')}:00`,
    Id: `6a1e2d3c-0000-4000-8000-${String(id).padStart(12, '0')}`,
    Operation: 'MailItemsAccessed',
    UserId: 'finance.lead@kwizzy.nl',
    MailboxOwnerUPN: 'finance.lead@kwizzy.nl',
    ClientIPAddress: '192.0.2.10',
    SessionId: `0b7e2d9f-4c13-4e85-a6f2-${String(id).padStart(12, '0')}`,
    OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }],
    Folders: [{ Path: '\\Inbox', FolderItems: [{ InternetMessageId: `<m${id}@kwizzy.nl>` }] }],
    ...fields,
  });
}

async function inputs(files: Record<string, string>): Promise<FoundFile[]> {
  const dir = await mkdtemp(join(tmpdir(), 'mailexposure-stream-'));
  return Promise.all(
    Object.entries(files).map(async ([name, text]) => {
      await writeFile(join(dir, name), text);
      return { path: join(dir, name), displayPath: `evidence/${name}`, role: 'audit' as const };
    }),
  );
}

/** The same evidence analysed whole, from arrays: what the streaming path must equal. */
async function analysedWhole(files: readonly FoundFile[]) {
  const audit = [];
  for (const file of files) for (const record of (await readAll(file)).audit) audit.push(record);
  return analyzeCase({
    caseFile: caseFile(),
    audit,
    trace: [],
    signIns: [],
    lookups: [],
    folderListings: [],
  });
}

describe('reading and analysing as records stream past', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reads again the records of a session found to be the attacker’s only further on', async () => {
    const files = await inputs({
      'newest-first.ndjson': [
        // Read first: the session from an office address, not yet known to be the attacker's.
        line(3, { SessionId: SESSION }),
        line(2, {}),
        line(1, { SessionId: SESSION, ClientIPAddress: '203.0.113.7' }),
      ].join('\n'),
    });
    const late = vi.spyOn(AuditAccumulator.prototype, 'addLate');
    const { analysis } = await readEvidence(caseFile(), files, { line: () => undefined });
    expect(late).toHaveBeenCalledTimes(1);
    expect(analysis.sessions).toMatchObject([
      { sessionId: SESSION, attributedBy: ['ip', 'session'], records: 2 },
    ]);
    expect(analysis.messages.map((message) => message.internetMessageId)).toEqual([
      'm1@kwizzy.nl',
      'm3@kwizzy.nl',
    ]);
    expect(JSON.stringify(analysis)).toBe(JSON.stringify(await analysedWhole(files)));
  });

  it('reads again both copies of a record that two exports give differently', async () => {
    const attacker = { ClientIPAddress: '203.0.113.7' };
    const files = await inputs({
      'a.ndjson': [line(1, attacker), line(2, {}), line(3, attacker)].join('\n'),
      'b.ndjson': [
        line(3, { ...attacker, ClientInfoString: 'Client=OWA' }),
        line(1, attacker),
      ].join('\n'),
    });
    const { analysis } = await readEvidence(caseFile(), files, { line: () => undefined });
    expect(analysis.problems).toMatchObject([{ code: 'conflicting-duplicate' }]);
    expect(analysis.problems[0]?.message).toContain('differs in clientInfo');
    expect(Object.keys(analysis.inputUse)).toEqual(['evidence/a.ndjson', 'evidence/b.ndjson']);
    const counts = Object.values(analysis.inputUse);
    expect(counts.reduce((sum, use) => sum + use.inScope + use.duplicates, 0)).toBe(5);
    expect(JSON.stringify(analysis)).toBe(JSON.stringify(await analysedWhole(files)));
  });
});
