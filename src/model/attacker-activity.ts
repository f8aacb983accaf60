import type { SourcePosition } from './source-position.js';

/**
 * What the attacker did with the mail besides reading it (DESIGN.md rule 10), in report.json's
 * `activity`. Every item cites the audit records that prove it; times are ISO 8601 UTC.
 */
export interface AttackerActivity {
  inboxRules: InboxRule[];
  mailboxForwarding: MailboxForwarding[];
  sentMessages: SentMessage[];
  searches: MailboxSearch[];
  /**
   * False when the evidence holds no search record at all, by anyone: searches are audited only
   * with Audit (Premium) and when enabled per mailbox, so "no searches" cannot be told apart from
   * "searches not audited".
   */
  searchesAudited: boolean;
  hiddenMessages: HiddenMessage[];
}

/** No activity: for reports written before activity was analysed, and for tests. */
export function noActivity(): AttackerActivity {
  return {
    inboxRules: [],
    mailboxForwarding: [],
    sentMessages: [],
    searches: [],
    searchesAudited: false,
    hiddenMessages: [],
  };
}

export type RuleActionKind =
  | 'forward'
  | 'forward-as-attachment'
  | 'redirect'
  | 'move'
  | 'copy'
  | 'delete'
  | 'mark-read'
  | 'stop-processing'
  | 'other';

export interface RuleAction {
  kind: RuleActionKind;
  /** Forward and redirect targets (addresses, lower-cased), as the record names them. */
  targets: string[];
  /** The folder of a move or copy. */
  folder: string | null;
  /** The action as written in the record (`ForwardTo: x@example.com`). */
  text: string;
}

/** One audit record in the life of a rule or of mailbox forwarding. */
export interface ActivityEvent {
  at: string;
  kind: 'created' | 'changed' | 'enabled' | 'disabled' | 'removed' | 'cleared';
  operation: string;
  actor: string;
  clientIp: string | null;
  /** True when the record is the attacker's (rule 2); the owner or IT may stop a rule. */
  attributed: boolean;
  /** False when the record says the change failed (`ResultStatus` False or Failed). */
  succeeded: boolean;
  auditRecordId: string;
}

/** Whether a rule was still in force when the evidence ends (`failed`: it never took effect). */
export type ActivityState = 'active' | 'disabled' | 'removed' | 'failed';

export interface InboxRule {
  mailbox: string;
  /** The rule's name, or its id when the record names none. */
  name: string;
  /** Conditions as written (`SubjectContainsWords: invoice`); Outlook's in its own syntax. */
  conditions: string[];
  actions: RuleAction[];
  /** Every forward and redirect target of the rule, sorted. */
  forwardTargets: string[];
  /** Forward targets outside the case domains. */
  externalTargets: string[];
  createdAt: string | null;
  /** When it was disabled or removed; null while still active at the end of the evidence. */
  stoppedAt: string | null;
  state: ActivityState;
  events: ActivityEvent[];
  sessions: string[];
  auditRecordIds: string[];
}

export interface MailboxForwarding {
  mailbox: string;
  /** Where the mailbox's mail was forwarded (lower-cased, without `smtp:`). */
  target: string;
  external: boolean;
  /** `DeliverToMailboxAndForward`: a copy stays in the mailbox; null when not said. */
  keepsCopy: boolean | null;
  setAt: string;
  /** When forwarding was cleared or changed to another target; null while still active. */
  stoppedAt: string | null;
  state: 'active' | 'removed';
  events: ActivityEvent[];
  sessions: string[];
  auditRecordIds: string[];
}

export interface SentMessage {
  mailbox: string;
  operation: string;
  sentAt: string;
  /** The address it went out in, when sent as or on behalf of another mailbox. */
  sentAs: string | null;
  internetMessageId: string | null;
  subject: string | null;
  recipients: string[];
  /** Where the recipients come from; null when nothing names them. */
  recipientsFrom: 'message-trace' | 'audit-record' | null;
  sessions: string[];
  clientIp: string | null;
  auditRecordIds: string[];
  /** Trace rows that named the recipients. */
  trace: SourcePosition[];
}

export interface MailboxSearch {
  mailbox: string;
  searchedAt: string;
  /** The terms; null when the record carries none. */
  queryText: string | null;
  /** The client searched from (`OWA`, `Outlook`, ...), as written. */
  querySource: string | null;
  sessions: string[];
  clientIp: string | null;
  auditRecordIds: string[];
}

export type HideKind = 'deleted' | 'soft-deleted' | 'purged' | 'moved';

/** A message the attacker deleted, purged or moved away (one row per message and record). */
export interface HiddenMessage {
  mailbox: string;
  at: string;
  operation: string;
  kind: HideKind;
  internetMessageId: string | null;
  subject: string | null;
  fromFolder: string | null;
  /** The folder a message was moved to: one the owner rarely looks at (hidden-folders.ts). */
  toFolder: string | null;
  sessions: string[];
  auditRecordIds: string[];
}

/** How a forwarded message (exposure `forwarded`, rule 11) left the organisation. */
export interface ForwardedCopy {
  by: 'inbox-rule' | 'mailbox-forwarding';
  /** The rule's name, or null for mailbox forwarding. */
  rule: string | null;
  targets: string[];
  forwardedAt: string;
  /**
   * `same-id`: the trace rows to the target carry the message's own id (redirect, mailbox
   * forwarding); `inferred`: the forwarded copy is a new message, linked to this one by subject
   * and time; `copy-only`: no original was found, the message listed is the copy itself.
   */
  link: 'same-id' | 'inferred' | 'copy-only';
  /** The forwarded copy's id when it differs from the message's. */
  copyId: string | null;
  /** The trace rows that show it going to the target. */
  trace: SourcePosition[];
}
