import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CollectError } from './collect-error.js';
import { assertFileDigest, DIR_MODE, FILE_MODE } from './evidence-writer.js';
import { compareText } from '../model/index.js';
import {
  MANIFEST_NAME,
  readManifest,
  type CollectionManifest,
  type CollectionProblem,
  type ManifestFile,
} from './manifest.js';
import type { CollectionGap, CollectionStep } from '../model/index.js';
import { gapKey } from './step-failure.js';

/** The settings that decide what a collection holds: a resumed run must use the same. */
type Identity = Pick<
  CollectionManifest,
  'case' | 'apiVersion' | 'chunkHours' | 'operations' | 'format'
> & { tenant: Pick<CollectionManifest['tenant'], 'tenantId' | 'cloud' | 'graph'> };

/**
 * Owns `collection.json` in one evidence folder while a collection runs: holds a lock file so
 * two runs cannot write the same evidence, and saves atomically (temp file + rename).
 */
export class ManifestStore {
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    readonly manifest: CollectionManifest,
  ) {}

  static async open(dir: string, fresh: CollectionManifest): Promise<ManifestStore> {
    await mkdir(dir, { recursive: true, mode: DIR_MODE });
    await acquireLock(dir);
    try {
      const existing = await readManifest(dir);
      if (existing !== null) assertSameCollection(existing, fresh, dir);
      const store = new ManifestStore(dir, existing ?? fresh);
      if (existing !== null) store.manifest.tenant.clientId = fresh.tenant.clientId;
      await store.save();
      return store;
    } catch (error) {
      await releaseLock(dir);
      throw error;
    }
  }

  upsertFile(file: ManifestFile): void {
    const files = this.manifest.files.filter((entry) => entry.path !== file.path);
    files.push(file);
    files.sort((a, b) => compareText(a.path, b.path));
    this.manifest.files = files;
  }

  addProblem(problem: CollectionProblem): void {
    const known = this.manifest.problems.some(
      (entry) => entry.code === problem.code && entry.message === problem.message,
    );
    if (!known) this.manifest.problems.push(problem);
  }

  /** A file the manifest lists as saved must still be there, unchanged. */
  async verify(file: string | null, what: string): Promise<void> {
    if (file === null) return;
    const entry = this.manifest.files.find((candidate) => candidate.path === file);
    if (entry === undefined)
      throw new CollectError(`collection.json: ${what} names an unlisted file ${file}`);
    await assertFileDigest(join(this.dir, file), entry);
  }

  /** Records a part of the collection that is missing, replacing what was known of it. */
  addGap(gap: CollectionGap): void {
    const key = gapKey(gap);
    this.manifest.gaps = [...this.manifest.gaps.filter((known) => gapKey(known) !== key), gap];
  }

  /**
   * Forgets the gaps of a step (or of the parts of it `which` picks) that is being collected
   * again: those still there come back.
   */
  clearGaps(step: CollectionStep, which: (gap: CollectionGap) => boolean = () => true): void {
    this.manifest.gaps = this.manifest.gaps.filter((gap) => gap.step !== step || !which(gap));
  }

  addLimitation(sentence: string): void {
    if (!this.manifest.limitations.includes(sentence)) this.manifest.limitations.push(sentence);
  }

  /** Saves now (after any save already under way). */
  save(): Promise<void> {
    const text = `${JSON.stringify(this.manifest, null, 2)}\n`;
    this.saving = this.saving.then(() => writeAtomically(join(this.dir, MANIFEST_NAME), text));
    return this.saving;
  }

  async close(): Promise<void> {
    await this.saving.catch(() => undefined);
    await releaseLock(this.dir);
  }
}

function identity(manifest: CollectionManifest): Identity {
  return {
    format: manifest.format,
    case: manifest.case,
    apiVersion: manifest.apiVersion,
    chunkHours: manifest.chunkHours,
    operations: manifest.operations,
    tenant: {
      tenantId: manifest.tenant.tenantId,
      cloud: manifest.tenant.cloud,
      graph: manifest.tenant.graph,
    },
  };
}

function assertSameCollection(
  existing: CollectionManifest,
  fresh: CollectionManifest,
  dir: string,
): void {
  const before = JSON.stringify(identity(existing));
  const now = JSON.stringify(identity(fresh));
  if (before !== now) {
    throw new CollectError(
      `${dir} holds a collection made with other settings (case, window, accounts, tenant, ` +
        'API version or chunk size); collect into a new evidence folder instead of mixing them',
    );
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w', FILE_MODE);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

const LOCK_NAME = 'collection.lock';

async function acquireLock(dir: string): Promise<void> {
  const path = join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', FILE_MODE);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new CollectError(`another collection (process ${pid}) is writing to ${dir}`);
      }
      // Left behind by an interrupted run: take it over.
      await rm(path, { force: true });
    }
  }
  throw new CollectError(`could not lock ${dir}`);
}

async function releaseLock(dir: string): Promise<void> {
  await rm(join(dir, LOCK_NAME), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
