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

const SHOWN = 80;

function describe(value: unknown): string {
  // JSON.stringify writes a number beyond the largest double (1e309 parses as Infinity) as null.
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return `${value < 0 ? '-' : ''}beyond the largest number a value can hold`;
  }
  const text = value === undefined ? 'undefined' : jsonPrefix(value, SHOWN + 1);
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 3)}...` : text;
}

/**
 * The start of the value's JSON text, at least `budget` characters of it when it is that long.
 * Never the whole of a large or deeply nested value: JSON.stringify of a field nested 5,000
 * levels deep overflows the call stack, and of a huge one takes its size again in memory.
 */
function jsonPrefix(value: unknown, budget: number): string {
  if (typeof value === 'string') {
    if (value.length <= budget) return JSON.stringify(value);
    return JSON.stringify(value.slice(0, budget)).slice(0, -1);
  }
  // What JSON.stringify writes as null in an array (it never meets these in parsed JSON).
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
    return 'null';
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const array = Array.isArray(value);
  let text = array ? '[' : '{';
  for (const [key, entry] of Object.entries(value)) {
    if (text.length > budget) return text;
    if (!array && entry === undefined) continue;
    if (text.length > 1) text += ',';
    if (!array) text += `${JSON.stringify(key)}:`;
    text += jsonPrefix(entry, budget - text.length);
  }
  return text + (array ? ']' : '}');
}
