import fc from 'fast-check';
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { runInProcess } from '../cli/run-in-process.js';

/**
 * The demo case's audit evidence (an Extractor-Suite JSONL and a Purview CSV that overlap, as
 * two exports of one tenant do), its records dealt into new files in any order: the analysis
 * must not depend on the order records come in, within an input or across inputs.
 */
const demo = 'cases/demo';
const audit = `${demo}/evidence/audit`;
const RUNS = 4;

interface Evidence {
  jsonl: string[];
  csvHeader: string;
  csvRows: string[];
}

async function demoEvidence(): Promise<Evidence> {
  const jsonl = (await readFile(`${audit}/UAL-20261007000000-20261015020000.jsonl`, 'utf8'))
    .replace(/^\ufeff/, '')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const csv = (await readFile(`${audit}/purview-audit-search-2026-10-10.csv`, 'utf8')).replace(
    /^\ufeff/,
    '',
  );
  // A Purview record starts on a line that begins with its RecordId; its AuditData may span lines.
  const [csvHeader = '', ...csvRows] = csv.split(/\r\n(?=[0-9a-f]{8}-[0-9a-f]{4}-)/);
  return { jsonl, csvHeader, csvRows: csvRows.map((row) => row.replace(/\r\n$/, '')) };
}

/** The demo case with its audit records dealt into these files (each a list of records). */
async function caseWith(jsonlFiles: string[][], csvFiles: string[][], header: string) {
  const dir = await mkdtemp(join(tmpdir(), 'mailexposure-shuffled-'));
  await mkdir(join(dir, 'evidence', 'audit'), { recursive: true });
  await mkdir(join(dir, 'evidence', 'trace'), { recursive: true });
  await copyFile(`${demo}/case.yaml`, join(dir, 'case.yaml'));
  await copyFile(`${demo}/evidence/signins.json`, join(dir, 'evidence', 'signins.json'));
  for (const name of await readdir(`${demo}/evidence/trace`)) {
    await copyFile(`${demo}/evidence/trace/${name}`, join(dir, 'evidence', 'trace', name));
  }
  let file = 0;
  for (const lines of jsonlFiles) {
    file += 1;
    await writeFile(
      join(dir, 'evidence', 'audit', `part-${String(file)}.jsonl`),
      `${lines.join('\n')}\n`,
    );
  }
  for (const rows of csvFiles) {
    file += 1;
    await writeFile(
      join(dir, 'evidence', 'audit', `part-${String(file)}.csv`),
      `${header}\r\n${rows.join('\r\n')}\r\n`,
    );
  }
  return join(dir, 'case.yaml');
}

type Decided = Omit<Report, 'inputs' | 'auditRecords' | 'problems'> & {
  inputs: number[];
  auditRecords: (Omit<Report['auditRecords'][number], 'sources'> & { sources: number })[];
  problems: string[];
};

/**
 * report.json without what names the files: the input list, the file and line each problem
 * and cited record came from. Everything the analysis decided stays.
 */
async function decided(casePath: string): Promise<Decided> {
  const result = await runInProcess(['analyze', casePath], { SOURCE_DATE_EPOCH: '1793000000' });
  expect(result.status, result.stderr).toBe(0);
  const report = JSON.parse(
    await readFile(join(casePath, '..', 'out', 'report.json'), 'utf8'),
  ) as Report;
  const total = (field: 'records' | 'inScope' | 'duplicates' | 'rejected') =>
    report.inputs.reduce((sum, input) => sum + input[field], 0);
  return {
    ...report,
    inputs: ['records', 'inScope', 'duplicates', 'rejected'].map((field) =>
      total(field as 'records'),
    ),
    auditRecords: report.auditRecords.map(({ sources, ...cited }) => ({
      ...cited,
      sources: sources.length,
    })),
    problems: report.problems.map(({ code, message }) => `${code}: ${message}`).sort(),
  };
}

/** Records dealt into `files` files in the order of `order` (a permutation's sort keys). */
function deal<T>(records: readonly T[], keys: readonly number[], files: number): T[][] {
  const order = records
    .map((record, index) => ({ record, key: keys[index] ?? 0, index }))
    .sort((a, b) => a.key - b.key || a.index - b.index);
  const dealt: T[][] = Array.from({ length: files }, () => []);
  order.forEach(({ record, key }, index) => dealt[(key + index) % files]?.push(record));
  return dealt.filter((file) => file.length > 0);
}

describe('the order of records and inputs (fast-check)', () => {
  let evidence: Evidence;
  let baseline: Decided;

  beforeAll(async () => {
    evidence = await demoEvidence();
    baseline = await decided(
      await caseWith([evidence.jsonl], [evidence.csvRows], evidence.csvHeader),
    );
  });

  it('never changes what report.json decides, however the records are shuffled and split', async () => {
    const keys = (length: number) => fc.array(fc.nat(), { minLength: length, maxLength: length });
    await fc.assert(
      fc.asyncProperty(
        keys(evidence.jsonl.length),
        keys(evidence.csvRows.length),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 2 }),
        async (jsonlKeys, csvKeys, jsonlFiles, csvFiles) => {
          const casePath = await caseWith(
            deal(evidence.jsonl, jsonlKeys, jsonlFiles),
            deal(evidence.csvRows, csvKeys, csvFiles),
            evidence.csvHeader,
          );
          expect(await decided(casePath)).toEqual(baseline);
        },
      ),
      { numRuns: RUNS, seed: 11, endOnFailure: true },
    );
  });

  it('reads every input given twice as duplicates only: the same decisions, each copy counted', async () => {
    const casePath = await caseWith(
      [evidence.jsonl, evidence.jsonl],
      [evidence.csvRows, evidence.csvRows],
      evidence.csvHeader,
    );
    const once = baseline;
    const twice = await decided(casePath);
    // The audit records are read twice, each second copy a duplicate; the other inputs once.
    const audit = once.summary.recordsRead;
    const [records = 0, inScope = 0, duplicates = 0, rejected = 0] = once.inputs;
    expect(twice.inputs).toEqual([records + audit, inScope, duplicates + audit, rejected]);
    expect(twice.summary.recordsRead).toBe(once.summary.recordsRead * 2);
    expect(twice.auditRecords).toEqual(
      once.auditRecords.map((cited) => ({ ...cited, sources: cited.sources * 2 })),
    );
    const decisions = (report: Decided) => ({
      ...report,
      inputs: null,
      auditRecords: null,
      summary: { ...report.summary, recordsRead: null },
    });
    expect(decisions(twice)).toEqual(decisions(once));
  });
});
