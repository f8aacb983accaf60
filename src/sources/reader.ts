import type { ProblemCode } from '../model/index.js';
import type { JsonFields, JsonObject } from './json-fields.js';
import { RowRejection } from './row-rejection.js';

/** What a reader's rows become: each kind has one mapper into the model. */
export type ReaderKind = 'audit' | 'messageTrace' | 'signIns' | 'collected';

export interface ReaderInput {
  /** The start of the decoded text (BOM removed), the same string `detect` was given. */
  head: string;
  /** The whole decoded text from its start, in chunks. Can be iterated once. */
  chunks: AsyncIterable<string>;
  /**
   * When given, only records whose text spans a line it accepts (first and last line of the
   * text) need to be yielded; a reader may skip parsing the others. Used to read a few records
   * of an input again.
   */
  wanted?: (first: number, last: number) => boolean;
}

/**
 * One row as a reader yields it, with the 1-based line it starts on: the raw values for the
 * kind's mapper, or why the row could not be read. A `notice` tells something about the input
 * without rejecting a row.
 */
export type RawRow<T> =
  | { line: number; raw: T }
  | {
      line: number;
      problem: { code: Exclude<ProblemCode, 'conflicting-duplicate'>; message: string };
    };

interface ReaderOf<K extends ReaderKind, T> {
  /** Format name, shown in report.json's inputs; also the reader's file name. */
  format: string;
  kind: K;
  /** True when the text starts like this format. Content only, never the file name. */
  detect(head: string): boolean;
  /**
   * The rows in file order, in one array per chunk of text read (the rows of the records that
   * end in it): nothing to await per record, and never an array of a whole file.
   */
  read(input: ReaderInput): AsyncIterable<RawRow<T>[]>;
  /**
   * For a format that can be JSON records one per line (NDJSON, as `read` reads it when the
   * head is): the row of one line's object. A large input of such lines is then read in blocks,
   * in parallel (pipeline/read-in-parallel.ts), with the same code as `read`.
   */
  fromLine?: (record: JsonFields) => T;
}

/** Message-trace columns as text, named after Get-MessageTrace; '' when a cell is empty. */
export interface RawTraceRow {
  messageId: string;
  received: string;
  sender: string;
  recipients: string[];
  subject: string;
  status: string;
  size: string;
}

/** Sign-in fields as text (null when absent), whatever the export called them. */
export interface RawSignIn {
  id: string | null;
  createdDateTime: string | null;
  userPrincipalName: string | null;
  userDisplayName: string | null;
  ipAddress: string | null;
  sessionId: string | null;
  uniqueTokenId: string | null;
  appId: string | null;
  appDisplayName: string | null;
  clientAppUsed: string | null;
  userAgent: string | null;
  succeeded: boolean | null;
}

export type Reader =
  | ReaderOf<'audit', JsonObject>
  | ReaderOf<'messageTrace', RawTraceRow>
  | ReaderOf<'signIns', RawSignIn>
  | ReaderOf<'collected', JsonObject>;

/** Turns a RowRejection thrown while extracting a row's raw values into a rejected row. */
export function rowAt<T>(line: number, extract: () => T): RawRow<T> {
  try {
    return { line, raw: extract() };
  } catch (error) {
    if (error instanceof RowRejection) {
      return { line, problem: { code: error.code, message: error.message } };
    }
    throw error;
  }
}
