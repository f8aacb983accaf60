import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCase } from '../../bench/scale/generate-case.js';
import { AuditAccumulator, analyzeCase, type Analysis } from '../../src/analyze/index.js';
import { loadCaseFile } from '../../src/case/index.js';
import { gatherEvidence } from '../../src/evidence/index.js';
import type { AuditRecord, TraceRecord } from '../../src/model/index.js';
import { readEvidence, type EvidenceAnalysis } from '../../src/pipeline/index.js';
import { readAll } from '../sources/fixture-files.js';

/**
 * The streaming path at a modest scale: 50,000 generated records (bench/scale) in two
 * overlapping exports, newest first, without the sign-in log, so that records of the
 * attacker's sessions are read before the records that make the sessions the attacker's and
 * must be read again. What it must give is what the rules give over the whole evidence in
 * memory (analyzeCase, which the rule tests pin), and every record must be accounted for.
 * Purview CSV is read in sequence; Extractor-Suite JSONL in blocks of 64 KiB by two worker
 * threads (read-in-parallel.ts), forced at this size.
 */
describe.each([
  { layout: 'csv' as const, parallel: undefined },
  { layout: 'jsonl' as const, parallel: { minBytes: 0, blockBytes: 1 << 16, threads: 2 } },
])('a generated case of 50,000 records ($layout), streamed', ({ layout, parallel }) => {
  let streamed: EvidenceAnalysis;
  let whole: Analysis;
  let generated: Awaited<ReturnType<typeof generateCase>>;
  let readAgain = 0;
  let parsedInThreads = 0;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-scale-'));
    generated = await generateCase(dir, 50_000, layout, 10);
    const caseFile = await loadCaseFile(generated.caseFile);
    const files = (await gatherEvidence(caseFile)).filter((file) => file.role !== 'signIns');
    // The generator writes JSONL oldest first, as Extractor Suite does: turned newest first,
    // records of the attacker's sessions come before what shows them to be the attacker's.
    for (const file of files.filter((found) => found.path.endsWith('.jsonl'))) {
      const lines = (await readFile(file.path, 'utf8')).split('\n').filter((line) => line !== '');
      await writeFile(file.path, `${lines.reverse().join('\n')}\n`);
    }
    const late = vi.spyOn(AuditAccumulator.prototype, 'addLate');
    const lines: string[] = [];
    streamed = await readEvidence(caseFile, files, { line: (line) => lines.push(line) }, parallel);
    parsedInThreads = lines.filter((line) => line.includes('parsed in 2 threads')).length;
    readAgain = late.mock.calls.length;
    late.mockRestore();
    const audit: AuditRecord[] = [];
    const trace: TraceRecord[] = [];
    for (const file of files) {
      const contents = await readAll(file);
      for (const record of contents.audit) audit.push(record);
      for (const row of contents.trace) trace.push(row);
    }
    whole = analyzeCase({ caseFile, audit, trace, signIns: [], lookups: [], folderListings: [] });
  }, 240_000);

  it('gives exactly the analysis of the whole evidence in memory', () => {
    expect(streamed.analysis.sessions.length).toBeGreaterThan(10);
    expect(readAgain).toBeGreaterThan(0);
    expect(parsedInThreads).toBe(parallel === undefined ? 0 : 2);
    expect(JSON.stringify(streamed.analysis)).toBe(JSON.stringify(whole));
  });

  it('accounts for every record: read = in scope + out of scope + duplicates + rejected', () => {
    const audit = streamed.counts.filter((input) => input.kind === 'audit');
    const read = audit.reduce((sum, input) => sum + input.records + input.rejected, 0);
    expect(read).toBe(generated.records);
    let inScope = 0;
    let duplicates = 0;
    for (const input of audit) {
      const use = streamed.analysis.inputUse[input.file.displayPath];
      if (use === undefined) throw new Error(`no use for ${input.file.displayPath}`);
      expect(input.rejected).toBe(0);
      expect(use.inScope + use.duplicates).toBeLessThanOrEqual(input.records);
      inScope += use.inScope;
      duplicates += use.duplicates;
    }
    expect(duplicates).toBe(generated.inBoth);
    expect(inScope).toBe(streamed.analysis.recordsInScope);
    // Out of scope: before the window, after it, or of mailboxes the case does not concern.
    expect(read - inScope - duplicates).toBeGreaterThan(0);
  });
});
