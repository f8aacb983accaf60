import { Worker } from 'node:worker_threads';
import type { CaseFile, SignInRecord } from '../model/index.js';
import type { AuditBlockRows } from '../sources/index.js';
import type { PackedSightings } from './sighting-blocks.js';

/** What every worker thread is started with. */
export interface WorkerSetup {
  caseFile: CaseFile;
  /** The sign-ins attribution looks up (those from attacker addresses are enough). */
  signIns: SignInRecord[];
}

/** One block of lines to parse. */
export interface BlockRequest {
  format: string;
  input: string;
  bytes: Uint8Array;
}

/** What a worker thread found in one block (lines counted from the block's first). */
export interface BlockResult {
  rows: AuditBlockRows;
  invalidUtf8: boolean;
  sightings: PackedSightings;
}

/**
 * Worker threads that parse blocks of lines (parse-worker.ts). Each thread answers its blocks
 * in the order sent, so a block's result is the next one that thread owes. A thread that fails
 * (an error, running out of memory, exiting) fails every block it owes and every later one:
 * the read stops with that error, never waits forever or goes on without the block.
 */
export class ParseWorkers {
  private readonly threads: Thread[];

  constructor(count: number, setup: WorkerSetup) {
    this.threads = Array.from({ length: count }, () => new Thread(setup));
  }

  get size(): number {
    return this.threads.length;
  }

  /** Parses a block on thread `thread`; the bytes are moved there, not copied. */
  parse(thread: number, request: BlockRequest): Promise<BlockResult> {
    const owner = this.threads[thread];
    if (owner === undefined) throw new Error(`no parse thread ${thread}`);
    return owner.parse(request);
  }

  /** Stops every thread; awaited so that none outlives the read. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.close()));
  }
}

interface Owed {
  resolve: (result: BlockResult) => void;
  reject: (error: Error) => void;
}

class Thread {
  private readonly worker: Worker;
  private readonly owed: Owed[] = [];
  private failure: Error | null = null;
  private closing = false;

  constructor(setup: WorkerSetup) {
    this.worker = startWorker(setup);
    this.worker.on('message', (result: BlockResult) => {
      this.owed.shift()?.resolve(result);
    });
    this.worker.on('error', (error) => {
      this.fail(new Error(`a thread parsing the audit log failed: ${error.message}`));
    });
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`a thread parsing the audit log stopped (${code})`));
    });
  }

  parse(request: BlockRequest): Promise<BlockResult> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.owed.push({ resolve, reject });
      this.worker.postMessage(request, [request.bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const owed of this.owed.splice(0)) owed.reject(this.failure);
  }
}

/**
 * The worker thread's module beside this one: parse-worker.js when built. Run from the
 * TypeScript sources (tests, tsx), the thread needs tsx's loader, a development dependency,
 * which typescript-worker.js registers before importing the module.
 */
function startWorker(setup: WorkerSetup): Worker {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const entry = new URL(`./parse-worker${extension}`, import.meta.url);
  if (extension === '.js') return new Worker(entry, { workerData: setup });
  return new Worker(new URL('./typescript-worker.js', import.meta.url), {
    workerData: { ...setup, entry: entry.href },
  });
}
