/**
 * The small part of OData `$filter` that the emulated endpoints document: comparisons of a
 * property with a literal, `startsWith`/`endsWith`/`contains`, `and`, `or`, parentheses, and
 * `<collection>/any(x: x eq <literal>)` over a collection of strings (beta `signInEventTypes`).
 * Each endpoint lists the properties and operators it supports, as Microsoft's pages do, and a
 * filter outside that list is refused with the reason.
 */

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type FunctionName = 'startswith' | 'endswith' | 'contains';
export type Operator = CompareOp | FunctionName;

export type Literal =
  | { type: 'string'; value: string }
  | { type: 'datetime'; value: number }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' };

export type Filter =
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'test'; op: Operator; property: string; literal: Literal }
  | { kind: 'any'; op: CompareOp; collection: string; literal: Literal };

/**
 * What an endpoint supports: operators per property (lower-cased path), `or`, and per
 * collection (lower-cased path) the operators allowed on its elements inside `any()`.
 */
export interface FilterSupport {
  properties: Record<string, Operator[]>;
  or: boolean;
  any?: Record<string, CompareOp[]>;
}

const TOKEN =
  /\s*(?:(?<string>'(?:[^']|'')*')|(?<punct>[(),:])|(?<datetime>\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))|(?<word>[A-Za-z_$][\w/.$@-]*)|(?<number>-?\d+(?:\.\d+)?))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (match === null) {
      if (text.slice(start).trim() === '') break;
      throw new Error(`unexpected text at ${start}: ${text.slice(start, start + 20)}`);
    }
    tokens.push(match[0].trim());
  }
  return tokens;
}

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set<string>(['startswith', 'endswith', 'contains']);

function parseLiteral(token: string | undefined): Literal {
  if (token === undefined) throw new Error('a value is missing');
  if (token.startsWith("'"))
    return { type: 'string', value: token.slice(1, -1).replaceAll("''", "'") };
  if (/^\d{4}-\d{2}-\d{2}T/.test(token)) {
    const value = Date.parse(token);
    if (Number.isNaN(value)) throw new Error(`invalid date ${token}`);
    return { type: 'datetime', value };
  }
  if (token === 'true' || token === 'false') return { type: 'boolean', value: token === 'true' };
  if (token === 'null') return { type: 'null' };
  if (/^-?\d/.test(token)) return { type: 'number', value: Number(token) };
  throw new Error(`invalid value ${token}`);
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: string[]) {}

  parse(): Filter {
    const filter = this.or();
    if (this.position < this.tokens.length) throw new Error(`unexpected ${this.peek() ?? ''}`);
    return filter;
  }

  private peek(): string | undefined {
    return this.tokens[this.position];
  }

  private next(): string | undefined {
    return this.tokens[this.position++];
  }

  private expect(token: string): void {
    const found = this.next();
    if (found !== token) throw new Error(`expected ${token}, found ${found ?? 'the end'}`);
  }

  private or(): Filter {
    let left = this.and();
    while (this.peek()?.toLowerCase() === 'or') {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Filter {
    let left = this.primary();
    while (this.peek()?.toLowerCase() === 'and') {
      this.next();
      left = { kind: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): Filter {
    const token = this.next();
    if (token === undefined) throw new Error('the filter ends too early');
    if (token === '(') {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    const lower = token.toLowerCase();
    if (lower.endsWith('/any') && this.peek() === '(') return this.any(lower.slice(0, -4));
    if (FUNCTIONS.has(lower)) {
      this.expect('(');
      const property = this.next() ?? '';
      this.expect(',');
      const literal = parseLiteral(this.next());
      this.expect(')');
      return { kind: 'test', op: lower as FunctionName, property: property.toLowerCase(), literal };
    }
    const op = this.next()?.toLowerCase();
    if (op === undefined || !COMPARE_OPS.has(op))
      throw new Error(`unsupported operator ${op ?? ''}`);
    return {
      kind: 'test',
      op: op as CompareOp,
      property: lower,
      literal: parseLiteral(this.next()),
    };
  }

  /** `(x: x op literal)`: only a comparison of the range variable itself. */
  private any(collection: string): Filter {
    this.expect('(');
    const variable = this.next();
    if (variable === undefined || !/^[A-Za-z_]\w*$/.test(variable))
      throw new Error(`expected a lambda variable after ${collection}/any(`);
    this.expect(':');
    this.expect(variable);
    const op = this.next()?.toLowerCase();
    if (op === undefined || !COMPARE_OPS.has(op))
      throw new Error(`unsupported operator ${op ?? ''} in ${collection}/any`);
    const literal = parseLiteral(this.next());
    this.expect(')');
    return { kind: 'any', op: op as CompareOp, collection, literal };
  }
}

/** Parses `text` and checks it against what the endpoint supports; throws with the reason. */
export function parseFilter(text: string, support: FilterSupport): Filter {
  const filter = new Parser(tokenize(text)).parse();
  const check = (node: Filter): void => {
    if (node.kind === 'test') {
      const ops = support.properties[node.property];
      if (ops === undefined) throw new Error(`filtering on ${node.property} is not supported`);
      if (!ops.includes(node.op))
        throw new Error(`${node.op} is not supported on ${node.property}`);
      return;
    }
    if (node.kind === 'any') {
      const ops = support.any?.[node.collection];
      if (ops === undefined) throw new Error(`${node.collection}/any is not supported`);
      if (!ops.includes(node.op))
        throw new Error(`${node.op} is not supported in ${node.collection}/any`);
      return;
    }
    if (node.kind === 'or' && !support.or) throw new Error("'or' is not supported here");
    check(node.left);
    check(node.right);
  };
  check(filter);
  return filter;
}

/** Reads a `/`-separated property path from an object, matching names case-insensitively. */
export function readPath(item: unknown, path: string): unknown {
  let current = item;
  for (const name of path.split('/')) {
    if (typeof current !== 'object' || current === null) return undefined;
    const entry = Object.entries(current).find(([key]) => key.toLowerCase() === name);
    current = entry?.[1];
  }
  return current;
}

function compare(actual: unknown, literal: Literal): number | null {
  switch (literal.type) {
    case 'datetime': {
      const time = typeof actual === 'string' ? Date.parse(actual) : Number.NaN;
      return Number.isNaN(time) ? null : time - literal.value;
    }
    case 'number':
      return typeof actual === 'number' ? actual - literal.value : null;
    case 'boolean':
      return actual === literal.value ? 0 : null;
    case 'null':
      return actual === null || actual === undefined ? 0 : null;
    case 'string':
      // Exchange and Entra compare strings without regard to case.
      return typeof actual === 'string'
        ? actual.toLowerCase().localeCompare(literal.value.toLowerCase())
        : null;
  }
}

function holds(actual: unknown, op: Operator, literal: Literal): boolean {
  if (op === 'startswith' || op === 'endswith' || op === 'contains') {
    if (typeof actual !== 'string' || literal.type !== 'string') return false;
    const haystack = actual.toLowerCase();
    const needle = literal.value.toLowerCase();
    if (op === 'startswith') return haystack.startsWith(needle);
    return op === 'endswith' ? haystack.endsWith(needle) : haystack.includes(needle);
  }
  const order = compare(actual, literal);
  if (order === null) return op === 'ne';
  const results: Record<CompareOp, boolean> = {
    eq: order === 0,
    ne: order !== 0,
    gt: order > 0,
    ge: order >= 0,
    lt: order < 0,
    le: order <= 0,
  };
  return results[op];
}

export function matches(item: unknown, filter: Filter): boolean {
  if (filter.kind === 'test')
    return holds(readPath(item, filter.property), filter.op, filter.literal);
  if (filter.kind === 'any') {
    const values = readPath(item, filter.collection);
    return Array.isArray(values) && values.some((value) => holds(value, filter.op, filter.literal));
  }
  if (filter.kind === 'and') return matches(item, filter.left) && matches(item, filter.right);
  return matches(item, filter.left) || matches(item, filter.right);
}

/** Every `test` node of a filter (e.g. to find the date bounds a message trace query gives). */
export function tests(filter: Filter): Extract<Filter, { kind: 'test' }>[] {
  if (filter.kind === 'test') return [filter];
  if (filter.kind === 'any') return [];
  return [...tests(filter.left), ...tests(filter.right)];
}

/** Whether a filter has an `any()` over `collection` (lower-cased path) anywhere in it. */
export function hasAny(filter: Filter, collection: string): boolean {
  if (filter.kind === 'test') return false;
  if (filter.kind === 'any') return filter.collection === collection;
  return hasAny(filter.left, collection) || hasAny(filter.right, collection);
}
