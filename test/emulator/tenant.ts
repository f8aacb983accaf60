/**
 * The data an emulated Microsoft 365 tenant serves: plain objects, so a test can write a
 * small tenant inline and the demo tenant can be built from the demo case's evidence.
 */
export interface TenantData {
  /** Directory (tenant) id; the authority is `https://localhost:PORT/{tenantId}`. */
  tenantId: string;
  clients: TenantClient[];
  /** Bare AuditData objects (PascalCase, `CreationTime` without `Z`) as the demo's exports hold. */
  auditRecords: Record<string, unknown>[];
  /** Keyed by UPN (matched case-insensitively). */
  mailboxes: Record<string, TenantMailbox>;
  /** Graph beta `signIn` objects. */
  signIns: Record<string, unknown>[];
  /** Graph `exchangeMessageTrace` objects: one per recipient, `messageId` with angle brackets. */
  messageTraces: Record<string, unknown>[];
}

export interface TenantClient {
  clientId: string;
  /** Accepted as `client_secret`. */
  secret?: string;
  /** Certificate whose key must sign a `client_assertion`. */
  certificatePem?: string;
  /** "Allow public client flows" (device code); Entra's default for a new app is no. */
  publicClient?: boolean;
  /**
   * Application permissions consented (the app token's `roles`); Graph refuses a call whose
   * permission is missing. Default: all five the collection needs.
   */
  roles?: string[];
}

export interface TenantMailbox {
  /** Folders of the mailbox. The root and the recoverable-items folder are added when missing. */
  folders: TenantFolder[];
  messages: TenantMessage[];
}

export interface TenantFolder {
  id: string;
  /** Path as audit records write it: `\Inbox`, `\Inbox\Projects`. */
  path: string;
  displayName: string;
  /** Null for top-level folders (their parent is the mailbox root). */
  parentId: string | null;
  /** Graph well-known name (`inbox`, `sentitems`, ...); derived from standard paths when absent. */
  wellKnownName?: string;
}

export interface EmailAddress {
  name?: string;
  address: string;
}

export interface TenantMessage {
  id: string;
  /** With angle brackets, as Graph returns it: `<id@host>`. */
  internetMessageId: string;
  subject: string;
  from: EmailAddress;
  toRecipients: EmailAddress[];
  ccRecipients: EmailAddress[];
  bccRecipients?: EmailAddress[];
  /** ISO 8601 UTC with `Z`. */
  receivedDateTime: string;
  sentDateTime: string;
  /** The folder the message is (or was, when deleted) in. */
  parentFolderId: string;
  hasAttachments?: boolean;
  /** Soft-deleted: only found in `recoverableitemsdeletions`, not in `/messages`. */
  deleted?: boolean;
}
