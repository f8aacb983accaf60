import { AuditAccumulator, threatActorOf } from '../analyze/index.js';
import type { Analysis } from '../analyze/index.js';
import type { EvidenceFile, FoundFile } from '../evidence/index.js';
import { hashFile } from '../evidence/index.js';
import type {
  AuditRecord,
  CaseFile,
  FolderListing,
  MessageLookup,
  Problem,
  SignInRecord,
  TraceRecord,
} from '../model/index.js';
import { InputError, addressInRanges, plural } from '../model/index.js';
import type { InputRecordCounts } from '../report/index.js';
import type { InputSink, InputSummary } from '../sources/index.js';
import { detectInput, lineDelimitedAudit, readInput, readerFormats } from '../sources/index.js';
import { LineIndex } from './line-index.js';
import { ParseWorkers, type WorkerSetup } from './parse-workers.js';
import { PARALLEL_READING, readInParallel, type ParallelReading } from './read-in-parallel.js';
import { seconds } from './stage-time.js';

export interface EvidenceAnalysis {
  /** Per input, in the order the files were given. */
  counts: InputRecordCounts[];
  analysis: Analysis;
  /** Problems found reading the inputs. */
  problems: Problem[];
}

export interface ReadProgress {
  /** One line per finished step. */
  line: (text: string) => void;
  /** While an input is read: bytes read of its size, records so far. */
  reading?: (status: { displayPath: string; bytes: number; size: number; records: number }) => void;
}

/**
 * Reads every input once and analyses it as it is read: sign-ins first (attribution looks them
 * up as audit records pass), then the audit inputs in the order given, each record handed to
 * the analysis as it is read, then the rest. Audit records are never gathered: the analysis
 * keeps what the rules need and afterwards names the few records to read again
 * (AuditAccumulator). An input whose format is not recognised is unusable as a whole and stops
 * the run (exit 2): reporting without it would silently lose evidence.
 */
export async function readEvidence(
  caseFile: CaseFile,
  files: readonly FoundFile[],
  progress: ReadProgress,
  parallel: ParallelReading = PARALLEL_READING,
): Promise<EvidenceAnalysis> {
  const order = await readingOrder(files);
  const trace: TraceRecord[] = [];
  const signIns: SignInRecord[] = [];
  const lookups: MessageLookup[] = [];
  const folderListings: FolderListing[] = [];
  const problems: Problem[] = [];
  const counts = new Map<FoundFile, InputRecordCounts>();
  let accumulator: AuditAccumulator | null = null;
  const audit = () => {
    accumulator ??= new AuditAccumulator(caseFile, signIns);
    return accumulator;
  };
  let workers: ParseWorkers | null = null;
  const startWorkers = () => {
    workers ??= new ParseWorkers(parallel.threads, workerSetup(caseFile, signIns));
    return workers;
  };
  try {
    for (const file of order) {
      const lineIndex = new LineIndex();
      const sink: InputSink = {
        audit: (record) => {
          audit().add(record, lineIndex.of(record.source.line));
        },
        trace: (record) => trace.push(record),
        signIn: (record) => signIns.push(record),
        lookup: (lookup) => lookups.push(lookup),
        folderListing: (listing) => folderListings.push(listing),
      };
      const started = performance.now();
      const reading = (read: { bytes: number; size: number; records: number }) =>
        progress.reading?.({ displayPath: file.displayPath, ...read });
      const lines = parallel.threads > 1 ? await lineDelimitedAudit(file, parallel.minBytes) : null;
      const summary =
        lines === null
          ? await readInput(file, sink, { progress: reading })
          : await readInParallel(
              file,
              lines,
              startWorkers(),
              parallel.blockBytes,
              audit(),
              reading,
            );
      const threads = lines === null ? 1 : parallel.threads;
      counts.set(file, await countsOf(file, summary, problems, progress.line, started, threads));
    }
  } finally {
    await (workers as ParseWorkers | null)?.close();
  }
  const analyzer = audit();
  await readAgain(analyzer, files, counts, progress.line);
  const analysis = analyzer.finish({ trace, lookups, folderListings });
  return { counts: files.flatMap((file) => counts.get(file) ?? []), analysis, problems };
}

/** What parse threads need: the case, and the sign-ins attribution looks up. */
function workerSetup(caseFile: CaseFile, signIns: readonly SignInRecord[]): WorkerSetup {
  const { threatActor } = threatActorOf(caseFile);
  return {
    caseFile,
    signIns: signIns.filter((signIn) => addressInRanges(signIn.ipAddress, threatActor.ranges)),
  };
}

/** Sign-ins first, then audit inputs in the given order, then the rest. */
async function readingOrder(files: readonly FoundFile[]): Promise<FoundFile[]> {
  const kinds = await Promise.all(files.map(async (file) => (await detectInput(file))?.kind));
  const rank = (kind: string | null | undefined) =>
    kind === 'signIns' ? 0 : kind === 'audit' ? 1 : 2;
  return files
    .map((file, index) => ({ file, index, rank: rank(kinds[index]) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ file }) => file);
}

async function countsOf(
  file: FoundFile,
  summary: InputSummary,
  problems: Problem[],
  progress: (line: string) => void,
  started: number,
  threads: number,
): Promise<InputRecordCounts> {
  if (summary.format === null) {
    const why = summary.problems.map((problem) => problem.message).join('; ');
    throw new InputError([
      {
        file: file.displayPath,
        line: null,
        column: null,
        key: null,
        message: `not a format mailexposure reads${why ? ` (${why})` : ''}; expected one of: ${readerFormats.join(', ')}. Export it again in one of these, or change the case's evidence patterns so they do not match it`,
      },
    ]);
  }
  const kind = summary.kind ?? file.role;
  if (kind !== file.role) {
    problems.push({
      code: 'notice',
      input: file.displayPath,
      line: null,
      message: `listed under evidence.${file.role} but holds ${kind} records (${summary.format}); read as ${kind}`,
    });
  }
  for (const problem of summary.problems) problems.push(problem);
  progress(
    `read ${file.displayPath}: ${summary.format}, ${plural(summary.records, 'record', 'records')}` +
      (summary.rejected > 0 ? `, ${summary.rejected} rejected` : '') +
      (threads > 1 ? `, parsed in ${threads} threads` : '') +
      ` (${seconds(started)})`,
  );
  const digest = summary.digest ?? (await hashFile(file.path));
  if (file.sha256 !== undefined && file.sha256 !== digest.sha256) {
    throw changedInput(
      file,
      `has changed since it was collected (collection.json records sha256 ${file.sha256}, the file read has ${digest.sha256}); restore it from the preserved copy`,
    );
  }
  const hashed: EvidenceFile = { ...file, sha256: digest.sha256, bytes: digest.bytes };
  return {
    file: hashed,
    format: summary.format,
    kind,
    records: summary.records,
    rejected: summary.rejected,
  };
}

/**
 * The second, targeted read: only the records the analysis asks for, only in the inputs that
 * hold them, parsing nothing else. The input must be the bytes read the first time.
 */
async function readAgain(
  analyzer: AuditAccumulator,
  files: readonly FoundFile[],
  counts: ReadonlyMap<FoundFile, InputRecordCounts>,
  progress: (line: string) => void,
): Promise<void> {
  const started = performance.now();
  const wanted = analyzer.wanted();
  if (wanted.length === 0) return;
  const byInput = new Map<string, Set<string>>();
  const lines = new Map<string, Set<number>>();
  for (const place of wanted) {
    const places = byInput.get(place.input) ?? new Set<string>();
    places.add(`${place.line}\n${place.index}`);
    byInput.set(place.input, places);
    const wantedLines = lines.get(place.input) ?? new Set<number>();
    wantedLines.add(place.line);
    lines.set(place.input, wantedLines);
  }
  for (const file of files) {
    const places = byInput.get(file.displayPath);
    const wantedLines = lines.get(file.displayPath);
    if (places === undefined || wantedLines === undefined) continue;
    const lineIndex = new LineIndex();
    const late = (record: AuditRecord) => {
      const index = lineIndex.of(record.source.line);
      if (places.has(`${record.source.line}\n${index}`)) analyzer.addLate(record, index);
    };
    const ignore = () => undefined;
    const summary = await readInput(
      file,
      { audit: late, trace: ignore, signIn: ignore, lookup: ignore, folderListing: ignore },
      { wanted: (first, last) => spans(wantedLines, first, last) },
    );
    const before = counts.get(file)?.file.sha256;
    if (summary.digest === null || summary.digest.sha256 !== before) {
      throw changedInput(
        file,
        `changed while it was analysed (sha256 ${before ?? 'unknown'} when first read, ${summary.digest?.sha256 ?? 'unreadable'} when read again); copy the evidence where nothing writes to it and run again`,
      );
    }
  }
  progress(
    `read again ${plural(wanted.length, 'record', 'records')} the analysis needs from ${plural(byInput.size, 'input', 'inputs')} (${seconds(started)})`,
  );
}

function spans(lines: ReadonlySet<number>, first: number, last: number): boolean {
  if (first === last) return lines.has(first);
  for (let line = first; line <= last; line++) if (lines.has(line)) return true;
  return false;
}

function changedInput(file: FoundFile, message: string): InputError {
  return new InputError([{ file: file.displayPath, line: null, column: null, key: null, message }]);
}
