import {
  normalizeMessageId,
  type FolderListing,
  type MessageLookup,
  type MetadataSource,
  type SourcePosition,
} from '../model/index.js';
import { JsonFields, isJsonObject } from './json-fields.js';
import { invalidField, missingField } from './row-rejection.js';
import { fieldTime } from './utc-time.js';

export type CollectedEvidence =
  | { type: 'messageLookup'; lookup: MessageLookup }
  | { type: 'folderListing'; listing: FolderListing };

const METADATA_SOURCES: readonly MetadataSource[] = [
  'message-trace',
  'graph-mailbox',
  'graph-recoverable',
  'graph-message-trace',
  'audit-record',
];

/**
 * One line of evidence our own live collection wrote: the model's MessageLookup or
 * FolderListing without `source`, tagged with `type`. Our own format, so read strictly.
 */
export function mapCollectedEvidence(line: JsonFields, source: SourcePosition): CollectedEvidence {
  const type = line.text('type');
  switch (type) {
    case 'messageLookup':
      return { type, lookup: messageLookup(line, source) };
    case 'folderListing':
      return { type, listing: folderListing(line, source) };
    case null:
      throw missingField('type');
    default:
      throw invalidField('type', type);
  }
}

function messageLookup(line: JsonFields, source: SourcePosition): MessageLookup {
  const found = line.flag('found');
  if (found === null) throw missingField('found');
  return {
    mailbox: requiredText(line, 'mailbox').toLowerCase(),
    internetMessageId: messageId(line),
    found,
    metadataSource: metadataSource(line),
    subject: line.verbatim('subject'),
    sender: line.text('sender')?.toLowerCase() ?? null,
    recipients: addresses(line),
    date: fieldTime(line.label('date'), line.text('date')),
    reason: line.text('reason'),
    source,
  };
}

function folderListing(line: JsonFields, source: SourcePosition): FolderListing {
  const messages = line.array('messages');
  if (messages === null) throw missingField('messages');
  return {
    mailbox: requiredText(line, 'mailbox').toLowerCase(),
    path: requiredText(line, 'path'),
    messages: messages.map((value) => {
      if (!isJsonObject(value)) throw invalidField('messages', value);
      const message = new JsonFields(value, 'messages');
      return {
        internetMessageId: messageId(message),
        subject: message.verbatim('subject'),
        sender: message.text('sender')?.toLowerCase() ?? null,
        recipients: addresses(message),
        date: fieldTime(message.label('date'), message.text('date')),
      };
    }),
    source,
  };
}

function requiredText(fields: JsonFields, name: string): string {
  const value = fields.text(name);
  if (value === null) throw missingField(fields.label(name));
  return value;
}

function messageId(fields: JsonFields): string {
  const id = normalizeMessageId(requiredText(fields, 'internetMessageId'));
  if (id === '') throw missingField(fields.label('internetMessageId'));
  return id;
}

function metadataSource(fields: JsonFields): MetadataSource | null {
  const value = fields.text('metadataSource');
  if (value === null) return null;
  const known = METADATA_SOURCES.find((name) => name === value);
  if (known === undefined) throw invalidField(fields.label('metadataSource'), value);
  return known;
}

function addresses(fields: JsonFields): string[] {
  return (fields.array('recipients') ?? []).map((value) => {
    if (typeof value !== 'string' || value.trim() === '') {
      throw invalidField(fields.label('recipients'), value);
    }
    return value.trim().toLowerCase();
  });
}
