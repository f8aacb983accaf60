import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openText } from '../../src/sources/decode-text.js';
import { readers } from '../../src/sources/readers.js';
import { fixtureDir, readAll, type InputContents } from './fixture-files.js';

/** Property runs per property; fixed seeds, so a failure is the same on every machine. */
const RUNS = 60;
const fixtures = readdirSync(fixtureDir).sort();

/** The decoded text of a fixture, as the readers are given it: head and all the text. */
async function decoded(name: string): Promise<{ head: string; text: string }> {
  const opened = await openText(join(fixtureDir, name));
  let text = '';
  for await (const chunk of opened.chunks) text += chunk;
  await opened.close();
  return { head: opened.head, text };
}

/** The text cut at the given places, never inside a surrogate pair (a decoder never does). */
function cut(text: string, at: readonly number[]): string[] {
  const places = [...new Set(at.map((place) => place % (text.length + 1)))]
    .filter((place) => !/[\udc00-\udfff]/.test(text.charAt(place)))
    .sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const place of places) {
    pieces.push(text.slice(start, place));
    start = place;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** The pieces as a file's chunks come: one at a time, each after a turn of the event loop. */
async function* inChunks(pieces: readonly string[]): AsyncGenerator<string> {
  for (const piece of pieces) yield await Promise.resolve(piece);
}

/** Every row a fixture's reader yields from text given in these pieces, as JSON text. */
async function rowsOf(name: string, pieces: readonly string[], head: string): Promise<string> {
  const reader = readers.find((candidate) => candidate.detect(head));
  if (reader === undefined) throw new Error(`no reader claims ${name}`);
  const rows: unknown[] = [];
  for await (const batch of reader.read({ head, chunks: inChunks(pieces) })) {
    for (const row of batch) rows.push(row);
  }
  return JSON.stringify(rows);
}

describe('reading, whatever the input (fast-check)', () => {
  it.each(fixtures)('%s: a record split across reads anywhere is read the same', async (name) => {
    const { head, text } = await decoded(name);
    const whole = await rowsOf(name, [text], head);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (at) => {
        expect(await rowsOf(name, cut(text, at), head)).toBe(whole);
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });

  /** Characters that break records: quotes, separators, brackets, line ends, NUL, escapes. */
  const hostile = fc.constantFrom(
    '"',
    ',',
    '{',
    '}',
    '[',
    ']',
    ':',
    '\n',
    '\r\n',
    '\u0000',
    '\\',
    '\ufeff',
    '\ud83d',
    'é',
    ' ',
    'x',
    '9',
  );
  const edit = fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 40 }),
    insert: fc.array(hostile, { maxLength: 6 }).map((parts) => parts.join('')),
  });

  it('never throws on a damaged input, and accounts for every row it read or rejected', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-damaged-'));
    const texts = await Promise.all(fixtures.map(async (name) => (await decoded(name)).text));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: fixtures.length - 1 }),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        async (which, edits) => {
          let text = texts[which] ?? '';
          for (const { at, remove, insert } of edits) {
            const place = at % (text.length + 1);
            text = text.slice(0, place) + insert + text.slice(place + remove);
          }
          const name = `damaged-${String((run += 1))}-${fixtures[which] ?? ''}`;
          await writeFile(join(dir, name), text);
          expectAccounted(await readAll({ path: join(dir, name), displayPath: name }));
        },
      ),
      { numRuns: RUNS * 4, seed: 11 },
    );
  });

  it('never throws on bytes that are no text at all', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-bytes-'));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const name = `bytes-${String((run += 1))}.bin`;
        await writeFile(join(dir, name), bytes);
        expectAccounted(await readAll({ path: join(dir, name), displayPath: name }));
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });
});

/** Records handed on = records counted; each rejected row has its problem, at its line. */
function expectAccounted(contents: InputContents): void {
  const handed =
    contents.audit.length +
    contents.trace.length +
    contents.signIns.length +
    contents.lookups.length +
    contents.folderListings.length;
  expect(handed).toBeLessThanOrEqual(contents.records);
  const rowProblems = contents.problems.filter((problem) =>
    ['unreadable-row', 'missing-field', 'invalid-field'].includes(problem.code),
  );
  expect(rowProblems.length).toBe(contents.rejected);
  for (const problem of rowProblems) expect(problem.line).toBeGreaterThan(0);
  if (contents.format === null) {
    expect(contents.records + contents.rejected).toBe(0);
    expect(contents.problems.map((problem) => problem.code)).toContain('unreadable-input');
  }
}
