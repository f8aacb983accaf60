import type { FolderListing, MessageLookup, TraceRecord } from '../model/index.js';
import { normalizeMessageId } from '../model/index.js';
import type { Sourced } from './input-use.js';
import { earliest, normalizeInstant } from './instants.js';
import { comparePositions } from './ordering.js';

/** A message the evidence shows in a mailbox, whether or not an audit record names it. */
export interface KnownMessage {
  internetMessageId: string;
  /** Earliest date any evidence gives it; null when none does. */
  date: string | null;
  /** Folder path, when a folder listing shows it. */
  folder: string | null;
  /** The trace rows, lookups and listings that show it. */
  evidence: Sourced[];
}

/**
 * Trace statuses saying the message never reached the recipient's mailbox (Get-MessageTrace):
 * it bounced, or it is held in quarantine outside the mailbox.
 */
const NOT_IN_MAILBOX: ReadonlySet<string> = new Set(['failed', 'quarantined']);

/**
 * Messages known to be in each mailbox (lower-cased): message-trace rows naming the mailbox as
 * sender (a sent message is in Sent Items, delivered or not) or as a recipient it reached,
 * found lookups in that mailbox, and folder listings of it. The earliest date wins so that a
 * presumption reaches as far as the evidence allows.
 */
export function knownMessages(
  trace: readonly TraceRecord[],
  lookups: readonly MessageLookup[],
  listings: readonly FolderListing[],
): Map<string, Map<string, KnownMessage>> {
  const known = new Map<string, Map<string, KnownMessage>>();
  const add = (
    mailbox: string,
    rawId: string,
    date: string | null,
    folder: string | null,
    evidence: Sourced,
  ) => {
    const id = normalizeMessageId(rawId);
    const box = mailbox.trim().toLowerCase();
    if (id === '' || box === '') return;
    const messages = known.get(box) ?? new Map<string, KnownMessage>();
    known.set(box, messages);
    const seen = messages.get(id);
    const when = date === null ? null : normalizeInstant(date);
    if (seen === undefined) {
      messages.set(id, { internetMessageId: id, date: when, folder, evidence: [evidence] });
      return;
    }
    seen.date = earliest([seen.date, when].filter((time) => time !== null));
    seen.folder ??= folder;
    if (!seen.evidence.includes(evidence)) seen.evidence.push(evidence);
  };
  for (const row of trace) {
    const reached = !neverDelivered(row.status);
    for (const mailbox of [row.sender, ...(reached ? row.recipients : [])]) {
      if (mailbox !== null) add(mailbox, row.internetMessageId, row.received, null, row);
    }
  }
  for (const lookup of lookups) {
    if (lookup.found) add(lookup.mailbox, lookup.internetMessageId, lookup.date, null, lookup);
  }
  // In reading order: a message listed in two folders (mail sent to oneself) keeps the first.
  for (const listing of [...listings].sort((a, b) => comparePositions(a.source, b.source))) {
    for (const message of listing.messages) {
      add(listing.mailbox, message.internetMessageId, message.date, listing.path, listing);
    }
  }
  return known;
}

/**
 * True only when every status the row gives (history exports join several with `; `) says the
 * message was not delivered; an unknown or mixed status keeps the message, over-inclusion
 * being the safe error.
 */
function neverDelivered(status: string | null): boolean {
  if (status === null) return false;
  const parts = status.split(';').map((part) => part.trim().toLowerCase());
  return parts.every((part) => NOT_IN_MAILBOX.has(part));
}
