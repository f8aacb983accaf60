import {
  activityKindOf,
  namedValue,
  normalizeMessageId,
  type ActivityFields,
  type AffectedItem,
  type NamedValue,
} from '../model/index.js';
import { compareText } from '../model/index.js';
import { JsonFields, isJsonObject } from './json-fields.js';

/**
 * The fields of an inbox-rule, forwarding, send, search or delete record
 * (docs/attacker-activity-records.md). Unlike the fields exposure rests on, none of these
 * rejects its record: a value in an undocumented shape is kept as text in `unreadable`, and the
 * record still counts for scope and attribution. Called only for activity operations.
 */
export function activityFields(data: JsonFields): ActivityFields {
  const unreadable: string[] = [];
  const read = <T>(name: string, fallback: T, reader: () => T): T => {
    try {
      return reader();
    } catch {
      unreadable.push(`${name}: ${shown(data.get(name))}`);
      return fallback;
    }
  };
  const operationProperties = read('OperationProperties', [], () =>
    namedValues(data.get('OperationProperties')),
  );
  // Where a search record keeps its terms is unconfirmed: top level, or OperationProperties.
  const property = (name: string) =>
    read(name, null, () => data.text(name)) ?? namedValue(operationProperties, name) ?? null;
  const crossMailbox =
    read('CrossMailboxOperation', null, () => data.flag('CrossMailboxOperation')) ??
    read('CrossMailboxOperations', null, () => data.flag('CrossMailboxOperations'));
  return {
    objectId: read('ObjectId', null, () => data.text('ObjectId')),
    resultStatus: read('ResultStatus', null, () => data.text('ResultStatus')),
    parameters: read('Parameters', [], () => namedValues(data.get('Parameters'))),
    operationProperties,
    affectedItems: read('AffectedItems', [], () => affectedItems(data)),
    folder: read('Folder', null, () => folderPathOf(data.get('Folder'))),
    destFolder: read('DestFolder', null, () => folderPathOf(data.get('DestFolder'))),
    crossMailbox,
    destMailbox: read('DestMailboxOwnerUPN', null, () => lower(data.text('DestMailboxOwnerUPN'))),
    queryText: property('QueryText'),
    querySource: property('QuerySource'),
    recipients: read('recipientList', [], () => recipientList(data)),
    sentAs: read('SendAsUserSmtp', null, () =>
      lower(data.text('SendAsUserSmtp') ?? data.text('SendOnBehalfOfUserSmtp')),
    ),
    unreadable,
  };
}

/**
 * The mailbox an Exchange admin cmdlet changed, when its parameters name it by address:
 * `Set-Mailbox -Identity`, `*-InboxRule -Mailbox`. These records carry no MailboxOwnerUPN, and
 * the mailbox decides scope (rule 1) and whose rule or forwarding it is (rule 3).
 */
export function cmdletMailbox(operation: string, fields: ActivityFields): string | null {
  const kind = activityKindOf(operation);
  const name = kind === 'mailboxForwarding' ? 'Identity' : kind === 'inboxRule' ? 'Mailbox' : null;
  const value = name === null ? null : (namedValue(fields.parameters, name)?.trim() ?? null);
  return value !== null && /^[^\s@]+@[^\s@]+$/.test(value) ? value.toLowerCase() : null;
}

/**
 * `[{Name, Value}]` as documented; also one such object, a plain object of names to values,
 * JSON text of either, or the one-string form some feeds write
 * (`-Name "Forward" -ForwardTo "x@example.com" -StopProcessingRules`). An entry with a Name and
 * no Value keeps the name with a null value.
 */
export function namedValues(value: unknown): NamedValue[] {
  const parsed = typeof value === 'string' ? parseJsonText(value) : value;
  if (parsed === undefined || parsed === null) return [];
  if (typeof parsed === 'string') return commandLineValues(parsed);
  const entries = isJsonObject(parsed) ? [parsed] : parsed;
  if (!Array.isArray(entries)) throw new TypeError('not a list of names and values');
  const values: NamedValue[] = [];
  for (const entry of entries) {
    if (!isJsonObject(entry)) throw new TypeError('an entry is not an object');
    const fields = new JsonFields(entry);
    const name = fields.get('Name');
    if (typeof name === 'string' && name.trim() !== '') {
      values.push({ name: name.trim(), value: valueText(fields.get('Value')) });
    } else {
      // A plain object of names to values.
      for (const [key, raw] of Object.entries(entry)) {
        values.push({ name: key, value: valueText(raw) });
      }
    }
  }
  return values;
}

const COMMAND_LINE =
  /-([A-Za-z][\w]*)(?:\s+("(?:[^"]|"")*"|'(?:[^']|'')*'|\([^)]*\)|[^\s-][^\s]*))?/g;

/** `-Name "value" -Switch -List ("a","b")`, as one string. */
function commandLineValues(text: string): NamedValue[] {
  const values: NamedValue[] = [];
  for (const match of text.matchAll(COMMAND_LINE)) {
    const [, name, raw] = match;
    if (name === undefined) continue;
    values.push({ name, value: raw === undefined ? 'True' : unquote(raw) });
  }
  if (values.length === 0 && text.trim() !== '') throw new TypeError('no -Name value pairs');
  return values;
}

function unquote(raw: string): string {
  if (raw.startsWith('(') && raw.endsWith(')')) {
    return raw
      .slice(1, -1)
      .split(',')
      .map((part) => unquote(part.trim()))
      .join(', ');
  }
  if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) {
    return raw.slice(1, -1).replaceAll('""', '"');
  }
  if (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2) {
    return raw.slice(1, -1).replaceAll("''", "'");
  }
  return raw;
}

/** Strings, numbers and booleans as text; lists joined by `;`; anything else as JSON. */
function valueText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((item) => valueText(item) ?? '').join(';');
  return JSON.stringify(value);
}

function parseJsonText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return trimmed;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return trimmed;
  }
}

function affectedItems(data: JsonFields): AffectedItem[] {
  const items = data.list('AffectedItems') ?? [];
  return items.map((entry): AffectedItem => {
    if (!isJsonObject(entry)) throw new TypeError('an entry is not an object');
    const item = new JsonFields(entry);
    const id = item.text('InternetMessageId');
    const messageId = id === null ? '' : normalizeMessageId(id);
    return {
      internetMessageId: messageId === '' ? null : messageId,
      subject: item.verbatim('Subject'),
      folder: folderPathOf(item.get('ParentFolder')),
    };
  });
}

/** `{Id, Path, Name}` (or loosely a string); paths are written from the mailbox root. */
function folderPathOf(value: unknown): string | null {
  const parsed = typeof value === 'string' ? parseJsonText(value) : value;
  let path: string | null = null;
  if (typeof parsed === 'string') path = parsed;
  else if (isJsonObject(parsed)) {
    const folder = new JsonFields(parsed);
    path = folder.text('Path') ?? folder.text('Name');
  } else if (parsed !== null && parsed !== undefined) {
    throw new TypeError('not a folder');
  }
  if (path === null || path.trim() === '') return null;
  const trimmed = path.trim();
  return trimmed.startsWith('\\') ? trimmed : `\\${trimmed}`;
}

function recipientList(data: JsonFields): string[] {
  const entries = data.list('recipientList') ?? [];
  const addresses = entries.flatMap((entry) => {
    if (typeof entry === 'string') return [entry];
    if (!isJsonObject(entry)) throw new TypeError('an entry is not an address');
    const address = new JsonFields(entry).text('Address');
    return address === null ? [] : [address];
  });
  return [...new Set(addresses.map((address) => address.trim().toLowerCase()))].sort(compareText);
}

function lower(value: string | null): string | null {
  return value === null ? null : value.toLowerCase();
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
