/**
 * A seeded case of about N audit records, built on the demo generator: the demo's evidence
 * (scripts/generate-demo-evidence.ts: two overlapping exports, the attacker's six sessions with
 * a session pivot, a sign-in tie, folder syncs and a throttled mailbox, employees' own mail use)
 * is written again and again with fresh identifiers until the exports hold N records. Every
 * copy gets its own record Ids, session ids and GUID-style message ids (each GUID's first eight
 * hex digits are shifted by the copy's number), so copies are distinct records of distinct
 * sessions, interleaved in time order as an export lists them. One copy in `attackEvery` keeps
 * the attacker's records (about 0.1 % of the records at the default); the others keep only the
 * employees' own use, as in a tenant-wide export where the attacker is a small share.
 *
 * Usage: npx tsx bench/scale/generate-case.ts OUT_DIR RECORDS [jsonl|csv|mixed] [attackEvery]
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { pathToFileURL } from 'node:url';
import { generateDemoEvidence } from '../../scripts/generate-demo-evidence.js';
import type { FormattedRecord } from '../../scripts/demo/audit-data.js';
import { extractorSuiteJsonl, purviewCsv } from '../../scripts/demo/writers.js';

export type CaseLayout = 'jsonl' | 'csv' | 'mixed';

export interface GeneratedCase {
  caseFile: string;
  /** Records written, both exports together. */
  records: number;
  /** Records written to both exports: the second copy of each is a duplicate. */
  inBoth: number;
  attackCopies: number;
  copies: number;
}

/** The two overlapping exports of the demo, as the demo names them. */
const EXPORTS = {
  first: 'evidence/audit/purview-audit-search-2026-10-10.csv',
  second: 'evidence/audit/UAL-20261007000000-20261015020000.jsonl',
};
const ATTACKER_MARKERS = ['203.0.113.', '2001:db8:', '198.51.100.', '8c3f6a2e-1d94-4b7a'];
const GUID = /\b([0-9a-f]{8})(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/gi;

type Slim = Pick<FormattedRecord, 'recordType' | 'recordTypeName' | 'auditData'> & {
  event: { id: string; time: number; operation: string; session: { account: string } };
};

export async function generateCase(
  outDir: string,
  records: number,
  layout: CaseLayout = 'mixed',
  attackEvery = 50,
): Promise<GeneratedCase> {
  const demoDir = await mkdtemp(join(tmpdir(), 'mailexposure-scale-demo-'));
  try {
    await generateDemoEvidence(demoDir);
    const first = await purviewRecords(join(demoDir, EXPORTS.first));
    const second = await jsonlRecords(join(demoDir, EXPORTS.second));
    const attacker = attackerSessions([...first, ...second]);
    const benign = (record: Slim) => !isAttackers(record, attacker);
    const perCopy = first.length + second.length;
    const perBenignCopy = first.filter(benign).length + second.filter(benign).length;
    // Copy 0 is the demo itself; every attackEvery-th copy keeps the attacker's records.
    let copies = 1;
    let total = perCopy;
    while (total < records) {
      total += copies % attackEvery === 0 ? perCopy : perBenignCopy;
      copies++;
    }
    const keeps = (copy: number, record: Slim) => copy % attackEvery === 0 || benign(record);
    const names =
      layout === 'jsonl'
        ? ['evidence/audit/part-1.jsonl', 'evidence/audit/part-2.jsonl']
        : layout === 'csv'
          ? ['evidence/audit/part-1.csv', 'evidence/audit/part-2.csv']
          : ['evidence/audit/part-1.csv', 'evidence/audit/part-2.jsonl'];
    await mkdir(join(outDir, 'evidence/audit'), { recursive: true });
    await mkdir(join(outDir, 'evidence/trace'), { recursive: true });
    let written = 0;
    for (const [index, source] of [first, second].entries()) {
      const name = names[index] ?? '';
      written += await writeExport(join(outDir, name), source, copies, keeps);
    }
    const attackCopies = Math.floor((copies - 1) / attackEvery) + 1;
    const secondIds = new Set(second.map((record) => record.event.id));
    let inBoth = 0;
    for (const record of first) {
      if (!secondIds.has(record.event.id)) continue;
      for (let copy = 0; copy < copies; copy++) if (keeps(copy, record)) inBoth++;
    }
    await copyText(demoDir, outDir, 'evidence/signins.json', attackCopies, attackEvery, signIns);
    await copyText(
      demoDir,
      outDir,
      'evidence/trace/MessageTraceV2-20260915-20261015.csv',
      attackCopies,
      attackEvery,
      traceRows,
    );
    const demoCase = await readFile(resolve('cases/demo/case.yaml'), 'utf8');
    const caseFile = join(outDir, 'case.yaml');
    await writeFile(
      caseFile,
      demoCase
        .replace(/^# yaml-language-server.*\n/, '')
        .replace(/audit: \[.*\]/, `audit: [${names.join(', ')}]`),
    );
    return { caseFile, records: written, inBoth, attackCopies, copies };
  } finally {
    await rm(demoDir, { recursive: true, force: true });
  }
}

/** Shifts every GUID's first eight hex digits by `copy`: copy 0 is the text unchanged. */
function shifted(text: string, copy: number): string {
  if (copy === 0) return text;
  return text.replace(GUID, (_, head: string, rest: string) => {
    const value = ((parseInt(head, 16) + copy) >>> 0).toString(16).padStart(8, '0');
    return `${head === head.toUpperCase() && /[A-F]/.test(head) ? value.toUpperCase() : value}${rest}`;
  });
}

function copyOf(record: Slim, copy: number): Slim {
  return {
    ...record,
    event: { ...record.event, id: shifted(record.event.id, copy) },
    auditData: shifted(record.auditData, copy),
  };
}

async function writeExport(
  path: string,
  source: readonly Slim[],
  copies: number,
  keeps: (copy: number, record: Slim) => boolean,
): Promise<number> {
  const out = createWriteStream(path);
  const csv = path.endsWith('.csv');
  // Time order, oldest first; the Purview export lists the newest first.
  const ordered = [...source].sort((a, b) => a.event.time - b.event.time);
  if (csv) ordered.reverse();
  let written = 0;
  let started = false;
  const BATCH = 200;
  for (let at = 0; at < ordered.length; at += BATCH) {
    const batch: Slim[] = [];
    for (const record of ordered.slice(at, at + BATCH)) {
      for (let copy = 0; copy < copies; copy++) {
        if (keeps(copy, record)) batch.push(copyOf(record, copy));
      }
    }
    written += batch.length;
    // The demo's writers take records oldest first and write the CSV newest first.
    const text = csv
      ? purviewCsv(batch.reverse() as unknown as FormattedRecord[])
      : extractorSuiteJsonl(batch as unknown as FormattedRecord[]);
    await write(out, started ? withoutHeader(text, csv) : text);
    started = true;
  }
  out.end();
  await once(out, 'finish');
  return written;
}

function withoutHeader(text: string, csv: boolean): string {
  const body = text.replace(/^\ufeff/, '');
  return csv ? body.slice(body.indexOf('\r\n') + 2) : body;
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function purviewRecords(path: string): Promise<Slim[]> {
  const rows: Record<string, string>[] = parse(await readFile(path, 'utf8'), {
    columns: true,
    bom: true,
  });
  return rows.map((row) => slim(row.AuditData ?? '', Number(row.RecordType)));
}

async function jsonlRecords(path: string): Promise<Slim[]> {
  const text = (await readFile(path, 'utf8')).replace(/^\ufeff/, '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { AuditData: string };
      return slim(row.AuditData, (JSON.parse(row.AuditData) as { RecordType: number }).RecordType);
    });
}

const RECORD_TYPE_NAMES: Record<number, string> = {
  1: 'ExchangeAdmin',
  2: 'ExchangeItem',
  3: 'ExchangeItemGroup',
  50: 'ExchangeItemAggregated',
};

function slim(auditData: string, recordType: number): Slim {
  const data = JSON.parse(auditData) as {
    Id: string;
    CreationTime: string;
    Operation: string;
    UserId: string;
  };
  return {
    recordType,
    recordTypeName: RECORD_TYPE_NAMES[recordType] ?? String(recordType),
    auditData,
    event: {
      id: data.Id,
      time: Date.parse(`${data.CreationTime}Z`),
      operation: data.Operation,
      session: { account: data.UserId },
    },
  };
}

/** Session ids of records from an attacker address or app: the pivot's reach. */
function attackerSessions(records: readonly Slim[]): Set<string> {
  const ids = new Set<string>();
  for (const record of records) {
    if (!ATTACKER_MARKERS.some((marker) => record.auditData.includes(marker))) continue;
    for (const id of sessionIdsOf(record)) ids.add(id);
  }
  return ids;
}

function sessionIdsOf(record: Slim): string[] {
  const data = JSON.parse(record.auditData) as {
    SessionId?: string;
    AppAccessContext?: { AADSessionId?: string };
  };
  return [data.SessionId, data.AppAccessContext?.AADSessionId].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );
}

function isAttackers(record: Slim, sessions: ReadonlySet<string>): boolean {
  return (
    ATTACKER_MARKERS.some((marker) => record.auditData.includes(marker)) ||
    sessionIdsOf(record).some((id) => sessions.has(id))
  );
}

/** A Graph page of sign-ins: its `value` entries repeated for each copy that has an attack. */
function signIns(text: string, copies: readonly number[]): string {
  const page = JSON.parse(text) as { value: unknown[] };
  const value = copies.flatMap((copy) =>
    page.value.map((entry) => JSON.parse(shifted(JSON.stringify(entry), copy)) as unknown),
  );
  return JSON.stringify({ ...page, value }, null, 2);
}

/** Message trace: the header once, then the rows of each copy that has an attack. */
function traceRows(text: string, copies: readonly number[]): string {
  const body = text.replace(/^\ufeff/, '');
  const header = body.slice(0, body.indexOf('\r\n') + 2);
  const rows = body.slice(header.length);
  return `\ufeff${header}${copies.map((copy) => shifted(rows, copy)).join('')}`;
}

async function copyText(
  from: string,
  to: string,
  name: string,
  attackCopies: number,
  attackEvery: number,
  transform: (text: string, copies: readonly number[]) => string,
): Promise<void> {
  const copies = Array.from({ length: attackCopies }, (_, index) => index * attackEvery);
  await writeFile(join(to, name), transform(await readFile(join(from, name), 'utf8'), copies));
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  const [out = 'bench-case', records = '100000', layout = 'mixed', every = '50'] =
    process.argv.slice(2);
  const made = await generateCase(
    resolve(out),
    Number(records),
    layout as CaseLayout,
    Number(every),
  );
  process.stdout.write(`${JSON.stringify(made)}\n`);
}
