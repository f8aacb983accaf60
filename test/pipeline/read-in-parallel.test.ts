import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditAccumulator } from '../../src/analyze/index.js';
import { loadCaseFile } from '../../src/case/index.js';
import { gatherEvidence, type FoundFile } from '../../src/evidence/index.js';
import type { CaseFile } from '../../src/model/index.js';
import { readEvidence, type EvidenceAnalysis } from '../../src/pipeline/index.js';
import { ParseWorkers } from '../../src/pipeline/parse-workers.js';
import { MAX_RECORD_CHARS } from '../../src/sources/text-lines.js';

/**
 * Audit inputs of JSON lines read in blocks by worker threads must give exactly what reading
 * them in sequence gives: the same analysis, counts, hashes and problems at the same
 * `file:line`. Blocks are made small here (a few lines, or less than one) so that their
 * boundaries fall everywhere; the demo's Extractor-Suite export (936 records, with a byte order
 * mark) is the realistic input, changed as exports are: CRLF, blank lines, broken lines, no
 * newline at the end, newest first.
 */
const demoCase = fileURLToPath(new URL('../../cases/demo/case.yaml', import.meta.url));
const JSONL = 'evidence/audit/UAL-20261007000000-20261015020000.jsonl';

let caseFile: CaseFile;
let files: FoundFile[];
let demoLines: string[];
let dir: string;

beforeAll(async () => {
  caseFile = await loadCaseFile(demoCase);
  files = await gatherEvidence(caseFile);
  const jsonl = files.find((file) => file.displayPath === JSONL);
  if (jsonl === undefined) throw new Error('the demo has no JSONL export');
  demoLines = (await readFile(jsonl.path, 'utf8')).replace(/^\uFEFF/, '').split('\n');
  if (demoLines.at(-1) === '') demoLines.pop();
  dir = await mkdtemp(join(tmpdir(), 'mailexposure-parallel-'));
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The demo's evidence with its JSONL export replaced by `bytes` (shown under the same name). */
async function withExport(name: string, bytes: string | Buffer): Promise<FoundFile[]> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return files.map((file) => (file.displayPath === JSONL ? { ...file, path } : file));
}

interface Read {
  result: EvidenceAnalysis;
  lines: string[];
  readAgain: number;
}

async function read(evidence: FoundFile[], threads: number, blockBytes: number): Promise<Read> {
  const lines: string[] = [];
  const late = vi.spyOn(AuditAccumulator.prototype, 'addLate');
  const result = await readEvidence(
    caseFile,
    evidence,
    { line: (text) => lines.push(text) },
    { minBytes: 0, blockBytes, threads },
  );
  const readAgain = late.mock.calls.length;
  late.mockRestore();
  return { result, lines, readAgain };
}

/** Reads in sequence and in parallel; expects the same, and that the export went parallel. */
async function same(evidence: FoundFile[], blockBytes: number): Promise<Read> {
  const sequential = await read(evidence, 1, blockBytes);
  const parallel = await read(evidence, 2, blockBytes);
  expect(parallel.lines.some((line) => line.includes('parsed in 2 threads'))).toBe(true);
  expect(sequential.lines.some((line) => line.includes('threads'))).toBe(false);
  expect(JSON.stringify(parallel.result)).toBe(JSON.stringify(sequential.result));
  return parallel;
}

/** A copy of an Extractor-Suite line under another Id, from an internal address, without sign-in. */
function otherAddressCopy(line: string, id: string): string {
  const outer = JSON.parse(line) as { AuditData: string };
  const data = JSON.parse(outer.AuditData) as Record<string, unknown>;
  delete data.AppAccessContext;
  return JSON.stringify({
    ...outer,
    AuditData: JSON.stringify({
      ...data,
      Id: id,
      ClientIP: '10.20.1.99',
      ClientIPAddress: '10.20.1.99',
    }),
  });
}

function problemsOf(result: EvidenceAnalysis): string[] {
  return result.problems
    .filter((problem) => problem.input === JSONL)
    .map((problem) => `${problem.code}@${problem.line}`);
}

describe('reading an export of JSON lines in worker threads', { timeout: 120_000 }, () => {
  it('gives what a sequential read gives, whatever the block size', async () => {
    const evidence = files;
    // Blocks of a few lines, of about one line (lines are 1-3 KB), and shorter than any line.
    for (const blockBytes of [16_384, 2_500, 300]) {
      const { result } = await same(evidence, blockBytes);
      const jsonl = result.counts.find((input) => input.file.displayPath === JSONL);
      expect(jsonl?.records).toBe(demoLines.length);
    }
  });

  it('reads CRLF, blank lines and a last line without a newline, counting lines as written', async () => {
    const rest = demoLines.slice(300);
    const text =
      `\uFEFF\r\n${demoLines.slice(0, 300).join('\r\n\r\n')}\r\n  \r\n` +
      `${rest.join('\r\n')}\r\n{broken`;
    const { result } = await same(await withExport('crlf.jsonl', text), 3_000);
    const jsonl = result.counts.find((input) => input.file.displayPath === JSONL);
    expect([jsonl?.records, jsonl?.rejected]).toEqual([demoLines.length, 1]);
    // Line 1 is empty; the first 300 records are on every other line from 2; a blank line.
    expect(problemsOf(result)).toEqual([`unreadable-row@${602 + rest.length}`]);
  });

  it('rejects broken lines and tells notices at their own line, in any block', async () => {
    const repeated = demoLines[10]?.replace(
      '\\"Workload\\":',
      '\\"ClientIP\\":\\"10.0.0.1\\",\\"Workload\\":',
    );
    const lines = [
      ...demoLines.slice(0, 5),
      '{"RecordType":"ExchangeItem","AuditData":"{not json"}',
      ...demoLines.slice(5, 10),
      repeated ?? '',
      ...demoLines.slice(11, 700),
      '{broken',
      ...demoLines.slice(700),
    ];
    const evidence = await withExport('broken.jsonl', `${lines.join('\n')}\n`);
    const { result } = await same(evidence, 2_000);
    expect(problemsOf(result)).toEqual(
      expect.arrayContaining(['unreadable-row@6', 'notice@12', 'unreadable-row@702']),
    );
  });

  it('counts a copy read in another block as a duplicate, and a differing copy as a conflict', async () => {
    const conflicting = demoLines[3]?.replace(
      '\\"ExternalAccess\\":false',
      '\\"ExternalAccess\\":true',
    );
    const lines = [...demoLines, demoLines[3] ?? '', conflicting ?? ''];
    const { result } = await same(await withExport('copies.jsonl', lines.join('\n')), 4_000);
    const use = result.analysis.inputUse[JSONL];
    const sequentialDuplicates = (await read(files, 1, 4_000)).result.analysis.inputUse[JSONL];
    expect(use?.duplicates).toBe((sequentialDuplicates?.duplicates ?? 0) + 2);
    expect(result.analysis.problems.map((problem) => problem.code)).toContain(
      'conflicting-duplicate',
    );
  });

  it('reads again the records of a session shown to be the attacker’s only in a later block', async () => {
    // The demo's first record from an attacker address; a record of its session from another
    // address (no sign-in ties it to the attacker) at the top of the export, before any record
    // shows the session to be the attacker's, and one right after that record, in the next
    // block, which the other thread parses without having seen it.
    const first = demoLines.findIndex((line) => line.includes('203.0.113.'));
    const early = otherAddressCopy(demoLines[first] ?? '', 'aaaaaaaa-0000-4000-8000-000000000001');
    const late = otherAddressCopy(demoLines[first] ?? '', 'aaaaaaaa-0000-4000-8000-000000000002');
    const lines = [early, ...demoLines.slice(0, first + 1), late, ...demoLines.slice(first + 1)];
    const evidence = await withExport('pivot.jsonl', lines.join('\n'));
    const sequential = await read(evidence, 1, 300);
    const parallel = await same(evidence, 300);
    expect([sequential.readAgain, parallel.readAgain]).toEqual([1, 2]);
    const cited = parallel.result.analysis.auditRecords.map((record) => record.id);
    expect(cited).toEqual(
      expect.arrayContaining([
        'aaaaaaaa-0000-4000-8000-000000000001',
        'aaaaaaaa-0000-4000-8000-000000000002',
      ]),
    );
  });

  it('tells a last Graph page with an @odata.nextLink at its line, whichever block has it', async () => {
    const pages = fileURLToPath(
      new URL('../fixtures/sources/graph-audit-pages.ndjson', import.meta.url),
    );
    const [linked = '', last = ''] = (await readFile(pages, 'utf8')).trim().split('\n');
    const cases: [string[], string[]][] = [
      [[linked, last], []],
      [[last, linked], ['notice@2']],
      [
        [linked, last, '', linked, '{"broken'],
        ['unreadable-row@5', 'notice@4'],
      ],
    ];
    for (const [lines, problems] of cases) {
      const evidence = await withExport('pages.ndjson', `${lines.join('\n')}\n`);
      const { result } = await same(evidence, 300);
      expect(problemsOf(result)).toEqual(problems);
    }
  });

  it('notices bytes that are no UTF-8, and rejects a line longer than a record may be', async () => {
    // Just over the bound (a parse thread's line splitter rejects it) and over it by more than
    // a block (the main thread counts it as it reads, never holding it).
    const huge = `{"AuditData":"${'x'.repeat(MAX_RECORD_CHARS)}"}`;
    const huger = `{"AuditData":"${'x'.repeat(MAX_RECORD_CHARS + (2 << 20))}"}`;
    const bytes = Buffer.concat([
      Buffer.from(`${demoLines.slice(0, 20).join('\n')}\n`),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(`\n${huge}\r\n${huger}\n${demoLines.slice(20).join('\n')}\n`),
    ]);
    const { result } = await same(await withExport('hostile.jsonl', bytes), 1 << 20);
    expect(problemsOf(result)).toEqual(
      expect.arrayContaining([
        'unreadable-row@21',
        'unreadable-row@22',
        'unreadable-row@23',
        'notice@null',
      ]),
    );
  }, 60_000);
});

describe('parse threads that fail', () => {
  it('fail the read with the thread’s error, never wait for it', async () => {
    const workers = new ParseWorkers(1, { caseFile, signIns: [] });
    try {
      const request = { format: 'purview-csv', input: 'x.csv', bytes: new Uint8Array(8) };
      await expect(workers.parse(0, request)).rejects.toThrow(
        /a thread parsing the audit log failed: purview-csv cannot be read in blocks/,
      );
      await expect(workers.parse(0, { ...request })).rejects.toThrow(/failed/);
    } finally {
      await workers.close();
    }
  });
});
