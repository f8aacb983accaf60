import { compareText } from './compare-text.js';

/**
 * Problems are data, not exceptions: every record that could not be used is reported with
 * where it came from and why, so counsel can see that nothing was silently dropped.
 */
export type ProblemCode =
  /** A row or line could not be parsed at all (broken CSV, invalid JSON). */
  | 'unreadable-row'
  /** The row parsed but lacks a field the record cannot do without (Id, CreationTime, ...). */
  | 'missing-field'
  /** A field holds a value of the wrong shape (a time that is no time, ...). */
  | 'invalid-field'
  /** A whole input file could not be read or its format was not recognised. */
  | 'unreadable-input'
  /** The same record Id was seen with different content in two places. */
  | 'conflicting-duplicate'
  /** Anything the pipeline wants the reader of the report to know about an input. */
  | 'notice';

export interface Problem {
  code: ProblemCode;
  /** Input path as shown to the user (relative to the case file), or null for the case itself. */
  input: string | null;
  /** 1-based line where the offending record starts, when known. */
  line: number | null;
  message: string;
}

/** The order problems are listed in: by input (the case itself first), line, code, message. */
export function compareProblems(a: Problem, b: Problem): number {
  return (
    compareText(a.input ?? '', b.input ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareText(a.code, b.code) ||
    compareText(a.message, b.message)
  );
}
