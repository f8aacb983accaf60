import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CollectError } from './collect-error.js';

/** What the manifest records of an evidence file. */
export interface FileDigest {
  sha256: string;
  bytes: number;
  /** NDJSON lines. */
  records: number;
}

/** Evidence holds personal data (addresses, subjects): readable by its owner only. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/**
 * Writes one query's NDJSON into `<path>.partial` and renames it into place when complete,
 * so a file under its final name is always a whole query result.
 */
export class NdjsonFileWriter {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private records = 0;

  private constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string): Promise<NdjsonFileWriter> {
    await mkdir(dirname(path), { recursive: true, mode: DIR_MODE });
    return new NdjsonFileWriter(path, await open(`${path}.partial`, 'w', FILE_MODE));
  }

  /**
   * Continues the `.partial` file an interrupted run left, from what it had saved (`saved`, as
   * recorded in the manifest at its last checkpoint): lines written after that are cut off.
   * Null when the file is gone or its saved part no longer hashes the same: start over then.
   */
  static async resume(path: string, saved: FileDigest): Promise<NdjsonFileWriter | null> {
    const partial = `${path}.partial`;
    const content = await readFile(partial).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    if (content === null) return null;
    const prefix = content.subarray(0, saved.bytes);
    if (prefix.length < saved.bytes || sha256(prefix) !== saved.sha256) return null;
    const handle = await open(partial, 'r+', FILE_MODE);
    await handle.truncate(saved.bytes);
    const writer = new NdjsonFileWriter(path, handle);
    writer.hash.update(prefix);
    writer.bytes = saved.bytes;
    writer.records = saved.records;
    return writer;
  }

  async write(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    const buffer = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
    await this.handle.write(buffer, 0, buffer.length, this.bytes);
    this.hash.update(buffer);
    this.bytes += buffer.length;
    this.records += lines.length;
  }

  /** Flushes what was written to disk; the digest is what a resumed run may continue from. */
  async checkpoint(): Promise<FileDigest> {
    await this.handle.sync();
    return { sha256: this.hash.copy().digest('hex'), bytes: this.bytes, records: this.records };
  }

  /**
   * Puts the file in place; null when the query returned nothing, so that no empty file is
   * made (the manifest still records the query, its pages and their hashes).
   */
  async finish(): Promise<FileDigest | null> {
    if (this.records === 0) {
      await this.discard();
      return null;
    }
    await this.handle.sync();
    await this.handle.close();
    await rename(`${this.path}.partial`, this.path);
    return { sha256: this.hash.digest('hex'), bytes: this.bytes, records: this.records };
  }

  async discard(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(`${this.path}.partial`, { force: true });
  }

  /** Leaves the `.partial` file for a later run to resume. */
  async suspend(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/**
 * An NDJSON file that grows across runs (message lookups). The manifest records the digest of
 * what was saved; on reopening, that prefix must still hash the same (else the evidence was
 * changed and the collection stops), and whole lines written after it by an interrupted run
 * are kept while a torn last line is cut off.
 */
export class NdjsonAppender {
  private constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
    private readonly hash: Hash,
    private bytes: number,
    private records: number,
  ) {}

  static async open(
    path: string,
    recorded: FileDigest | null,
  ): Promise<{ appender: NdjsonAppender; lines: string[] }> {
    await mkdir(dirname(path), { recursive: true, mode: DIR_MODE });
    const content = await readFile(path).catch((error: unknown) => {
      if (isNotFound(error)) return Buffer.alloc(0);
      throw error;
    });
    if (recorded !== null) {
      const prefix = content.subarray(0, recorded.bytes);
      if (prefix.length < recorded.bytes || sha256(prefix) !== recorded.sha256) {
        throw new CollectError(
          `${path} no longer matches the SHA-256 recorded in collection.json: the evidence was ` +
            'changed after it was collected; keep it aside and collect into a new evidence folder',
        );
      }
    }
    const kept = content.subarray(0, content.lastIndexOf(0x0a) + 1);
    const text = kept.toString('utf8');
    const lines = text === '' ? [] : text.slice(0, -1).split('\n');
    lines.forEach((line, index) => {
      try {
        JSON.parse(line);
      } catch {
        throw new CollectError(`${path}:${index + 1} is not a JSON line; the evidence is damaged`);
      }
    });
    const handle = await open(path, 'a+', FILE_MODE);
    if (kept.length < content.length) await handle.truncate(kept.length);
    const hash = createHash('sha256').update(kept);
    return { appender: new NdjsonAppender(path, handle, hash, kept.length, lines.length), lines };
  }

  private queue: Promise<unknown> = Promise.resolve();

  /** Appends whole lines; concurrent calls are written one after the other. */
  append(lines: readonly string[]): Promise<FileDigest> {
    const next = this.queue.then(() => this.appendNow(lines));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async appendNow(lines: readonly string[]): Promise<FileDigest> {
    if (lines.length > 0) {
      const buffer = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
      await this.handle.write(buffer);
      await this.handle.sync();
      this.hash.update(buffer);
      this.bytes += buffer.length;
      this.records += lines.length;
    }
    return this.digest();
  }

  digest(): FileDigest {
    return { sha256: this.hash.copy().digest('hex'), bytes: this.bytes, records: this.records };
  }

  /** Closes the file; one that stayed empty is removed (no empty evidence files). */
  async close(): Promise<void> {
    await this.queue;
    await this.handle.close();
    if (this.bytes === 0) await rm(this.path, { force: true });
  }
}

/** SHA-256 of a whole file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** A file recorded as complete must still be there, byte for byte. */
export async function assertFileDigest(path: string, digest: FileDigest): Promise<void> {
  let actual: string;
  try {
    actual = await sha256File(path);
  } catch (error) {
    if (isNotFound(error)) {
      throw new CollectError(`${path} is recorded in collection.json but is missing`);
    }
    throw error;
  }
  if (actual !== digest.sha256) {
    throw new CollectError(
      `${path} no longer matches the SHA-256 recorded in collection.json: the evidence was ` +
        'changed after it was collected; keep it aside and collect into a new evidence folder',
    );
  }
}

/** A mailbox or account as a file name: lower-case, nothing a file system could object to. */
export function fileSafe(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.@_-]/g, '_');
}

/** The complete lines of an NDJSON file. */
export async function readLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').filter((line) => line !== '');
}
