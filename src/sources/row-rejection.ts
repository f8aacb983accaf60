import type { ProblemCode } from '../model/index.js';

/** The problem codes that reject a single row while the rest of the input is read. */
export type RowProblemCode = Extract<
  ProblemCode,
  'unreadable-row' | 'missing-field' | 'invalid-field'
>;

/**
 * Thrown by readers and mappers for one row that cannot become a record. It never leaves this
 * stage: the row is counted as rejected and reported as a Problem with its input and line.
 */
export class RowRejection extends Error {
  readonly code: RowProblemCode;

  constructor(code: RowProblemCode, message: string) {
    super(message);
    this.name = 'RowRejection';
    this.code = code;
  }
}

export function missingField(name: string): RowRejection {
  return new RowRejection('missing-field', `${name} is missing`);
}

export function invalidField(name: string, value: unknown): RowRejection {
  return new RowRejection('invalid-field', `${name} has an unusable value ${describe(value)}`);
}

function describe(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
