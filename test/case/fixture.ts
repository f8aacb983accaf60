import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { loadCaseFile } from '../../src/case/index.js';
import { InputError, type InputIssue } from '../../src/model/index.js';

/** Absolute path of a file under test/fixtures/case/. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/case/${name}`, import.meta.url));
}

export const FIXTURE_DIR = fixture('.').replace(/\/$/, '');

/** The issues loading `path` reports; fails the test when it loads without error. */
export async function issuesOf(path: string): Promise<InputIssue[]> {
  const error: unknown = await loadCaseFile(path).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InputError);
  return [...(error as InputError).issues];
}

/** An expected issue: position and key exactly, the message by its gist. */
export function issue(
  file: string,
  line: number | null,
  column: number | null,
  key: string | null,
  gist: RegExp,
): InputIssue {
  return { file, line, column, key, message: expect.stringMatching(gist) as string };
}
