import type { ReportFormat } from './case-file.js';
import type { CollectionGap } from './collection-gap.js';
import type { MetadataSource } from './message-lookup.js';
import type { Problem } from './problem.js';

/** Why a record or session was attributed to the threat actor (DESIGN.md rule 2). */
export type AttributionReason = 'ip' | 'session' | 'app' | 'signIn';

export type Exposure = 'confirmed' | 'presumed-sync' | 'presumed-throttled';

export interface ReportInput {
  /** As shown to the user: relative to the case file, forward slashes. */
  path: string;
  sha256: string;
  /** Detected format, e.g. `purview-csv`, `management-api-json`, `message-trace-csv`. */
  format: string;
  kind: 'audit' | 'messageTrace' | 'signIns' | 'messageLookups' | 'folderListings';
  bytes: number;
  /** Records read successfully. */
  records: number;
  /** Records in scope (audit inputs; other kinds count records used). */
  inScope: number;
  /** Records already read from an earlier input (same Id). */
  duplicates: number;
  /** Rows that could not be read; each has a Problem. */
  rejected: number;
}

export interface ReportSession {
  /** The session id (SessionId, else AADSessionId); null groups records that have none. */
  sessionId: string | null;
  mailbox: string;
  actor: string;
  ips: string[];
  firstSeen: string;
  lastSeen: string;
  attributedBy: AttributionReason[];
  clientInfo: string[];
  /** Number of attributed audit records in this session. */
  records: number;
  auditRecordIds: string[];
}

export interface ExposedMessage {
  mailbox: string;
  internetMessageId: string;
  exposure: Exposure;
  /** First and last attributed access (or, when presumed, the sync or window start). */
  firstAccess: string;
  lastAccess: string;
  accessCount: number;
  sessions: string[];
  folder: string | null;
  subject: string | null;
  sender: string | null;
  recipients: string[];
  date: string | null;
  metadataSource: MetadataSource | null;
  unresolvedReason: string | null;
  auditRecordIds: string[];
}

export interface SyncedFolder {
  mailbox: string;
  path: string;
  syncedAt: string;
  sessionId: string | null;
  /** True when a folder listing was available and its messages are listed as presumed-sync. */
  listed: boolean;
  /** Messages listed from the folder (0 when not listed). */
  messages: number;
  auditRecordIds: string[];
}

export interface ThrottledWindow {
  mailbox: string;
  /** The later of `openedAt` and the case window's start: only the part inside the window matters. */
  start: string;
  end: string;
  /** When the throttled record opened the window; before the case window when it began earlier. */
  openedAt: string;
  /** True when the throttled record itself is the attacker's: whole mailbox presumed exposed. */
  attributed: boolean;
  auditRecordIds: string[];
}

export interface DataSubject {
  address: string;
  internal: boolean;
  /** Exposed messages that name this address as sender or recipient. */
  messages: number;
}

/** An audit record that proves something in the report, with every place it was read. */
export interface CitedAuditRecord {
  id: string;
  creationTime: string;
  operation: string;
  mailAccessType: string | null;
  mailbox: string;
  actor: string;
  clientIp: string | null;
  sessionId: string | null;
  attributedBy: AttributionReason[];
  sources: { input: string; line: number }[];
}

/** What live collection asked of Microsoft 365 and got back (null for exported evidence). */
export interface ReportCollection {
  tenantId: string;
  cloud: string;
  apiVersion: string;
  operations: string[];
  /** One audit log query per chunk of the window; `split` chunks were replaced by halves. */
  chunks: {
    start: string;
    end: string;
    status: string;
    records: number | null;
    isRecordCountLimitExceeded: boolean | null;
  }[];
  runs: { step: string; outcome: string; startedAt: string; finishedAt: string | null }[];
  lookups: { lookedUp: number; notFound: number };
  /** What this collection cannot show, for the report's limitations. */
  limitations: string[];
  /** Parts Graph refused or kept failing: what is missing, and why (limitations name each). */
  gaps: CollectionGap[];
  problems: { code: string; message: string }[];
}

export interface ReportSummary {
  mailboxes: number;
  sessions: number;
  confirmedMessages: number;
  presumedMessages: number;
  syncedFolders: number;
  throttledWindows: number;
  dataSubjects: number;
  unresolvedMessages: number;
  internalDataSubjects: number;
  externalDataSubjects: number;
  /** First and last attributed mail access, null when none. */
  firstAttackerAccess: string | null;
  lastAttackerAccess: string | null;
  recordsRead: number;
  recordsInScope: number;
  recordsRejected: number;
}

/**
 * report.json: the contract between analysis and every renderer (DESIGN.md). Fields may be
 * added; the ones in DESIGN.md are never renamed. Every array is sorted deterministically.
 */
export interface Report {
  tool: { name: string; version: string };
  generatedAt: string;
  case: {
    id: string;
    title: string;
    organization: string;
    timezone: string;
    locale: string;
    domains: string[];
    window: { start: string; end: string };
    accounts: string[];
    preparedFor: string | null;
    preparedBy: string | null;
    classification: string | null;
    caseFileSha256: string;
    formats: ReportFormat[];
    redactSubjects: boolean;
    pdfMessageLimit: number;
    threatActor: { ips: string[]; sessionIds: string[]; appIds: string[] };
  };
  inputs: ReportInput[];
  summary: ReportSummary;
  sessions: ReportSession[];
  messages: ExposedMessage[];
  folders: SyncedFolder[];
  throttledWindows: ThrottledWindow[];
  dataSubjects: DataSubject[];
  auditRecords: CitedAuditRecord[];
  problems: Problem[];
  collection: ReportCollection | null;
}
