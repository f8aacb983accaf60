import { normalizeMessageId, type SourcePosition, type TraceRecord } from '../model/index.js';
import { parseNumber } from './json-fields.js';
import type { RawTraceRow } from './reader.js';
import { invalidField, missingField } from './row-rejection.js';
import { fieldTime } from './utc-time.js';

/** One message-trace row into the model; addresses lower-cased so they compare as addresses. */
export function mapTraceRecord(raw: RawTraceRow, source: SourcePosition): TraceRecord {
  const internetMessageId = normalizeMessageId(raw.messageId);
  if (internetMessageId === '') throw missingField('MessageId');
  return {
    internetMessageId,
    received: fieldTime('Received', raw.received),
    sender: address(raw.sender),
    recipients: raw.recipients.map(address).filter((value) => value !== null),
    subject: raw.subject.trim() === '' ? null : raw.subject,
    status: text(raw.status),
    sizeInBytes: size(raw.size),
    source,
  };
}

function text(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}

function address(value: string): string | null {
  return text(value)?.toLowerCase() ?? null;
}

function size(value: string): number | null {
  const parsed = parseNumber(value);
  if (parsed === undefined) throw invalidField('Size', value);
  return parsed;
}
