import type { ActivityFields } from './activity-record.js';
import type { SourcePosition } from './source-position.js';

export type MailAccessType = 'Bind' | 'Sync';

/** One entry of `Folders[]`, or the folder of a record that only has `Item.ParentFolder`. */
export interface FolderAccess {
  /** `\Inbox`, `\Sent Items`, `\Inbox\Projects`; null when the record names no path. */
  path: string | null;
  items: FolderItem[];
}

export interface FolderItem {
  /** Normalised: no angle brackets, no `\u003c` escapes (see normalizeMessageId). */
  internetMessageId: string;
  subject: string | null;
  sizeInBytes: number | null;
  /** ISO 8601 UTC with `Z`, when the record carries it. */
  creationTime: string | null;
}

/**
 * One unified audit log record, whatever export it came from. Readers and the normaliser
 * absorb every shape difference (string numbers, enum names vs numbers, Folders[] vs
 * Item.ParentFolder, IP formats) so analysis sees exactly one shape.
 */
export interface AuditRecord {
  /** The record's `Id` GUID, lower-cased: the de-duplication key across inputs. */
  id: string;
  /** `CreationTime` as ISO 8601 UTC with `Z` (the source has no zone and is UTC). */
  creationTime: string;
  operation: string;
  /** Enum name when known (`ExchangeItemAggregated`), else the value as given. */
  recordType: string | null;
  workload: string | null;
  /**
   * `UserId`, lower-cased: who acted. May be a SID such as `s-1-5-18`; '' when the record names
   * no one (system records such as ComplianceManager's), which keeps it out of scope.
   */
  actor: string;
  /** `MailboxOwnerUPN`, lower-cased, falling back to the actor: whose mailbox was read. */
  mailbox: string;
  /** Client address normalised (see parseClientIp), null when absent or not an address. */
  clientIp: string | null;
  /** The client address exactly as the record gave it. */
  clientIpRaw: string | null;
  /**
   * Every distinct address the record names (`ClientIPAddress` and `ClientIP` can differ, e.g.
   * behind a proxy), normalised: attribution checks them all, so none is ever ignored.
   */
  clientIps: string[];
  clientInfo: string | null;
  sessionId: string | null;
  /** `AppAccessContext.AADSessionId`: the Entra sign-in session. */
  aadSessionId: string | null;
  /** `AppAccessContext.UniqueTokenId`. */
  uniqueTokenId: string | null;
  /** `AppId`, `ClientAppId` and `AppAccessContext.ClientAppId`, lower-cased, unique, sorted. */
  appIds: string[];
  /** `LogonType` (or `InternalLogonType`): 0 Owner, 1 Admin, 2 Delegated, ... */
  logonType: number | null;
  externalAccess: boolean | null;
  /** From `OperationProperties` `MailAccessType`; null for other operations. */
  mailAccessType: MailAccessType | null;
  /** From `OperationProperties` `IsThrottled` ("True"). */
  isThrottled: boolean;
  operationCount: number | null;
  folders: FolderAccess[];
  /** `Item` of ExchangeItem records (Send, Create, ...). */
  item: {
    subject: string | null;
    parentFolder: string | null;
    internetMessageId: string | null;
    /** Names of the item's attachments (`Item.Attachments`), without their sizes. */
    attachments: string[];
  } | null;
  /** Fields of inbox-rule, forwarding, send, search and delete records; null for others. */
  activity: ActivityFields | null;
  source: SourcePosition;
}
