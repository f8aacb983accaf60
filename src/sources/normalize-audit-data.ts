import {
  activityKindOf,
  normalizeMessageId,
  parseClientIp,
  type AuditRecord,
  type FolderAccess,
  type FolderItem,
  type MailAccessType,
  type SourcePosition,
} from '../model/index.js';
import { activityFields, cmdletMailbox } from './activity-fields.js';
import { JsonFields, isJsonObject } from './json-fields.js';
import { recordTypeName } from './record-types.js';
import { checkRepeatedKeys, type RepeatedKeys } from './repeated-keys.js';
import { invalidField, missingField } from './row-rejection.js';
import { fieldTime } from './utc-time.js';

/**
 * The one place where raw AuditData, from whichever export, becomes an AuditRecord
 * (FORMATS.md §1). Tolerant of every shape seen in real feeds, exact about what it keeps:
 * a record without Id, CreationTime or Operation, or with a value of the wrong shape, is
 * rejected (RowRejection) rather than guessed at. A record may name no actor: system records
 * (ComplianceManager's score changes) have `"UserId": ""`; they are read, and out of scope.
 */
export function normalizeAuditData(
  data: JsonFields,
  source: SourcePosition,
  notice: (message: string) => void = () => undefined,
): AuditRecord {
  const context = data.object('AppAccessContext');
  const repeated = checkRepeatedKeys(data, notice);
  const repeatedInContext = checkRepeatedKeys(context, notice);
  const id = required(data, 'Id').toLowerCase();
  const creationTime = requiredTime(data, 'CreationTime');
  const operation = required(data, 'Operation');
  const actor = data.text('UserId')?.toLowerCase() ?? '';
  const properties = operationProperties(data);
  const mailAccessType = accessType(properties);
  const item = exchangeItem(data);
  const client = clientAddress(data, repeated);
  const activity = activityKindOf(operation) === null ? null : activityFields(data);
  return {
    id,
    creationTime,
    operation,
    recordType: nullable(data.text('RecordType'), recordTypeName),
    workload: data.text('Workload'),
    actor,
    mailbox:
      data.text('MailboxOwnerUPN')?.toLowerCase() ??
      (activity === null ? null : cmdletMailbox(operation, activity)) ??
      actor,
    clientIp: client.address,
    clientIpRaw: client.raw,
    clientIps: client.all,
    clientInfo: data.text('ClientInfoString'),
    sessionId: data.text('SessionId')?.toLowerCase() ?? null,
    aadSessionId: context?.text('AADSessionId')?.toLowerCase() ?? null,
    uniqueTokenId: context?.text('UniqueTokenId') ?? null,
    appIds: appIds([
      repeated.AppId ?? [data.text('AppId')],
      repeated.ClientAppId ?? [data.text('ClientAppId')],
      repeatedInContext.ClientAppId ?? [context?.text('ClientAppId')],
    ]),
    logonType: data.integer('LogonType') ?? data.integer('InternalLogonType'),
    externalAccess: data.flag('ExternalAccess'),
    mailAccessType,
    isThrottled: properties.flag('IsThrottled') ?? false,
    operationCount: data.integer('OperationCount'),
    folders: folderAccesses(data, mailAccessType, item),
    item: item?.summary ?? null,
    activity,
    source,
  };
}

function required(data: JsonFields, name: string): string {
  const value = data.text(name);
  if (value === null) throw missingField(data.label(name));
  return value;
}

function requiredTime(data: JsonFields, name: string): string {
  const time = optionalTime(data, name);
  if (time === null) throw missingField(data.label(name));
  return time;
}

function optionalTime(data: JsonFields, name: string): string | null {
  return fieldTime(data.label(name), data.text(name));
}

function nullable<T>(value: string | null, map: (value: string) => T): T | null {
  return value === null ? null : map(value);
}

/**
 * `OperationProperties` is an array of `{Name, Value}`; loose transcriptions give one such
 * object, or a plain object of names to values. All become one object of names to values.
 */
function operationProperties(data: JsonFields): JsonFields {
  const name = 'OperationProperties';
  const properties: Record<string, unknown> = {};
  for (const entry of data.list(name) ?? []) {
    if (!isJsonObject(entry)) throw invalidField(data.label(name), entry);
    const property = new JsonFields(entry, data.label(name));
    const key = property.text('Name');
    if (key === null) Object.assign(properties, entry);
    else properties[key] = property.get('Value');
  }
  return new JsonFields(properties, data.label(name));
}

function accessType(properties: JsonFields): MailAccessType | null {
  const value = properties.text('MailAccessType');
  if (value === null) return null;
  switch (value.toLowerCase()) {
    case 'bind':
      return 'Bind';
    case 'sync':
      return 'Sync';
    default:
      throw invalidField(properties.label('MailAccessType'), value);
  }
}

/**
 * `ClientIPAddress` is preferred over `ClientIP`, but one that is an address wins over one
 * that is not (`localhost`), so a usable address is never thrown away; `clientIpRaw` is
 * the value the address was read from.
 */
/** The record's client addresses: every one given, a key given twice counting each time. */
function clientAddress(
  data: JsonFields,
  repeated: RepeatedKeys,
): {
  address: string | null;
  raw: string | null;
  all: string[];
} {
  // Read for every record: loops rather than lists built and filtered.
  const candidates: string[] = [];
  for (const value of repeated.ClientIPAddress ?? [data.text('ClientIPAddress')]) {
    addTrimmed(candidates, value);
  }
  for (const value of repeated.ClientIP ?? [data.text('ClientIP')]) addTrimmed(candidates, value);
  let address: string | null = null;
  let raw = candidates[0] ?? null;
  const all: string[] = [];
  for (const candidate of candidates) {
    const parsed = clientIpOf(candidate);
    if (parsed === null) continue;
    if (address === null) {
      address = parsed;
      raw = candidate;
    }
    if (!all.includes(parsed)) all.push(parsed);
  }
  return { address, raw, all };
}

function addTrimmed(values: string[], value: string | null): void {
  const trimmed = value?.trim() ?? '';
  if (trimmed !== '') values.push(trimmed);
}

/** Client addresses repeat across a log's records; parsing one is costlier than the lookup. */
const clientIps = new Map<string, string | null>();
const CLIENT_IPS_KEPT = 1 << 16;

function clientIpOf(raw: string): string | null {
  const known = clientIps.get(raw);
  if (known !== undefined) return known;
  if (clientIps.size >= CLIENT_IPS_KEPT) clientIps.clear();
  const address = parseClientIp(raw);
  clientIps.set(raw, address);
  return address;
}

/** Distinct, lower-cased and sorted. */
function appIds(lists: readonly (readonly (string | null | undefined)[])[]): string[] {
  const ids: string[] = [];
  for (const list of lists) {
    for (const value of list) {
      if (value === null || value === undefined) continue;
      const id = value.toLowerCase();
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids.sort();
}

interface ExchangeItem {
  summary: NonNullable<AuditRecord['item']>;
  folderItem: FolderItem | null;
}

function exchangeItem(data: JsonFields): ExchangeItem | null {
  const item = data.object('Item');
  if (item === null) return null;
  const messageId = nullable(item.text('InternetMessageId'), normalizeMessageId);
  const subject = item.verbatim('Subject');
  return {
    summary: {
      subject,
      parentFolder: parentFolderPath(item),
      internetMessageId: messageId === '' ? null : messageId,
      attachments: attachmentNames(item.verbatim('Attachments')),
    },
    folderItem:
      messageId === null || messageId === ''
        ? null
        : {
            internetMessageId: messageId,
            subject,
            sizeInBytes: item.number('SizeInBytes'),
            creationTime: optionalTime(item, 'CreationTime'),
          },
  };
}

/** One attachment in `Item.Attachments`: `summary (2).xlsx (34816b)`, a name with its size. */
const ATTACHMENT = /(.+?) \(\d+b\)(?:;\s*|\s*$)/gy;

/**
 * `Item.Attachments` is one string, `logo.png (8192b); summary.xlsx (34816b)`, whose names can
 * hold parentheses and semicolons themselves: each name ends where its size does. A string in
 * another shape is kept whole as one name rather than lost.
 */
function attachmentNames(value: string | null): string[] {
  if (value === null || value.trim() === '') return [];
  const names: string[] = [];
  ATTACHMENT.lastIndex = 0;
  for (let match = ATTACHMENT.exec(value); match !== null; match = ATTACHMENT.exec(value)) {
    names.push((match[1] ?? '').trim());
    if (ATTACHMENT.lastIndex >= value.length) return names;
  }
  return [value.trim()];
}

/** `Item.ParentFolder` is an object with `Path` (sometimes only `Name`), or loosely a string. */
function parentFolderPath(item: JsonFields): string | null {
  const value = item.get('ParentFolder');
  if (typeof value === 'string') return folderPath(value);
  const folder = item.object('ParentFolder');
  if (folder === null) return null;
  return folderPath(folder.text('Path') ?? folder.text('Name'));
}

/** Audit records write folder paths from the mailbox root: `\Inbox`, `\Inbox\Projects`. */
function folderPath(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  const path = value.trim();
  return path.startsWith('\\') ? path : `\\${path}`;
}

/**
 * `Folders[]` as given. Without it, a MailItemsAccessed record of the RecordType 2 shape names
 * its folder in `Item.ParentFolder` (a Sync, or a Bind of that one item): that folder becomes
 * the record's only folder access, so a Sync is never left without its folder.
 */
function folderAccesses(
  data: JsonFields,
  mailAccessType: MailAccessType | null,
  item: ExchangeItem | null,
): FolderAccess[] {
  const folders = data.array('Folders') ?? [];
  if (folders.length > 0) {
    const accesses: FolderAccess[] = [];
    for (const folder of folders) accesses.push(folderAccess(data, folder));
    return accesses;
  }
  if (mailAccessType === null || item === null || item.summary.parentFolder === null) return [];
  return [
    {
      path: item.summary.parentFolder,
      items: item.folderItem === null ? [] : [item.folderItem],
    },
  ];
}

function folderAccess(data: JsonFields, value: unknown): FolderAccess {
  if (!isJsonObject(value)) throw invalidField(data.label('Folders'), value);
  const folder = new JsonFields(value, data.label('Folders'));
  const items: FolderItem[] = [];
  const label = folder.label('FolderItems');
  for (const entry of folder.array('FolderItems') ?? []) {
    if (!isJsonObject(entry)) throw invalidField(label, entry);
    const item = folderItem(new JsonFields(entry, label));
    if (item !== null) items.push(item);
  }
  return { path: folderPath(folder.text('Path')), items };
}

/** Items without an InternetMessageId cannot be named in a report and are left out. */
function folderItem(entry: JsonFields): FolderItem | null {
  const raw = entry.text('InternetMessageId');
  const internetMessageId = raw === null ? '' : normalizeMessageId(raw);
  if (internetMessageId === '') return null;
  return {
    internetMessageId,
    subject: entry.verbatim('Subject'),
    sizeInBytes: entry.number('SizeInBytes'),
    creationTime: optionalTime(entry, 'CreationTime'),
  };
}
