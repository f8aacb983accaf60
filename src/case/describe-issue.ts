import type * as z from 'zod';
import { closestName } from './closest-name.js';
import type { CaseIssue } from './locate-issue.js';
import { childValue, fieldsAtPath, keysAtPath } from './schema-at-path.js';

/**
 * Turns zod's issues into what a user can act on: what is wrong with the value as written and
 * what to write instead. zod's own wording ("Invalid input: expected string, received
 * undefined") is kept only for checks that wrote their own message.
 */
export function describeZodIssues(
  schema: z.core.$ZodType,
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
): CaseIssue[] {
  return issues.flatMap((issue) => describeIssue(schema, issue, raw));
}

function describeIssue(
  schema: z.core.$ZodType,
  issue: z.core.$ZodIssue,
  raw: unknown,
): CaseIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const allowed = keysAtPath(schema, issue.path, raw);
    return issue.keys.map((key) => ({
      path: [...issue.path, key],
      atKey: true,
      message: unknownKeyMessage(key, allowed, sectionsAllowing(schema, key, raw)),
    }));
  }
  return [{ path: issue.path, message: messageFor(schema, issue, raw) }];
}

function messageFor(schema: z.core.$ZodType, issue: z.core.$ZodIssue, raw: unknown): string {
  const value = valueAtPath(raw, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.path.length === 0) {
        return `the case file ${value === null ? 'holds no keys' : `holds ${show(value)}`}; it must be a mapping with case:, accounts:, threatActor:, window: and output: keys`;
      }
      return value === undefined || value === null
        ? missingValueMessage(schema, issue, raw, value)
        : wrongTypeMessage(issue.expected, value, typeof issue.path.at(-1) === 'number');
    case 'invalid_value':
      return notOneOfMessage(value, issue.values);
    case 'invalid_union':
      // A discriminated union (collect.auth) reports at its discriminator key, `method`.
      if (issue.discriminator === undefined || !('options' in issue) || !issue.options) {
        return issue.message;
      }
      return value === undefined
        ? `is missing; choose one of: ${issue.options.join(', ')}`
        : notOneOfMessage(value, issue.options);
    case 'too_small':
      if (issue.origin === 'array') return 'is an empty list; add at least one entry';
      if (issue.origin === 'string') {
        return 'is empty; fill it in, or leave the key out where it is optional';
      }
      return `must be at least ${String(issue.minimum)}, not ${show(value)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}, not ${show(value)}`;
    default:
      return issue.message;
  }
}

function valueAtPath(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, segment) => childValue(value, segment), raw);
}

/** A key left out, or written with nothing after its colon. */
function missingValueMessage(
  schema: z.core.$ZodType,
  issue: z.core.$ZodIssueInvalidType,
  raw: unknown,
  value: null | undefined,
): string {
  if (value === null && issue.expected === 'object') {
    return 'has no value; indent its keys below it, or leave it out where it is optional';
  }
  const description = fieldsAtPath(schema, issue.path, raw)[0]?.description;
  const problem =
    value === null
      ? 'has no value'
      : `required key \`${String(issue.path.at(-1))}\` is missing here`;
  return description === undefined ? problem : `${problem}; add it: ${description}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
};

function wrongTypeMessage(expected: string, value: unknown, listItem: boolean): string {
  const message = `must be ${EXPECTED[expected] ?? expected}, not ${show(value)}`;
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `${message}; put the value in quotes`;
  }
  const colon = expected === 'string' ? textWithColon(value) : null;
  if (colon !== null) {
    const quoted = `'${colon.replaceAll("'", "''")}'`;
    const why = `${message}: YAML reads the ": " in unquoted text as a key and its value`;
    return listItem
      ? `${why}; put the item in quotes: - ${quoted}`
      : `${why}; put the value in quotes: ${quoted}`;
  }
  if (expected === 'boolean' && typeof value === 'string') {
    return `${message}; write true or false without quotes`;
  }
  if (expected === 'array' && !Array.isArray(value) && typeof value !== 'object') {
    return `${message}; write [first, second] or one "- entry" line per entry`;
  }
  return message;
}

/** `- Password reset: done 10 Oct` as YAML reads it, a one-key mapping, written back. */
function textWithColon(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  const [key, inner] = entries[0] ?? [];
  if (entries.length !== 1 || key === undefined) return null;
  if (inner === null) return `${key}:`;
  return typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean'
    ? `${key}: ${String(inner)}`
    : null;
}

function notOneOfMessage(value: unknown, allowed: readonly unknown[]): string {
  const names = allowed.map(String);
  const suggestion = typeof value === 'string' ? closestName(value, names) : null;
  return (
    `${typeof value === 'string' ? JSON.stringify(value) : show(value)} is not one of: ${names.join(', ')}` +
    (suggestion === null ? '' : `; did you mean \`${suggestion}\`?`)
  );
}

/**
 * The top-level sections whose mapping takes `key` (`locale` written under `report:` belongs
 * under `case:`): a key in the wrong section is a common slip that spelling cannot explain.
 */
function sectionsAllowing(schema: z.core.$ZodType, key: string, raw: unknown): string[] {
  return keysAtPath(schema, [], raw).filter((section) =>
    keysAtPath(schema, [section], raw).includes(key),
  );
}

function unknownKeyMessage(
  key: string,
  allowed: readonly string[],
  sections: readonly string[],
): string {
  if (/privatekey/i.test(key)) {
    return `\`${key}\` must not be in the case file: name the PEM file holding the key with \`certificatePath\` (auth method: certificate)`;
  }
  if (/secret|password/i.test(key) && key.toLowerCase() !== 'secretenv') {
    return `\`${key}\` must not be in the case file, which is kept with the evidence: put the secret in an environment variable and give that variable's name as \`secretEnv\` under collect.auth (method: secret)`;
  }
  if (sections.length > 0) {
    const under = sections.map((section) => `\`${section}:\``).join(' or ');
    return `\`${key}\` is not allowed here; it belongs under ${under}: move it there`;
  }
  const suggestion = closestName(key, allowed);
  return suggestion === null
    ? `unknown key \`${key}\`; the keys allowed here are: ${allowed.join(', ')}`
    : `unknown key \`${key}\`; did you mean \`${suggestion}\`?`;
}

/** A value as the user wrote it, for messages. */
function show(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}
