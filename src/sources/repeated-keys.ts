import type { JsonFields, JsonObject } from './json-fields.js';
import { RowRejection } from './row-rejection.js';

/**
 * JSON.parse keeps the last of a key given twice in one object, so `"ClientIP":
 * "203.0.113.7", …, "ClientIP": "10.0.0.1"` would read as the benign address alone. These are
 * the keys whose every value matters to identity, scope or attribution.
 */
const WATCHED = new Set([
  'Id',
  'CreationTime',
  'Operation',
  'UserId',
  'MailboxOwnerUPN',
  'ClientIP',
  'ClientIPAddress',
  'SessionId',
  'AADSessionId',
  'AppId',
  'ClientAppId',
]);

/** Every value of each watched key given more than once, differently, in one object. */
export type RepeatedKeys = Record<string, string[]>;

/** Where a parsed object keeps its repeated keys: a symbol survives `{ ...object }` copies. */
const REPEATED = Symbol('repeated keys');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** The quotes in the text that open or close a string: those not escaped by a backslash. */
function quotesInText(text: string): number {
  let count = 0;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) count += 1;
  }
  return count;
}

/**
 * The strings the parsed value holds, keys and values alike. A loop, not recursion: JSON.parse
 * accepts nesting deeper than a recursive walk could follow.
 */
function stringsInValue(value: unknown): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') count += 1;
    if (typeof item !== 'object' || item === null) continue;
    if (Array.isArray(item)) {
      for (const element of item) pending.push(element);
      continue;
    }
    for (const key in item) {
      count += 1;
      pending.push((item as JsonObject)[key]);
    }
  }
  return count;
}

/**
 * Cheap first look, one search of the text: every string of the text, key or value, is in the
 * parsed value unless JSON.parse dropped a key given twice (and with it at least the key's own
 * string). Escaped spellings such as `"Client\\u0049P"` and spaces before a colon change no
 * count. About 58 % of the JSON.parse it follows (BENCHMARKS.md).
 */
function mayRepeat(value: unknown, text: string): boolean {
  return quotesInText(text) !== 2 * stringsInValue(value);
}

interface Frame {
  parent: Frame | null;
  object: boolean;
  /** Object: the key whose value comes next; array: the index of the next element. */
  key: string | null;
  index: number;
  /** Where this frame sits in its parent: a key or an index. */
  step: string | number | null;
  expectKey: boolean;
  seen: Map<string, string[]> | null;
}

function pathOf(frame: Frame): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Frame | null = frame; at?.step != null; at = at.parent) path.push(at.step);
  return path.reverse();
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}

function isDelimiter(code: number): boolean {
  return (
    code === COMMA ||
    code === CLOSE_OBJECT ||
    code === CLOSE_ARRAY ||
    code <= 0x20 ||
    code === COLON
  );
}

/**
 * The JSON text's objects that give a watched key more than once with different values, by
 * their path from the top. One pass over the text, only for text that `mayRepeat`; the text
 * is JSON that JSON.parse has already accepted.
 */
function scan(text: string): { path: (string | number)[]; repeated: RepeatedKeys }[] {
  const found: { path: (string | number)[]; repeated: RepeatedKeys }[] = [];
  // Cast, not annotated: TypeScript would otherwise take it to stay null in the loop below.
  let frame = null as Frame | null;
  const value = (item: string): void => {
    if (frame?.object !== true || frame.key === null || !WATCHED.has(frame.key)) return;
    frame.seen ??= new Map();
    const values = frame.seen.get(frame.key);
    if (values === undefined) frame.seen.set(frame.key, [item]);
    else values.push(item);
  };
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const end = stringEnd(text, index);
      const literal = text.slice(index + 1, end);
      const decoded = literal.includes('\\') ? (JSON.parse(`"${literal}"`) as string) : literal;
      if (frame?.object === true && frame.expectKey) frame.key = decoded;
      else value(decoded);
      index = end + 1;
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      value(code === OPEN_OBJECT ? '{…}' : '[…]');
      const parent: Frame | null = frame;
      frame = {
        parent,
        object: code === OPEN_OBJECT,
        key: null,
        index: 0,
        step: parent === null ? null : parent.object ? (parent.key ?? '') : parent.index,
        expectKey: code === OPEN_OBJECT,
        seen: null,
      };
      index += 1;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      const closed: Frame | null = frame;
      if (closed?.seen != null) {
        const repeated: RepeatedKeys = {};
        for (const [key, values] of closed.seen) {
          if (values.length > 1 && new Set(values).size > 1) repeated[key] = values;
        }
        if (Object.keys(repeated).length > 0) found.push({ path: pathOf(closed), repeated });
      }
      frame = closed?.parent ?? null;
      index += 1;
    } else if (code === COMMA) {
      if (frame?.object === true) frame.expectKey = true;
      else if (frame !== null) frame.index += 1;
      index += 1;
    } else if (code === COLON) {
      if (frame !== null) frame.expectKey = false;
      index += 1;
    } else if (code <= 0x20) {
      index += 1;
    } else {
      // A number, true, false or null: up to the next delimiter.
      let end = index + 1;
      while (end < text.length && !isDelimiter(text.charCodeAt(end))) end += 1;
      value(text.slice(index, end));
      index = end;
    }
  }
  return found;
}

/**
 * Notes on the parsed `value` of `text` every watched key its objects give more than once
 * with different values, for `repeatedKeysOf` to find. For a record without a repeated key it
 * costs a count of the strings in the text and in the parsed value; one with any is scanned.
 */
export function markRepeatedKeys(value: unknown, text: string): void {
  // A wrapper holding AuditData as text is read for that text alone, checked when it is parsed.
  if (typeof Reflect.get(Object(value), 'AuditData') === 'string') return;
  if (!mayRepeat(value, text)) return;
  for (const { path, repeated } of scan(text)) {
    let target: unknown = value;
    for (const step of path) {
      target = typeof target === 'object' && target !== null ? Reflect.get(target, step) : null;
    }
    if (typeof target === 'object' && target !== null) Reflect.set(target, REPEATED, repeated);
  }
}

/** The watched keys this object gave more than once, differently; empty when none. */
export function repeatedKeysOf(object: JsonObject): RepeatedKeys {
  const repeated: unknown = Reflect.get(object, REPEATED);
  return typeof repeated === 'object' && repeated !== null ? (repeated as RepeatedKeys) : {};
}

/** Keys a record holds one value of: given twice, differently, it cannot be read one way. */
const SINGLE_VALUED = new Set([
  'Id',
  'CreationTime',
  'Operation',
  'UserId',
  'MailboxOwnerUPN',
  'SessionId',
  'AADSessionId',
]);

/**
 * The decision for one object of a record: a single-valued key given twice with different
 * values rejects the record (RowRejection, `invalid-field`); the addresses and app ids of a
 * repeated key are all kept, for attribution to consider each, and `notice` says so.
 */
export function checkRepeatedKeys(
  object: JsonFields | null,
  notice: (message: string) => void,
): RepeatedKeys {
  if (object === null) return {};
  const repeated = repeatedKeysOf(object.raw);
  const listed = (values: string[]): string =>
    values.map((value) => JSON.stringify(value)).join(', ');
  for (const [key, values] of Object.entries(repeated)) {
    if (SINGLE_VALUED.has(key)) {
      throw new RowRejection(
        'invalid-field',
        `${object.label(key)} is given ${values.length} times with different values (${listed(values)}): the record cannot be read one way`,
      );
    }
  }
  const keys = Object.keys(repeated);
  if (keys.length > 0) {
    notice(
      `${keys.map((key) => `${object.label(key)} is given ${repeated[key]?.length ?? 0} times (${listed(repeated[key] ?? [])})`).join('; ')}: every value is considered for attribution`,
    );
  }
  return repeated;
}
