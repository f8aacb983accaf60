import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CloudName, CollectAuth, MetadataSource } from '../model/index.js';
import { CollectError } from './collect-error.js';
import { isNotFound, type FileDigest } from './evidence-writer.js';

export const MANIFEST_FORMAT = 'mailexposure-collection/1';
export const MANIFEST_NAME = 'collection.json';

export type EvidenceKind = 'audit' | 'signIns' | 'messageLookups';

/** An evidence file, for the chain of custody and for the readers. */
export interface ManifestFile extends FileDigest {
  /** Relative to the evidence folder, forward slashes. */
  path: string;
  kind: EvidenceKind;
  /** What the file holds: the reader to use. */
  format: 'graph-audit-records' | 'graph-sign-ins' | 'collected-lookups-ndjson';
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
