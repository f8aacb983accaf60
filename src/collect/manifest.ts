import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  CloudName,
  CollectAuth,
  CollectionGap,
  MetadataSource,
  StepFailure,
} from '../model/index.js';
import { CollectError } from './collect-error.js';
import { isNotFound, type FileDigest } from './evidence-writer.js';

export const MANIFEST_FORMAT = 'mailexposure-collection/1';
export const MANIFEST_NAME = 'collection.json';

export type EvidenceKind = 'audit' | 'signIns' | 'messageLookups' | 'messageTrace';

/** An evidence file, for the chain of custody and for the readers. */
export interface ManifestFile extends FileDigest {
  /** Relative to the evidence folder, forward slashes. */
  path: string;
  kind: EvidenceKind;
  /** What the file holds: the reader to use. */
  format:
    'graph-audit-records' | 'graph-sign-ins' | 'collected-lookups-ndjson' | 'graph-message-trace';
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

/** Where an interrupted listing stands: its next page, and what its `.partial` file held. */
export interface ListingProgress {
  next: string;
  saved: FileDigest;
}

export interface AuditChunkEntry {
  key: string;
  start: string;
  end: string;
  /** Key of the chunk this one is a half of, when a record limit made us split. */
  splitFrom: string | null;
  /**
   * A mailbox the attacker reached as a delegate, whose own account this query asks for (its
   * owner's records: throttling, syncs); null for the case accounts.
   */
  delegate: string | null;
  /**
   * `split`: the query hit its record limit, its halves replace it (no records kept from it).
   * `truncated`: it hit the limit and is too short to split: its records are incomplete.
   * `failed`: Graph kept failing for this chunk (`failure` says how); the next run tries again.
   */
  status: 'pending' | 'complete' | 'split' | 'truncated' | 'failed';
  failure: StepFailure | null;
  request: { method: 'POST'; url: string; body: AuditQueryBody };
  queryId: string | null;
  queryStatus: string | null;
  /** Queries created for this chunk (more than one after a failed or vanished query). */
  attempts: number;
  approximateReturnedRecordCount: number | null;
  isRecordCountLimitExceeded: boolean | null;
  recordCountLimit: number | null;
  pages: PageEntry[];
  /** Set while the query's records are being listed: a later run resumes from there. */
  progress: ListingProgress | null;
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
  /**
   * `rejected`: Graph refused the query (400); `reason` says why. `failed`: Graph kept failing
   * or refused access (the collection's `gaps` say how); the next run tries again.
   */
  status: 'pending' | 'complete' | 'rejected' | 'failed';
  reason: string | null;
  pages: PageEntry[];
  progress: ListingProgress | null;
  records: number | null;
  file: string | null;
  completedAt: string | null;
}

/**
 * One question to message trace about the attacker's activity, and its answer: an answer with
 * no row is an answer too (its pages are the proof), and neither is asked again.
 */
export interface TraceQueryEntry {
  /** The file its rows go to, relative to the evidence folder: the question's key. */
  key: string;
  request: { method: 'GET'; url: string };
  pages: PageEntry[];
  records: number;
  /** Null when message trace had no row to give. */
  file: string | null;
  completedAt: string;
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

/** Where a message lookup goes next: its mailbox, its recoverable items, message trace. */
export type LookupStage = 'mailbox' | 'recoverable' | 'messageTrace';

/**
 * A message whose lookup is not finished: the stages still to ask (in order) and what the
 * stages already asked said. A message whose line is written but that a stage could not search
 * (access refused, a persistent fault) stays here with that stage, so the next run asks only it.
 */
export interface PendingLookup {
  mailbox: string;
  internetMessageId: string;
  stages: LookupStage[];
  /** What the stages asked since the message's last line said, for its reason. */
  notes: string[];
  /** Message trace slices already searched without finding it (newest first). */
  traceSearched?: number;
}

export interface CollectionRun {
  step: 'audit' | 'delegates' | 'messages';
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
  messages: { lookups: LookupTally; folders: FolderEntry[]; pending: PendingLookup[] };
  messageTrace: { queries: TraceQueryEntry[] };
  files: ManifestFile[];
  problems: CollectionProblem[];
  /** Parts of the collection Graph refused or kept failing: what is missing, and why. */
  gaps: CollectionGap[];
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
  // Fields added since the format's first version: an older collection resumes with them empty.
  parsed.gaps ??= [];
  parsed.messageTrace ??= { queries: [] };
  const messages = parsed.messages as Partial<CollectionManifest['messages']> | undefined;
  if (messages !== undefined) messages.pending ??= [];
  for (const chunk of (parsed.audit?.chunks ?? []) as Partial<AuditChunkEntry>[]) {
    chunk.failure ??= null;
    chunk.progress ??= null;
    chunk.delegate ??= null;
  }
  for (const query of (parsed.signIns?.queries ?? []) as Partial<SignInQueryEntry>[]) {
    query.progress ??= null;
  }
  return parsed as CollectionManifest;
}
