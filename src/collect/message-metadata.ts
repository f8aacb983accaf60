import { normalizeMessageId } from '../model/index.js';

/** Only what the report needs: no body, no attachments (Mail.ReadBasic.All suffices). */
export const MESSAGE_SELECT = [
  'internetMessageId',
  'subject',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'receivedDateTime',
  'sentDateTime',
].join(',');

export interface MessageMetadata {
  subject: string | null;
  /** Lower-cased address. */
  sender: string | null;
  /** Lower-cased, unique, sorted. */
  recipients: string[];
  /** ISO 8601 UTC with `Z`. */
  date: string | null;
}

interface GraphMessage {
  internetMessageId?: unknown;
  subject?: unknown;
  from?: unknown;
  sender?: unknown;
  toRecipients?: unknown;
  ccRecipients?: unknown;
  bccRecipients?: unknown;
  receivedDateTime?: unknown;
  sentDateTime?: unknown;
}

/** A Graph message's metadata in the model's terms. */
export function metadataOf(value: unknown): MessageMetadata {
  const message = asMessage(value);
  const recipients = [message.toRecipients, message.ccRecipients, message.bccRecipients]
    .flatMap((list): unknown[] => (Array.isArray(list) ? list : []))
    .map(addressOf)
    .filter((address): address is string => address !== null);
  return {
    subject: typeof message.subject === 'string' ? message.subject : null,
    sender: addressOf(message.from) ?? addressOf(message.sender),
    recipients: [...new Set(recipients)].sort(),
    date: isoOrNull(message.receivedDateTime) ?? isoOrNull(message.sentDateTime),
  };
}

/** The message's internetMessageId, normalised; null when Graph gives none. */
export function messageIdOf(value: unknown): string | null {
  const id = asMessage(value).internetMessageId;
  if (typeof id !== 'string') return null;
  const normalised = normalizeMessageId(id);
  return normalised === '' ? null : normalised;
}

/**
 * A lookup can match several items (the same message copied to two folders): the earliest
 * received one is taken, so the choice does not depend on Graph's order.
 */
export function earliestMessage(values: readonly unknown[]): unknown {
  let best: unknown = values[0];
  for (const value of values.slice(1)) {
    const date = metadataOf(value).date;
    const bestDate = metadataOf(best).date;
    if (date !== null && (bestDate === null || date < bestDate)) best = value;
  }
  return best;
}

/** ISO 8601 UTC with `Z` and whole seconds, or null. */
export function isoOrNull(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

function addressOf(recipient: unknown): string | null {
  if (typeof recipient !== 'object' || recipient === null) return null;
  const email: unknown = (recipient as { emailAddress?: unknown }).emailAddress;
  if (typeof email !== 'object' || email === null) return null;
  const address: unknown = (email as { address?: unknown }).address;
  return typeof address === 'string' && address.trim() !== '' ? address.trim().toLowerCase() : null;
}

function asMessage(value: unknown): GraphMessage {
  return typeof value === 'object' && value !== null ? value : {};
}
