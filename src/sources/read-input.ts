import type { Problem, SourcePosition } from '../model/index.js';
import { openText, type DecodedText } from './decode-text.js';
import { JsonFields, type JsonObject } from './json-fields.js';
import { mapCollectedEvidence } from './map-collected-evidence.js';
import { mapSignIn } from './map-sign-in.js';
import { mapTraceRecord } from './map-trace-record.js';
import { normalizeAuditData } from './normalize-audit-data.js';
import { rowAt, type RawRow, type Reader } from './reader.js';
import { readers } from './readers.js';
import type { InputContents, InputFile } from './index.js';

/**
 * Reads one input file: decodes it, detects its format from its content, reads it row by row
 * and maps each row into the model. Never throws for bad input: an input that cannot be used
 * at all gets an `unreadable-input` Problem, a row that cannot be used is rejected with a
 * Problem naming its line, and every other row becomes a record, in file order.
 */
export async function readInput(file: InputFile): Promise<InputContents> {
  const contents: InputContents = {
    format: null,
    kind: null,
    audit: [],
    trace: [],
    signIns: [],
    lookups: [],
    folderListings: [],
    records: 0,
    rejected: 0,
    problems: [],
  };
  const problem = (code: Problem['code'], line: number | null, message: string): void => {
    contents.problems.push({ code, input: file.displayPath, line, message });
  };
  let text: DecodedText;
  try {
    text = await openText(file.path);
  } catch (error) {
    problem('unreadable-input', null, `The file could not be read: ${systemError(error)}`);
    return contents;
  }
  if (text.head.trim() === '') {
    problem('unreadable-input', null, 'The file is empty');
    await text.close();
    return contents;
  }
  const reader = readers.find((candidate) => candidate.detect(text.head));
  if (reader === undefined) {
    problem('unreadable-input', null, unknownFormatMessage(text.head));
    await text.close();
    return contents;
  }
  contents.format = reader.format;
  contents.kind = reader.kind === 'collected' ? 'messageLookups' : reader.kind;
  try {
    await readRows(reader, text, file.displayPath, contents, problem);
  } catch (error) {
    problem(
      'unreadable-input',
      null,
      `The file could not be read to its end: ${systemError(error)}`,
    );
  } finally {
    await text.close();
  }
  if (text.hadInvalidUtf8()) {
    problem(
      'notice',
      null,
      'The file is not valid UTF-8: bytes that are no UTF-8 were read as U+FFFD; export it again as UTF-8',
    );
  }
  if (contents.records === 0 && contents.rejected === 0) {
    problem('unreadable-input', null, `The file holds no records (read as ${reader.format})`);
  }
  return contents;
}

type Report = (code: Problem['code'], line: number | null, message: string) => void;

async function readRows(
  reader: Reader,
  text: DecodedText,
  input: string,
  contents: InputContents,
  problem: Report,
): Promise<void> {
  const source = { head: text.head, chunks: text.chunks };
  const at = (line: number): SourcePosition => ({ input, line });
  switch (reader.kind) {
    case 'audit':
      return consume(reader.read(source), contents, problem, (raw: JsonObject, line) => {
        contents.audit.push(normalizeAuditData(new JsonFields(raw), at(line)));
      });
    case 'messageTrace':
      return consume(reader.read(source), contents, problem, (raw, line) => {
        contents.trace.push(mapTraceRecord(raw, at(line)));
      });
    case 'signIns':
      return consume(reader.read(source), contents, problem, (raw, line) => {
        contents.signIns.push(mapSignIn(raw, at(line)));
      });
    case 'collected':
      return consume(reader.read(source), contents, problem, (raw, line) => {
        const evidence = mapCollectedEvidence(new JsonFields(raw), at(line));
        if (evidence.type === 'messageLookup') contents.lookups.push(evidence.lookup);
        else contents.folderListings.push(evidence.listing);
      });
  }
}

async function consume<T>(
  rows: AsyncIterable<RawRow<T>>,
  contents: InputContents,
  problem: Report,
  accept: (raw: T, line: number) => void,
): Promise<void> {
  for await (const row of rows) {
    const mapped =
      'raw' in row
        ? rowAt(row.line, () => {
            accept(row.raw, row.line);
          })
        : row;
    if ('raw' in mapped) {
      contents.records++;
      continue;
    }
    const { code, message } = mapped.problem;
    problem(code, mapped.line, message);
    if (code === 'unreadable-row' || code === 'missing-field' || code === 'invalid-field') {
      contents.rejected++;
    }
  }
}

function unknownFormatMessage(head: string): string {
  const base = 'The file is in no format this tool reads (docs/adding-a-reader.md lists them)';
  // Without a byte order mark, UTF-16 text shows up as NUL characters between letters.
  return head.includes('\u0000')
    ? `${base}; it contains NUL characters: UTF-16 without a byte order mark?`
    : base;
}

/** The message of a file system error; anything else is a fault of this program and is thrown. */
function systemError(error: unknown): string {
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
    return error.message;
  }
  throw error;
}
