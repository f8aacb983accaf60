import { invalidField } from './row-rejection.js';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Typed, tolerant access to one JSON object of an input. Keys are matched exactly, then
 * ignoring case, because Graph's key casing inside `auditData` is unconfirmed (FORMATS.md §2).
 * Values are read the way real feeds write them: numbers and booleans may be strings
 * (`"2"`, `"1156492.00"`, `"True"`), nested objects may be JSON text. A present value of the
 * wrong shape rejects the row (`invalid-field`) instead of being guessed at.
 */
export class JsonFields {
  readonly raw: JsonObject;
  /** Name of this object in messages, e.g. `AppAccessContext`. */
  private readonly prefix: string;

  constructor(object: JsonObject, prefix = '') {
    this.raw = object;
    this.prefix = prefix;
  }

  get(name: string): unknown {
    // One lookup for a key that is there (most are): JSON gives no value that is undefined or
    // a function, so either means an inherited name or none (the names asked are our own).
    const value = this.raw[name];
    if (value !== undefined && typeof value !== 'function') return value;
    if (Object.hasOwn(this.raw, name)) return value;
    // Most misses are absent fields: compare only keys of the same length, without a copy.
    const lower = name.toLowerCase();
    for (const key in this.raw) {
      if (key.length === name.length && key.toLowerCase() === lower) return this.raw[key];
    }
    return undefined;
  }

  /** The field's name as shown in problem messages. */
  label(name: string): string {
    return this.prefix === '' ? name : `${this.prefix}.${name}`;
  }

  /** A string, number or boolean as trimmed text; null when absent, null or blank. */
  text(name: string): string | null {
    const value = this.get(name);
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') {
      const trimmed = value.trim();
      return trimmed === '' ? null : trimmed;
    }
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw invalidField(this.label(name), value);
  }

  /**
   * Free text as its author wrote it, leading and trailing spaces kept (a subject `" =1+1"`
   * is not `"=1+1"`); null when absent, null or blank.
   */
  verbatim(name: string): string | null {
    const value = this.get(name);
    if (typeof value === 'string') return value.trim() === '' ? null : value;
    return this.text(name);
  }

  /** A number, or a string holding one (`"1156492.00"`). */
  number(name: string): number | null {
    const value = this.get(name);
    const parsed = parseNumber(value);
    if (parsed === undefined) throw invalidField(this.label(name), value);
    return parsed;
  }

  /** An integer, or a string holding one (`"0"`, `"2.00"`). */
  integer(name: string): number | null {
    const value = this.number(name);
    if (value !== null && !Number.isInteger(value)) throw invalidField(this.label(name), value);
    return value;
  }

  /** true/false, or the strings `True`/`false` in any case. */
  flag(name: string): boolean | null {
    const value = this.get(name);
    const parsed = parseFlag(value);
    if (parsed === undefined) throw invalidField(this.label(name), value);
    return parsed;
  }

  /** A nested object (or JSON text holding one); null when absent. */
  object(name: string): JsonFields | null {
    const value = nested(this.get(name));
    if (value === null) return null;
    if (!isJsonObject(value)) throw invalidField(this.label(name), value);
    return new JsonFields(value, this.label(name));
  }

  /** A nested array, or a single object standing for a list of one; null when absent. */
  list(name: string): unknown[] | null {
    const value = nested(this.get(name));
    if (value === null) return null;
    if (isJsonObject(value)) return [value];
    if (!Array.isArray(value)) throw invalidField(this.label(name), value);
    return value as unknown[];
  }

  /** A nested array (or JSON text holding one); null when absent. */
  array(name: string): unknown[] | null {
    const value = nested(this.get(name));
    if (value === null) return null;
    if (!Array.isArray(value)) throw invalidField(this.label(name), value);
    return value as unknown[];
  }
}

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** undefined means "present but not a number". */
export function parseNumber(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return null;
  return NUMBER.test(text) ? Number(text) : undefined;
}

/** undefined means "present but not a boolean". */
export function parseFlag(value: unknown): boolean | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (text === '') return null;
  if (text === 'true') return true;
  if (text === 'false') return false;
  return undefined;
}

function nested(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return null;
  if (!text.startsWith('{') && !text.startsWith('[')) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}
