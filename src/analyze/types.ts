import type {
  AuditRecord,
  CaseFile,
  Findings,
  FolderListing,
  MessageLookup,
  SignInRecord,
  TraceRecord,
} from '../model/index.js';

export interface AnalysisInput {
  caseFile: CaseFile;
  audit: readonly AuditRecord[]; // all inputs, in input order
  trace: readonly TraceRecord[];
  signIns: readonly SignInRecord[];
  lookups: readonly MessageLookup[];
  folderListings: readonly FolderListing[];
}

/**
 * Per input displayPath. Audit inputs: each record is a duplicate, in scope or out of scope;
 * `used` = in-scope records cited by the analysis. Other inputs: `used` = items that
 * contributed (trace rows and lookups that gave metadata or made a message known, sign-ins
 * that made a session the attacker's, listings that gave messages), `inScope` = `used`.
 */
export interface InputUse {
  inScope: number;
  duplicates: number;
  used: number;
}

/** The findings, with what the report's summary and inputs table are made from. */
export interface Analysis extends Findings {
  inputUse: Record<string, InputUse>;
  /** Mailboxes with any exposure (messages, synced folders, attributed throttling), sorted. */
  mailboxes: string[];
  /** Earliest and latest attributed MailItemsAccessed record. */
  firstAttackerAccess: string | null;
  lastAttackerAccess: string | null;
  /** Distinct Ids, throttled records from the 24 hours before the window included (rule 6). */
  recordsInScope: number;
}
