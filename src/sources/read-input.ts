import type { AuditRecord, Problem, SourcePosition } from '../model/index.js';
import { openText, type DecodedText } from './decode-text.js';
import { JsonFields, type JsonObject } from './json-fields.js';
import { mapCollectedEvidence } from './map-collected-evidence.js';
import { mapSignIn } from './map-sign-in.js';
import { mapTraceRecord } from './map-trace-record.js';
import { normalizeAuditData } from './normalize-audit-data.js';
import { rowAt, type RawRow, type Reader } from './reader.js';
import { readers } from './readers.js';
import { textKind } from './text-kind.js';
import type { InputFile, InputSink, InputSummary, ReadOptions } from './types.js';

/** How often (in rows) progress is reported. */
const PROGRESS_ROWS = 4096;

/**
 * Reads one input file: decodes it, detects its format from its content, reads it row by row
 * and hands each row, mapped into the model, to `sink` as it is read. Never throws for bad
 * input: an input that cannot be used at all gets an `unreadable-input` Problem, a row that
 * cannot be used is rejected with a Problem naming its line, and every other row becomes a
 * record, in file order.
 */
export async function readInput(
  file: InputFile,
  sink: InputSink,
  options: ReadOptions = {},
): Promise<InputSummary> {
  const { summary, problem } = emptySummary(file);
  let text: DecodedText;
  try {
    text = await openText(file.path);
  } catch (error) {
    problem('unreadable-input', null, `The file could not be read: ${systemError(error)}`);
    return summary;
  }
  if (text.head.trim() === '') {
    summary.digest = await drained(text);
    problem('unreadable-input', null, 'The file is empty');
    return summary;
  }
  const reader = readers.find((candidate) => candidate.detect(text.head));
  if (reader === undefined) {
    problem('unreadable-input', null, unknownFormatMessage(text.head));
    await text.close();
    return summary;
  }
  summary.format = reader.format;
  summary.kind = reader.kind === 'collected' ? 'messageLookups' : reader.kind;
  try {
    const input = { head: text.head, chunks: text.chunks, wanted: options.wanted };
    const report = (): void => {
      options.progress?.({ bytes: text.bytesRead(), size: text.size, records: summary.records });
    };
    await readRows(reader, input, file.displayPath, sink, summary, problem, report);
  } catch (error) {
    problem(
      'unreadable-input',
      null,
      `The file could not be read to its end: ${systemError(error)}`,
    );
  } finally {
    summary.digest = await text.close();
  }
  endOfInput(summary, problem, {
    invalidUtf8: text.hadInvalidUtf8(),
    format: reader.format,
    partial: options.wanted !== undefined,
  });
  return summary;
}

/**
 * What is told about an input once it has been read to its end, whoever read it (this file, or
 * blocks of it in worker threads): a file that changed while it was read, bytes that were no
 * UTF-8, no records at all (`partial`: only some records were asked for).
 */
export function endOfInput(
  summary: InputSummary,
  problem: Report,
  read: { invalidUtf8: boolean; format: string; partial: boolean },
): void {
  if (summary.digest?.changed != null) {
    problem(
      'notice',
      null,
      `The file changed while it was read: ${summary.digest.changed}; the hash is of the bytes read. Copy the evidence where nothing writes to it and run again`,
    );
  }
  if (read.invalidUtf8) {
    problem(
      'notice',
      null,
      'The file is not valid UTF-8: bytes that are no UTF-8 were read as U+FFFD; export it again as UTF-8',
    );
  }
  if (summary.records === 0 && summary.rejected === 0 && !read.partial) {
    problem('unreadable-input', null, `The file holds no records (read as ${read.format})`);
  }
}

/**
 * The format and kind of an input from its head alone, without reading it: lets a caller read
 * inputs in the order the analysis needs them (sign-ins before audit records). Null when the
 * file cannot be opened, is empty or is in no known format (readInput then says why).
 */
export async function detectInput(
  file: InputFile,
): Promise<Pick<InputSummary, 'format' | 'kind'> | null> {
  const found = await inputHead(file);
  if (found === null || found.head.trim() === '' || found.reader === undefined) return null;
  return {
    format: found.reader.format,
    kind: found.reader.kind === 'collected' ? 'messageLookups' : found.reader.kind,
  };
}

/** What an input's head tells without reading on; null when the file cannot be opened. */
export async function inputHead(file: InputFile): Promise<{
  head: string;
  encoding: DecodedText['encoding'];
  size: number;
  /** The reader whose format the head is in, if any. */
  reader: Reader | undefined;
} | null> {
  let text: DecodedText;
  try {
    text = await openText(file.path);
  } catch {
    return null;
  }
  await text.close();
  const { head, encoding, size } = text;
  return { head, encoding, size, reader: readers.find((candidate) => candidate.detect(head)) };
}

/** The digest of a file read for nothing but its bytes (an empty or blank one). */
async function drained(text: DecodedText): Promise<InputSummary['digest']> {
  const chunks = text.chunks[Symbol.asyncIterator]();
  while ((await chunks.next()).done !== true);
  return text.close();
}

export type Report = (code: Problem['code'], line: number | null, message: string) => void;

/** An input's summary before anything is read, and how a problem found in it is told. */
export function emptySummary(file: InputFile): { summary: InputSummary; problem: Report } {
  const summary: InputSummary = {
    format: null,
    kind: null,
    records: 0,
    rejected: 0,
    problems: [],
    digest: null,
  };
  const problem: Report = (code, line, message) => {
    summary.problems.push({ code, input: file.displayPath, line, message });
  };
  return { summary, problem };
}

/** An audit row mapped into the model; what the mapping notices is reported at its line. */
export function auditRecordOf(raw: JsonObject, at: SourcePosition, problem: Report): AuditRecord {
  const notice = (message: string): void => {
    problem('notice', at.line, message);
  };
  return normalizeAuditData(new JsonFields(raw), at, notice);
}

async function readRows(
  reader: Reader,
  input: Parameters<Reader['read']>[0],
  displayPath: string,
  sink: InputSink,
  summary: InputSummary,
  problem: Report,
  progress: () => void,
): Promise<void> {
  const at = (line: number): SourcePosition => ({ input: displayPath, line });
  const rows = { summary, problem, progress };
  switch (reader.kind) {
    case 'audit':
      return consume(reader.read(input), rows, (raw: JsonObject, line) => {
        sink.audit(auditRecordOf(raw, at(line), problem));
      });
    case 'messageTrace':
      return consume(reader.read(input), rows, (raw, line) => {
        sink.trace(mapTraceRecord(raw, at(line)));
      });
    case 'signIns':
      return consume(reader.read(input), rows, (raw, line) => {
        sink.signIn(mapSignIn(raw, at(line)));
      });
    case 'collected':
      return consume(reader.read(input), rows, (raw, line) => {
        const evidence = mapCollectedEvidence(new JsonFields(raw), at(line));
        if (evidence.type === 'messageLookup') sink.lookup(evidence.lookup);
        else sink.folderListing(evidence.listing);
      });
  }
}

/** Hands each row of each batch on synchronously: the only await is per chunk read. */
async function consume<T>(
  batches: AsyncIterable<RawRow<T>[]>,
  rows: { summary: InputSummary; problem: Report; progress: () => void },
  accept: (raw: T, line: number) => void,
): Promise<void> {
  let count = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      if (++count % PROGRESS_ROWS === 0) rows.progress();
      consumeRow(row, rows.summary, rows.problem, accept);
    }
  }
  rows.progress();
}

/** Counts a row as a record or rejected, reporting its problem; `accept` maps a record's row. */
export function consumeRow<T>(
  row: RawRow<T>,
  summary: Pick<InputSummary, 'records' | 'rejected'>,
  problem: Report,
  accept: (raw: T, line: number) => void,
): void {
  const mapped =
    'raw' in row
      ? rowAt(row.line, () => {
          accept(row.raw, row.line);
        })
      : row;
  if ('raw' in mapped) {
    summary.records++;
    return;
  }
  const { code, message } = mapped.problem;
  problem(code, mapped.line, message);
  if (code === 'unreadable-row' || code === 'missing-field' || code === 'invalid-field') {
    summary.rejected++;
  }
}

function unknownFormatMessage(head: string): string {
  const base = 'The file is in no format this tool reads (docs/adding-a-reader.md lists them)';
  switch (textKind(head)) {
    case 'utf-16':
      return `${base}; it is UTF-16 text without a byte order mark: save it again as UTF-8 (or UTF-16 with a byte order mark)`;
    case 'zip':
      return `${base}; it is a zip archive (an .xlsx workbook is one too): unpack it and name the exports inside, or save the sheet as CSV`;
    case 'binary':
      return `${base}; it is binary data, not text: name the CSV or JSON export itself`;
    case 'text':
      return base;
  }
}

/** The message of a file system error; anything else is a fault of this program and is thrown. */
export function systemError(error: unknown): string {
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
    return error.message;
  }
  throw error;
}
