import type { AuditAccumulator } from '../analyze/index.js';
import type { InputFile, InputSummary, LineAuditReader, LineBlock } from '../sources/index.js';
import {
  LineBlocks,
  emptySummary,
  endOfInput,
  oversizeMessage,
  systemError,
  UNFINISHED_PAGES,
} from '../sources/index.js';
import { LineIndex } from './line-index.js';
import type { BlockResult, ParseWorkers } from './parse-workers.js';
import { unpackSightings } from './sighting-blocks.js';

/** When and how audit inputs are read in parallel (readEvidence). */
export interface ParallelReading {
  /** Inputs of at least this many bytes; smaller ones are read in sequence. */
  minBytes: number;
  /** About how many bytes each block of lines holds. */
  blockBytes: number;
  /** Worker threads; below 2, nothing is read in parallel. */
  threads: number;
}

/**
 * Two threads, for two cores (MAILEXPOSURE_READ_THREADS=1 reads in sequence); blocks of a few
 * megabytes (a few thousand records: one message each way per block); smaller inputs are read
 * faster than threads start.
 */
export const PARALLEL_READING: ParallelReading = {
  minBytes: 32 << 20,
  blockBytes: 4 << 20,
  threads: Number(process.env.MAILEXPOSURE_READ_THREADS ?? 2) || 1,
};

/** Blocks parsed or being parsed ahead of the one the analysis takes next, per thread. */
const AHEAD_PER_THREAD = 2;

/**
 * Reads an audit input of JSON lines (lineDelimitedAudit) in blocks of whole lines parsed by
 * worker threads, in turn, while this thread reads the file once, hashing it, and hands each
 * block's records to the analysis strictly in file order, with the lines counted across the
 * blocks: the analysis sees what a sequential read gives it (AuditAccumulator.addSighting
 * applies the same rule to each record as `add`), and the summary is the same. Memory stays
 * bounded: a few blocks are read ahead, no more.
 */
export async function readInParallel(
  file: InputFile,
  reader: LineAuditReader,
  workers: ParseWorkers,
  blockBytes: number,
  accumulator: AuditAccumulator,
  progress?: (read: { bytes: number; size: number; records: number }) => void,
): Promise<InputSummary> {
  const { summary, problem } = emptySummary(file);
  summary.format = reader.format;
  summary.kind = 'audit';
  let blocks: LineBlocks;
  try {
    blocks = await LineBlocks.open(file.path, blockBytes);
  } catch (error) {
    problem('unreadable-input', null, `The file could not be read: ${systemError(error)}`);
    return summary;
  }
  const input = new BlockInput(file.displayPath, summary, accumulator);
  const ahead: Promise<BlockResult>[] = [];
  let parsed = 0;
  let readError: string | null = null;
  try {
    for (;;) {
      while (readError === null && ahead.length < AHEAD_PER_THREAD * workers.size) {
        let block: LineBlock | null;
        try {
          block = await blocks.next();
        } catch (error) {
          readError = systemError(error);
          break;
        }
        if (block === null) break;
        ahead.push(
          'bytes' in block
            ? workers.parse(parsed++ % workers.size, {
                format: reader.format,
                input: file.displayPath,
                bytes: block.bytes,
              })
            : Promise.resolve(oversizeLine(block)),
        );
        // A thread's failure is met when its block is taken, not as unhandled meanwhile.
        ahead.at(-1)?.catch(() => undefined);
      }
      const next = ahead.shift();
      if (next === undefined) break;
      input.take(await next);
      progress?.({ bytes: blocks.read, size: blocks.opened.size, records: summary.records });
    }
  } finally {
    summary.digest = await blocks.close();
  }
  input.end();
  if (readError !== null) {
    problem('unreadable-input', null, `The file could not be read to its end: ${readError}`);
  }
  endOfInput(summary, problem, {
    invalidUtf8: input.invalidUtf8,
    format: reader.format,
    partial: false,
  });
  return summary;
}

/** The blocks' results taken in file order into the input's summary and the analysis. */
class BlockInput {
  invalidUtf8 = false;
  /** The line the next block starts on. */
  private line = 1;
  private lastPage: { line: number; linked: boolean } | null = null;
  private readonly lineIndex = new LineIndex();

  constructor(
    private readonly input: string,
    private readonly summary: InputSummary,
    private readonly accumulator: AuditAccumulator,
  ) {}

  take(result: BlockResult): void {
    const before = this.line - 1;
    const { rows } = result;
    for (const found of rows.problems) {
      const line = found.line === null ? null : found.line + before;
      this.summary.problems.push({ ...found, input: this.input, line });
    }
    this.summary.records += rows.records;
    this.summary.rejected += rows.rejected;
    if (rows.lastPage !== null) {
      this.lastPage = { line: rows.lastPage.line + before, linked: rows.lastPage.linked };
    }
    if (result.invalidUtf8) this.invalidUtf8 = true;
    unpackSightings(result.sightings, (sighting, blockLine, record) => {
      const source = { input: this.input, line: blockLine + before };
      if (record !== null) record.source = source;
      this.accumulator.addSighting(sighting, source, this.lineIndex.of(source.line), record);
    });
    this.line += rows.newlines;
  }

  /** A last Graph page that says more results follow (as readJsonRecords reports it). */
  end(): void {
    if (this.lastPage?.linked !== true) return;
    const line = this.lastPage.line;
    this.summary.problems.push({
      code: 'notice',
      input: this.input,
      line,
      message: UNFINISHED_PAGES,
    });
  }
}

/** A line too long to be a record, as a block of its own: rejected, its lines counted. */
function oversizeLine(block: Extract<LineBlock, { oversize: number }>): BlockResult {
  return {
    rows: {
      records: 0,
      rejected: 1,
      problems: [
        { code: 'unreadable-row', input: null, line: 1, message: oversizeMessage(block.oversize) },
      ],
      lastPage: null,
      newlines: block.newline ? 1 : 0,
    },
    invalidUtf8: block.invalidUtf8,
    sightings: {
      count: 0,
      lines: new Uint32Array(0),
      fingerprints: new Uint32Array(0),
      flags: new Int32Array(0),
      ids: [],
      times: [],
      fields: new Uint32Array(0),
      texts: [],
      evidence: [],
      whole: [],
    },
  };
}
