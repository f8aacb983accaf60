import type { FolderListing, MessageLookup, TraceRecord } from '../model/index.js';
import { normalizeMessageId } from '../model/index.js';
import type { Sourced } from './input-use.js';
import { earliest, normalizeInstant } from './instants.js';

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
 * Messages known to be in each mailbox (lower-cased): message-trace rows naming the mailbox as
 * sender or recipient (a sent message is in Sent Items), found lookups in that mailbox, and
 * folder listings of it. The earliest date wins so that a presumption reaches as far as the
 * evidence allows.
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
    for (const mailbox of [row.sender, ...row.recipients]) {
      if (mailbox !== null) add(mailbox, row.internetMessageId, row.received, null, row);
    }
  }
  for (const lookup of lookups) {
    if (lookup.found) add(lookup.mailbox, lookup.internetMessageId, lookup.date, null, lookup);
  }
  for (const listing of listings) {
    for (const message of listing.messages) {
      add(listing.mailbox, message.internetMessageId, message.date, listing.path, listing);
    }
  }
  return known;
}
