import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInput, type InputContents, type InputFile } from '../../src/sources/index.js';

export const fixtureDir = fileURLToPath(new URL('../fixtures/sources/', import.meta.url));

/** A fixture as the pipeline would name it: shown relative to the case file. */
export function fixture(name: string): InputFile {
  return { path: join(fixtureDir, name), displayPath: `evidence/${name}` };
}

export function readFixture(name: string): Promise<InputContents> {
  return readInput(fixture(name));
}

export function fixtureText(name: string): Promise<string> {
  return readFile(join(fixtureDir, name), 'utf8');
}

/** Writes bytes to a fresh temporary folder under `name` and reads them as an input. */
export async function readBytes(name: string, bytes: string | Buffer): Promise<InputContents> {
  const dir = await mkdtemp(join(tmpdir(), 'mailexposure-sources-'));
  const path = join(dir, name);
  await writeFile(path, bytes);
  return readInput({ path, displayPath: name });
}

/** UTF-16 text with its byte order mark, as Windows PowerShell's `Out-File` writes it. */
export function utf16(text: string, order: 'le' | 'be'): Buffer {
  const little = Buffer.from(`\ufeff${text.replace(/^\ufeff/, '')}`, 'utf16le');
  return order === 'le' ? little : Buffer.from(little).swap16();
}

/** The problems of an input as `code@line`, the form tests compare. */
export function problemsOf(contents: InputContents): string[] {
  return contents.problems.map((problem) => `${problem.code}@${String(problem.line)}`);
}
