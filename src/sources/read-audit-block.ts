import type { AuditRecord, Problem } from '../model/index.js';
import type { JsonFields, JsonObject } from './json-fields.js';
import { NdjsonRows, jsonHeadOf } from './json-records.js';
import { auditRecordOf, consumeRow, inputHead, type Report } from './read-input.js';
import { readers } from './readers.js';
import type { InputFile } from './types.js';

/** An audit format whose records can be read one line at a time (Reader.fromLine). */
export interface LineAuditReader {
  format: string;
  fromLine: (record: JsonFields) => JsonObject;
}

/** What one block of lines held besides its records; lines count from the block's first. */
export interface AuditBlockRows {
  records: number;
  rejected: number;
  problems: Problem[];
  /** The block's last line holding a Graph page, and whether that page is linked to more. */
  lastPage: { line: number; linked: boolean } | null;
  /** Newline bytes in the block: the next block's lines count on from here. */
  newlines: number;
}

/** The reader of an audit format by name, when it can be read one line at a time. */
export function lineAuditReader(format: string): LineAuditReader | null {
  const reader = readers.find((candidate) => candidate.format === format);
  if (reader?.kind !== 'audit' || reader.fromLine === undefined) return null;
  return { format, fromLine: reader.fromLine };
}

/**
 * The reader of an audit input of JSON records one per line, in UTF-8, of at least `minBytes`:
 * one that can be read in blocks, in parallel (pipeline/read-in-parallel.ts). Null for any
 * other input (UTF-16, arrays and pages of JSON, CSV, small files): those are read by readInput.
 */
export async function lineDelimitedAudit(
  file: InputFile,
  minBytes: number,
): Promise<LineAuditReader | null> {
  const found = await inputHead(file);
  if (found === null || found.encoding !== 'utf-8' || found.size < minBytes) return null;
  if (found.reader === undefined || jsonHeadOf(found.head)?.layout !== 'ndjson') return null;
  return lineAuditReader(found.reader.format);
}

/**
 * The audit records of a block of whole lines of an NDJSON input (its bytes, UTF-8), read
 * exactly as readInput reads the whole file (the same line, row, rejection and mapping code),
 * handed to `each` in order. Each line is decoded on its own: a block decoded whole is one
 * two-byte string as soon as one character of it is not ASCII, and so is every line cut from
 * it, slower to parse and twice the memory.
 */
export function readAuditBlock(
  reader: LineAuditReader,
  input: string,
  bytes: Buffer,
  each: (record: AuditRecord) => void,
): AuditBlockRows {
  const block: AuditBlockRows = {
    records: 0,
    rejected: 0,
    problems: [],
    lastPage: null,
    newlines: 0,
  };
  const problem: Report = (code, line, message) => {
    block.problems.push({ code, input, line, message });
  };
  const accept = (raw: JsonObject, line: number): void => {
    each(auditRecordOf(raw, { input, line }, problem));
  };
  const rows = new NdjsonRows(reader.fromLine);
  for (let start = 0; start < bytes.length;) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline === -1 ? bytes.length : newline + 1;
    for (const row of rows.push(bytes.toString('utf8', start, end))) {
      consumeRow(row, block, problem, accept);
    }
    if (newline !== -1) block.newlines++;
    start = end;
  }
  for (const row of rows.end()) consumeRow(row, block, problem, accept);
  block.lastPage = rows.lastPage;
  return block;
}

const NEWLINE = 0x0a;
