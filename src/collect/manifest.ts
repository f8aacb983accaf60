import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CloudName, CollectAuth, MetadataSource } from '../model/index.js';
import { CollectError } from './collect-error.js';
import { DIR_MODE, FILE_MODE, isNotFound, type FileDigest } from './evidence-writer.js';

export const MANIFEST_FORMAT = 'mailexposure-collection/1';
export const MANIFEST_NAME = 'collection.json';

export type EvidenceKind = 'audit' | 'signIns' | 'messageLookups';

/** An evidence file, for the chain of custody and for the readers. */
export interface ManifestFile extends FileDigest {
  /** Relative to the evidence folder, forward slashes. */
  path: string;
  kind: EvidenceKind;
  /** What the file holds: the reader to use. */
  format: 'graph-audit-records' | 'graph-sign-ins' | 'graph-message-lookups';
}

/** The exact body POSTed to create an audit log query. */
export interface AuditQueryBody {
  displayName: string;
  filterStartDateTime: string;
  filterEndDateTime: string;
  operationFilters: string[];
  userPrincipalNameFilters: string[];
}

/** A page as received: its URL, the SHA-256 of its body and its number of records. */
export interface PageEntry {
  url: string;
  sha256: string;
  records: number;
}

export interface AuditChunkEntry {
  key: string;
  start: string;
  end: string;
  /** Key of the chunk this one is a half of, when a record limit made us split. */
  splitFrom: string | null;
  /**
   * `split`: the query hit its record limit, its halves replace it (no records kept from it).
   * `truncated`: it hit the limit and is too short to split: its records are incomplete.
   */
  status: 'pending' | 'complete' | 'split' | 'truncated';
  request: { method: 'POST'; url: string; body: AuditQueryBody };
  queryId: string | null;
  queryStatus: string | null;
  /** Queries created for this chunk (more than one after a failed or vanished query). */
  attempts: number;
  approximateReturnedRecordCount: number | null;
  isRecordCountLimitExceeded: boolean | null;
  recordCountLimit: number | null;
  pages: PageEntry[];
  /** Records written to `file`. */
  records: number | null;
  file: string | null;
  completedAt: string | null;
}

export interface SignInQueryEntry {
  key: string;
  account: string;
  signInType: 'interactive' | 'nonInteractive';
  request: { method: 'GET'; url: string };
  /** `rejected`: Graph refused the query (400); `reason` says why. */
  status: 'pending' | 'complete' | 'rejected';
  reason: string | null;
  pages: PageEntry[];
  records: number | null;
  file: string | null;
  completedAt: string | null;
}

export interface FolderEntry {
  mailbox: string;
  path: string;
  /** Messages received at or before this time were listed (the latest sync asked for). */
  receivedBefore: string;
  status: 'listed' | 'not-found';
  folderId: string | null;
  messages: number;
  /** Items Graph listed without an internetMessageId (cannot be keyed; counted, not lost). */
  withoutInternetMessageId: number;
  reason: string | null;
  file: string | null;
  completedAt: string | null;
}

export interface LookupTally {
  lookedUp: number;
  found: Partial<Record<MetadataSource, number>>;
  notFound: number;
}

export interface CollectionRun {
  step: 'audit' | 'messages';
  caseFileSha256: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: 'running' | 'complete' | 'incomplete' | 'interrupted' | 'failed';
  message: string | null;
  requests: { sent: number; retried: number; waitedMs: number };
}

export type CollectionProblemCode =
  'record-limit-exceeded' | 'folder-not-found' | 'message-without-id' | 'feature-unavailable';

export interface CollectionProblem {
  code: CollectionProblemCode;
  message: string;
}

/**
 * `collection.json`: what was asked of Microsoft 365, exactly, and what came back. It is both
 * the chain of custody and the state an interrupted collection resumes from. No secrets.
 */
export interface CollectionManifest {
  format: typeof MANIFEST_FORMAT;
  tool: { name: string; version: string };
  case: {
    id: string;
    accounts: string[];
    window: { start: string; end: string };
  };
  tenant: {
    tenantId: string;
    clientId: string;
    cloud: CloudName;
    login: string;
    graph: string;
    authMethod: CollectAuth['method'];
  };
  apiVersion: 'v1.0' | 'beta';
  chunkHours: number;
  operations: string[];
  runs: CollectionRun[];
  audit: { chunks: AuditChunkEntry[] };
  signIns: { queries: SignInQueryEntry[] };
  messages: { lookups: LookupTally; folders: FolderEntry[] };
  files: ManifestFile[];
  problems: CollectionProblem[];
  /** What this collection cannot show, in sentences for the report's limitations. */
  limitations: string[];
}

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

export async function readManifest(dir: string): Promise<CollectionManifest | null> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_NAME), 'utf8');
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<CollectionManifest>;
  if (parsed.format !== MANIFEST_FORMAT) {
    throw new CollectError(`${join(dir, MANIFEST_NAME)} is not a ${MANIFEST_FORMAT} manifest`);
  }
  return parsed as CollectionManifest;
}

let cachedVersion: string | null = null;

/** This package's version (the manifest names the tool that collected). */
export function toolVersion(): string {
  if (cachedVersion === null) {
    const url = new URL('../../package.json', import.meta.url);
    cachedVersion = (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  }
  return cachedVersion;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
