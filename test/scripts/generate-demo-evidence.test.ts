import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { addressInRanges, parseAddressRange, type AddressRange } from '../../src/model/index.js';
import { generateDemoEvidence, THREAT_ACTOR } from '../../scripts/generate-demo-evidence.js';

const caseDir = fileURLToPath(new URL('../../cases/demo/', import.meta.url));
const BOM = '\uFEFF';

interface AuditData {
  Id: string;
  UserId: string;
  MailboxOwnerUPN?: string;
  ClientIPAddress?: string;
  ClientIP?: string;
  SessionId?: string;
  AppAccessContext?: { AADSessionId?: string };
  OperationProperties?: { Name: string; Value: string }[];
}

let outDir = '';
let written: string[] = [];

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'demo-evidence-'));
  written = await generateDemoEvidence(outDir);
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const sha256 = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
const read = (path: string): Promise<string> => readFile(join(outDir, path), 'utf8');

async function auditRecords(): Promise<{
  csv: AuditData[];
  jsonl: AuditData[];
  csvText: Map<string, string>;
  jsonlText: Map<string, string>;
}> {
  const csvRows = parseCsv<Record<string, string>>(
    await read('evidence/audit/purview-audit-search-2026-10-10.csv'),
    { columns: true },
  );
  const jsonlRows = (await read('evidence/audit/UAL-20261007000000-20261015020000.jsonl'))
    .slice(BOM.length)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { AuditData: string });
  const csvText = new Map(csvRows.map((r) => [r['RecordId'] ?? '', r['AuditData'] ?? '']));
  const jsonlText = new Map(
    jsonlRows.map((r) => [(JSON.parse(r.AuditData) as AuditData).Id, r.AuditData]),
  );
  return {
    csv: [...csvText.values()].map((t) => JSON.parse(t) as AuditData),
    jsonl: [...jsonlText.values()].map((t) => JSON.parse(t) as AuditData),
    csvText,
    jsonlText,
  };
}

describe('generateDemoEvidence', () => {
  it('writes exactly the committed demo files, byte for byte', async () => {
    expect(written.map((p) => relative(outDir, p)).sort()).toEqual([
      'EXPECTED.md',
      'evidence/audit/UAL-20261007000000-20261015020000.jsonl',
      'evidence/audit/purview-audit-search-2026-10-10.csv',
      'evidence/signins.json',
      'evidence/trace/MessageTraceV2-20260915-20261015.csv',
    ]);
    for (const path of written) {
      const name = relative(outDir, path);
      expect(await sha256(path), name).toBe(await sha256(join(caseDir, name)));
    }
  });

  it('gives the same bytes on a second run', async () => {
    const again = await mkdtemp(join(tmpdir(), 'demo-evidence-'));
    try {
      for (const path of await generateDemoEvidence(again)) {
        const name = relative(again, path);
        expect(await sha256(path), name).toBe(await sha256(join(outDir, name)));
      }
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  }, 60_000);

  it('writes the export shapes investigators bring', async () => {
    const purview = await read('evidence/audit/purview-audit-search-2026-10-10.csv');
    expect(purview.split('\r\n')[0]).toBe(
      'RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames',
    );
    expect(purview.split('\r\n')[1]).toMatch(
      /^[0-9a-f-]{36},\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.0000000Z ,\d+,/,
    );
    const jsonl = await read('evidence/audit/UAL-20261007000000-20261015020000.jsonl');
    expect(jsonl.startsWith(BOM)).toBe(true);
    const first = JSON.parse(jsonl.slice(1, jsonl.indexOf('\r\n'))) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([
      'RecordType',
      'CreationDate',
      'UserIds',
      'Operations',
      'AuditData',
      'ResultIndex',
      'ResultCount',
      'Identity',
      'IsValid',
      'ObjectState',
    ]);
    expect(typeof first['AuditData']).toBe('string');
    const trace = await read('evidence/trace/MessageTraceV2-20260915-20261015.csv');
    expect(
      trace.startsWith(
        `${BOM}"Organization","MessageId","Received","SenderAddress","RecipientAddress"`,
      ),
    ).toBe(true);
    const signIns = JSON.parse(await read('evidence/signins.json')) as { value: unknown[] };
    expect(signIns.value.length).toBeGreaterThan(0);
  });

  it('repeats overlapping records identically in both audit exports', async () => {
    const { csvText, jsonlText } = await auditRecords();
    const shared = [...jsonlText.keys()].filter((id) => csvText.has(id));
    expect(shared.length).toBeGreaterThan(100);
    for (const id of shared) expect(jsonlText.get(id), id).toBe(csvText.get(id));
  });

  it('keeps the case file and the story in agreement', async () => {
    const caseFile = parseYaml(await readFile(join(caseDir, 'case.yaml'), 'utf8')) as {
      threatActor: { ips: string[]; appIds: string[] };
    };
    expect(caseFile.threatActor.ips).toEqual(THREAT_ACTOR.ips);
    expect(caseFile.threatActor.appIds).toEqual(THREAT_ACTOR.appIds);
  });

  it('never puts a user of their own session on an attacker address', async () => {
    const ranges = THREAT_ACTOR.ips
      .map(parseAddressRange)
      .filter((r): r is AddressRange => r !== null);
    const { csv, jsonl } = await auditRecords();
    const records = [...csv, ...jsonl];
    const attackerSessions = new Set<string>();
    for (const r of records) {
      if (!addressInRanges(r.ClientIPAddress ?? r.ClientIP ?? null, ranges)) continue;
      if (r.SessionId !== undefined) attackerSessions.add(r.SessionId);
      if (r.AppAccessContext?.AADSessionId !== undefined)
        attackerSessions.add(r.AppAccessContext.AADSessionId);
    }
    const signIns = (
      JSON.parse(await read('evidence/signins.json')) as {
        value: { ipAddress: string; sessionId: string | null }[];
      }
    ).value;
    for (const s of signIns)
      if (s.sessionId !== null && addressInRanges(s.ipAddress, ranges))
        attackerSessions.add(s.sessionId);
    // Every record of a session that ever touched an attacker address is the attacker's; the
    // story's attacker sessions are exactly those, so users' own sessions never mix in.
    const bySession = records.filter(
      (r) =>
        attackerSessions.has(r.SessionId ?? '') ||
        attackerSessions.has(r.AppAccessContext?.AADSessionId ?? ''),
    );
    const expected = await read('EXPECTED.md');
    const attributed = /Attributed to the attacker: \*\*(\d+)\*\* records/.exec(expected)?.[1];
    expect(new Set(bySession.map((r) => r.Id)).size).toBe(Number(attributed));
    const throttled = records.filter((r) =>
      r.OperationProperties?.some((p) => p.Name === 'IsThrottled' && p.Value === 'True'),
    );
    expect(new Set(throttled.map((r) => r.Id)).size).toBe(1);
  });
});
