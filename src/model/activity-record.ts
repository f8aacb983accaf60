/**
 * The audit operations that show what else the attacker did with the mail (DESIGN.md rule 10),
 * by kind. Names as Microsoft writes them in `Operation` (docs/attacker-activity-records.md).
 */
export const ACTIVITY_OPERATIONS = {
  inboxRule: [
    'New-InboxRule',
    'Set-InboxRule',
    'Enable-InboxRule',
    'Disable-InboxRule',
    'Remove-InboxRule',
    'UpdateInboxRules',
  ],
  mailboxForwarding: ['Set-Mailbox'],
  send: ['Send', 'SendAs', 'SendOnBehalf'],
  search: ['SearchQueryInitiatedExchange'],
  hide: ['SoftDelete', 'HardDelete', 'MoveToDeletedItems', 'Move'],
} as const;

export type ActivityKind = keyof typeof ACTIVITY_OPERATIONS;

const KIND_OF_OPERATION: ReadonlyMap<string, ActivityKind> = new Map(
  Object.entries(ACTIVITY_OPERATIONS).flatMap(([kind, operations]) =>
    operations.map((operation): [string, ActivityKind] => [
      operation.toLowerCase(),
      kind as ActivityKind,
    ]),
  ),
);

/** The activity kind of an audit operation (compared ignoring case), null for any other. */
export function activityKindOf(operation: string): ActivityKind | null {
  return KIND_OF_OPERATION.get(operation.toLowerCase()) ?? null;
}

/** One `{Name, Value}` entry of `Parameters` or `OperationProperties`; null when it has none. */
export interface NamedValue {
  name: string;
  value: string | null;
}

/** The value of a named entry (names compared ignoring case); undefined when absent. */
export function namedValue(values: readonly NamedValue[], name: string): string | null | undefined {
  const lowerName = name.toLowerCase();
  return values.find((entry) => entry.name.toLowerCase() === lowerName)?.value;
}

/** One entry of an ExchangeItemGroup record's `AffectedItems`. */
export interface AffectedItem {
  /** Normalised (see normalizeMessageId); null when the entry has none. */
  internetMessageId: string | null;
  subject: string | null;
  /** `ParentFolder.Path` (or `Name`), from the mailbox root: `\Inbox`. */
  folder: string | null;
}

/**
 * The fields of an activity record (ACTIVITY_OPERATIONS), read only for those operations so
 * that mail-access records cost nothing more. Every field is read tolerantly: a value in a
 * shape no source documents is listed in `unreadable` instead of rejecting the record, which
 * still counts for attribution and scope.
 */
export interface ActivityFields {
  /** `ObjectId`: for ExchangeAdmin records the object the cmdlet changed (`…\<rule name>`). */
  objectId: string | null;
  /** `ResultStatus` as written: `True`/`False` (ExchangeAdmin), `Succeeded`/`Failed` (mailbox). */
  resultStatus: string | null;
  /** ExchangeAdmin `Parameters`, in record order (also when written as one string). */
  parameters: NamedValue[];
  /** `OperationProperties` (UpdateInboxRules: RuleOperation, RuleName, RuleActions, ...). */
  operationProperties: NamedValue[];
  /** ExchangeItemGroup `AffectedItems`. */
  affectedItems: AffectedItem[];
  /** ExchangeItemGroup `Folder.Path` and `DestFolder.Path`. */
  folder: string | null;
  destFolder: string | null;
  /** `CrossMailboxOperation` or `CrossMailboxOperations` (both spellings are seen). */
  crossMailbox: boolean | null;
  /** `DestMailboxOwnerUPN`, lower-cased. */
  destMailbox: string | null;
  /** SearchQueryInitiatedExchange `QueryText` and `QuerySource` (shape unconfirmed). */
  queryText: string | null;
  querySource: string | null;
  /** Send records: `recipientList[].Address`, lower-cased (newly documented; often absent). */
  recipients: string[];
  /** `SendAsUserSmtp` / `SendOnBehalfOfUserSmtp`, lower-cased. */
  sentAs: string | null;
  /** Fields present in a shape nothing documents, as `Name: value`, kept for the reader. */
  unreadable: string[];
}
