import type { AttackerActivity, ForwardedCopy } from './attacker-activity.js';
import type { ReportFormat } from './case-file.js';
import type { CollectionGap } from './collection-gap.js';
import type { MetadataSource } from './message-lookup.js';
import type { Problem } from './problem.js';
import type { ReportChanges } from './report-changes.js';

/** Why a record or session was attributed to the threat actor (DESIGN.md rule 2). */
export type AttributionReason = 'ip' | 'session' | 'app' | 'signIn';

export type Exposure = 'forwarded' | 'confirmed' | 'presumed-sync' | 'presumed-throttled';

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

/**
 * One row per (session, mailbox, actor): a session that reached several mailboxes has a row
 * for each, all with the same `session` number.
 */
export interface ReportSession {
  /** The distinct attacker session this row belongs to, numbered from 1 in time order. */
  session: number;
  /**
   * The session id (SessionId, else AADSessionId); null for records without one, grouped by
   * their application, else their client address.
   */
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
  /** Null when unknown, or when withheld (`subjectWithheld`): a redacted report holds none. */
  subject: string | null;
  /** True when the case redacts subjects and this message had one. */
  subjectWithheld: boolean;
  sender: string | null;
  recipients: string[];
  date: string | null;
  metadataSource: MetadataSource | null;
  /** The reasons below in English, joined by "; " (kept for readers of earlier reports). */
  unresolvedReason: string | null;
  /** Why sender and recipients are unknown, as codes each renderer words in its locale. */
  unresolvedReasons: UnresolvedReason[];
  auditRecordIds: string[];
  /** Attachment names an audit record gives the message (`Item.Attachments`); often none. */
  attachments: string[];
  /** What its subject and attachment names suggest about its data: leads for review. */
  leads: DataLead[];
  /** For `forwarded` messages: how the message left the organisation (rule 11); else null. */
  forwarding: ForwardedCopy | null;
}

/**
 * Why a message stays unresolved (DESIGN.md rule 7). `traceFrom`/`traceTo` are the first and
 * last times the message trace covers; `detail` is what a live lookup preserved as its reason.
 */
export type UnresolvedReason =
  | { code: 'no-message-trace' }
  | { code: 'not-in-message-trace'; traceFrom: string | null; traceTo: string | null }
  | { code: 'source-names-nobody'; source: MetadataSource }
  | { code: 'lookup-not-found'; detail: string };

/**
 * Kinds of data a lead points to (GDPR): health (Art. 9), the other special categories of
 * Art. 9, criminal data (Art. 10), financial and bank details, identity documents and national
 * numbers, credentials, HR and salary, children.
 */
export type DataCategory =
  'health' | 'special' | 'criminal' | 'financial' | 'identity' | 'credentials' | 'hr' | 'children';

/** A keyword rule matched in a message's subject or an attachment name: a lead for review. */
export interface DataLead {
  category: DataCategory;
  /** The rule's keyword as written (`salaris*`), or `IBAN` for an account number; null when withheld. */
  keyword: string | null;
  source: 'subject' | 'attachment';
}

/** The keywords a category's leads are found by: the defaults and the case file's own. */
export interface DataLeadRule {
  category: DataCategory;
  keywords: string[];
}

export interface SyncedFolder {
  mailbox: string;
  path: string;
  syncedAt: string;
  sessionId: string | null;
  /** True when a folder listing was available and its messages are listed as presumed-sync. */
  listed: boolean;
  /** Messages listed in the folder at the time of the sync (0 when not listed). */
  messages: number;
  /**
   * Of those, the messages counted as presumed-sync: the others are counted at a stronger
   * level (the attacker also opened them), so that every message is counted once.
   */
  presumedMessages: number;
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

/**
 * Why an address is likely not a person: the case file says so, a shared mailbox of the
 * organisation (reached through another account), a role address (invoices@, info@), a no-reply
 * address, or a device (scan@).
 */
export type NonPersonKind = 'case-file' | 'shared-mailbox' | 'role' | 'no-reply' | 'device';

export interface DataSubject {
  address: string;
  internal: boolean;
  /** Exposed messages that name this address as sender or recipient. */
  messages: number;
  /** The name the evidence gives the address (sign-in logs, live lookups), else null. */
  displayName: string | null;
  /** Of `messages`, by each message's strongest level. */
  forwardedMessages: number;
  confirmedMessages: number;
  presumedMessages: number;
  /** The mailboxes in which those messages were exposed, sorted. */
  mailboxes: string[];
  /** Why the address is likely not a person; null when it is counted as a person. */
  nonPerson: NonPersonKind | null;
  /** The kinds of data the leads of its messages point to, in category order. */
  leads: DataCategory[];
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
    /** A delegate mailbox whose own account this query asked for; null for the case accounts. */
    delegate: string | null;
  }[];
  runs: { step: string; outcome: string; startedAt: string; finishedAt: string | null }[];
  lookups: { lookedUp: number; notFound: number };
  /** What this collection cannot show, for the report's limitations. */
  limitations: string[];
  /** Parts Graph refused or kept failing: what is missing, and why (limitations name each). */
  gaps: CollectionGap[];
  /** Mailboxes reached as a delegate whose own account's records were collected too. */
  delegates: string[];
  problems: { code: string; message: string }[];
}

/** Which figures of the summary count less than there may be (DESIGN.md: lower bounds). */
export interface SummaryLowerBounds {
  /** A synchronised folder's messages are known only as far as a listing shows them. */
  presumedSyncMessages: boolean;
  /** A throttled mailbox's messages are known only as far as message trace or lookups show. */
  presumedThrottledMessages: boolean;
  /** People in unlisted folders, throttled mailboxes and unresolved messages are not counted. */
  dataSubjects: boolean;
}

export interface ReportSummary {
  mailboxes: number;
  /** Distinct attacker sessions: a session seen on several mailboxes counts once. */
  sessions: number;
  /** Rows of `sessions`: one per session, mailbox and acting account. */
  sessionMailboxRows: number;
  /** Messages that left the organisation through the attacker's forwarding (rule 11). */
  forwardedMessages: number;
  confirmedMessages: number;
  /** presumedSyncMessages + presumedThrottledMessages. */
  presumedMessages: number;
  /** Messages whose strongest level is presumed-sync (each message counts at one level). */
  presumedSyncMessages: number;
  /** Messages whose strongest level is presumed-throttled. */
  presumedThrottledMessages: number;
  /** Synchronisations (entries of `folders`). */
  syncedFolders: number;
  /** Distinct folders (mailbox and path) the attacker synchronised: each presumed seen whole. */
  presumedFolders: number;
  /** Of those, folders whose contents no listing shows. */
  unlistedFolders: number;
  throttledWindows: number;
  /** Mailboxes presumed seen whole for 24 hours: an attributed throttled window. */
  throttledMailboxes: number;
  dataSubjects: number;
  unresolvedMessages: number;
  internalDataSubjects: number;
  externalDataSubjects: number;
  /** Data subjects taken for people (nonPerson null), and of those internal and external. */
  personDataSubjects: number;
  internalPersonDataSubjects: number;
  externalPersonDataSubjects: number;
  /** Addresses likely not a person: shared mailboxes, role, no-reply and device addresses. */
  nonPersonDataSubjects: number;
  /** First and last attributed mail access, null when none. */
  firstAttackerAccess: string | null;
  lastAttackerAccess: string | null;
  recordsRead: number;
  recordsInScope: number;
  recordsRejected: number;
  lowerBounds: SummaryLowerBounds;
  /** Per category with any lead: messages with such a lead, and people they name. */
  dataLeads: { category: DataCategory; messages: number; people: number }[];
  /** Inbox rules and mailbox forwarding the attacker set up or changed. */
  inboxRules: number;
  mailboxForwarding: number;
  /** Messages sent by the attacker, and their distinct recipients. */
  sentMessages: number;
  sentRecipients: number;
  searches: number;
  /** Messages the attacker deleted, purged or moved to a hidden folder. */
  hiddenMessages: number;
}

/** What the analysis finds, as report.json carries it. */
export interface Findings {
  sessions: ReportSession[];
  messages: ExposedMessage[];
  folders: SyncedFolder[];
  throttledWindows: ThrottledWindow[];
  dataSubjects: DataSubject[];
  /** The keyword rules the messages' leads were found by, per category. */
  dataLeadRules: DataLeadRule[];
  /** What else the attacker did (rule 10). */
  activity: AttackerActivity;
  auditRecords: CitedAuditRecord[];
  problems: Problem[];
}

/**
 * report.json: the contract between analysis and every renderer (DESIGN.md). Fields may be
 * added; the ones in DESIGN.md are never renamed. Every array is sorted deterministically.
 */
export interface Report extends Findings {
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
    nonPersonAddresses: string[];
    personAddresses: string[];
    caseFileSha256: string;
    formats: ReportFormat[];
    redactSubjects: boolean;
    /** The case file's own keywords per category, added to the defaults. */
    sensitiveKeywords: Partial<Record<DataCategory, string[]>>;
    pdfMessageLimit: number;
    threatActor: { ips: string[]; sessionIds: string[]; appIds: string[] };
    /** Measures taken about the breach (the case file's `measures`). */
    measures: string[];
  };
  inputs: ReportInput[];
  summary: ReportSummary;
  collection: ReportCollection | null;
  /** What changed since an earlier report of the case (`report.previous`), or null. */
  changes: ReportChanges | null;
}
