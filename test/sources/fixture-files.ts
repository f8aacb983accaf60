import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  AuditRecord,
  FolderListing,
  MessageLookup,
  SignInRecord,
  TraceRecord,
} from '../../src/model/index.js';
import { readInput, type InputFile, type InputSummary } from '../../src/sources/index.js';

/** An input's summary and every record it held, gathered: small test inputs only. */
export interface InputContents extends InputSummary {
  audit: AuditRecord[];
  trace: TraceRecord[];
  signIns: SignInRecord[];
  lookups: MessageLookup[];
  folderListings: FolderListing[];
}

/** Reads an input and gathers what the pipeline would have handed on record by record. */
export async function readAll(file: InputFile): Promise<InputContents> {
  const gathered = {
    audit: [] as AuditRecord[],
    trace: [] as TraceRecord[],
    signIns: [] as SignInRecord[],
    lookups: [] as MessageLookup[],
    folderListings: [] as FolderListing[],
  };
  const summary = await readInput(file, {
    audit: (record) => gathered.audit.push(record),
    trace: (record) => gathered.trace.push(record),
    signIn: (record) => gathered.signIns.push(record),
    lookup: (lookup) => gathered.lookups.push(lookup),
    folderListing: (listing) => gathered.folderListings.push(listing),
  });
  return { ...summary, ...gathered };
}

export const fixtureDir = fileURLToPath(new URL('../fixtures/sources/', import.meta.url));

/** A fixture as the pipeline would name it: shown relative to the case file. */
export function fixture(name: string): InputFile {
  return { path: join(fixtureDir, name), displayPath: `evidence/${name}` };
}

export function readFixture(name: string): Promise<InputContents> {
  return readAll(fixture(name));
}

export function fixtureText(name: string): Promise<string> {
  return readFile(join(fixtureDir, name), 'utf8');
}

/** Writes bytes to a fresh temporary folder under `name` and reads them as an input. */
export async function readBytes(name: string, bytes: string | Buffer): Promise<InputContents> {
  const dir = await mkdtemp(join(tmpdir(), 'mailexposure-sources-'));
  const path = join(dir, name);
  await writeFile(path, bytes);
  return readAll({ path, displayPath: name });
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
