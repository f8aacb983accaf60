import type { SourcePosition } from './source-position.js';

/** Where a message's metadata came from (DESIGN.md rule 7). */
export type MetadataSource =
  'message-trace' | 'graph-mailbox' | 'graph-recoverable' | 'graph-message-trace' | 'audit-record';

/**
 * The preserved result of looking a message up live (collected evidence, read back by a
 * reader like any other input), found or not.
 */
export interface MessageLookup {
  mailbox: string;
  internetMessageId: string;
  found: boolean;
  metadataSource: MetadataSource | null;
  subject: string | null;
  sender: string | null;
  recipients: string[];
  /** receivedDateTime (or sentDateTime), ISO 8601 UTC with `Z`. */
  date: string | null;
  /** Why it was not found, when it was not. */
  reason: string | null;
  source: SourcePosition;
}

/** The preserved listing of a synced folder: what was in it, collected live. */
export interface FolderListing {
  mailbox: string;
  /** Folder path as audit records write it (`\Inbox`). */
  path: string;
  messages: {
    internetMessageId: string;
    subject: string | null;
    sender: string | null;
    recipients: string[];
    /** receivedDateTime, ISO 8601 UTC with `Z`. */
    date: string | null;
  }[];
  source: SourcePosition;
}
