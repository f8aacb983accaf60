import type {
  AttributionReason,
  AuditRecord,
  FolderListing,
  Problem,
  SyncedFolder,
} from '../model/index.js';
import { normalizeMessageId } from '../model/index.js';
import { atOrBefore, compareInstants, earliest, latest, normalizeInstant } from './instants.js';
import { isMailItemsAccessed } from './mail-access.js';
import type { ExposureFinding } from './merge-exposures.js';
import { compareExposures } from './merge-exposures.js';
import { messageKey } from './message-key.js';
import { comparePositions, compareOptionalText, compareText, sortedUnique } from './ordering.js';
import { sessionKey } from './session-ids.js';

/** Path reported for a Sync record that names no folder (reported with a `notice` too). */
export const UNNAMED_FOLDER = '(folder not named in the audit record)';

/** A message of a folder listing, with the listing it was read from. */
interface ListedMessage {
  internetMessageId: string;
  date: string | null;
  listing: FolderListing;
}

export interface SyncExposure {
  folders: SyncedFolder[];
  /** presumed-sync messages, one per (mailbox, InternetMessageId). */
  findings: ExposureFinding[];
  /** Listings that contributed a presumed-sync message. */
  listings: FolderListing[];
  problems: Problem[];
}

interface FolderSync {
  folder: SyncedFolder;
  /** The listed messages this sync presumes exposed. */
  covered: ListedMessage[];
}

/**
 * Rule 5. Every attributed MailItemsAccessed Sync record exposes the folders it names
 * (`Folders[].Path` and `Item.ParentFolder` both arrive as `folders`).
 * - One SyncedFolder per (mailbox, path, syncedAt, session): each sync is its own fact, "the
 *   folder as it was at that time"; merging repeated syncs would lose either the first time or
 *   the messages that arrived in between. Records of the very same sync are merged.
 * - With a folder listing of that mailbox and path (paths compared case-insensitively, as
 *   Exchange does), each listed message dated at or before syncedAt becomes presumed-sync. A
 *   listed message without a date is included: it cannot be shown to have arrived later, and
 *   for a breach assessment over-inclusion is the safe error.
 * - A presumed-sync message cites every sync that covered it: firstAccess/lastAccess are the
 *   earliest and latest of those syncs, accessCount the number of distinct Sync records.
 * - A folder's `presumedMessages` leaves out the listed messages in `stronger` (message keys
 *   exposed at a stronger level, e.g. confirmed): each message is counted once, at its level.
 * Folders are sorted by mailbox, syncedAt, path, then session id.
 */
export function syncedFolders(
  records: readonly AuditRecord[],
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
  listings: readonly FolderListing[],
  stronger: ReadonlySet<string>,
): SyncExposure {
  const problems: Problem[] = [];
  const syncs = new Map<string, SyncedFolder>();
  for (const record of records) {
    if (!reasons.has(record.id) || !isMailItemsAccessed(record)) continue;
    if (record.mailAccessType !== 'Sync') continue;
    const paths = record.folders.map((folder) => folder.path);
    if (paths.length === 0 || paths.includes(null)) {
      problems.push({
        code: 'notice',
        input: record.source.input,
        line: record.source.line,
        message: `Sync record ${record.id} names no folder; it is reported as ${UNNAMED_FOLDER}`,
      });
    }
    for (const path of paths.length === 0 ? [null] : paths) {
      const folder: SyncedFolder = {
        mailbox: record.mailbox,
        path: path ?? UNNAMED_FOLDER,
        syncedAt: normalizeInstant(record.creationTime),
        sessionId: sessionKey(record),
        listed: false,
        messages: 0,
        presumedMessages: 0,
        auditRecordIds: [record.id],
      };
      const key = JSON.stringify([folder.mailbox, folder.path, folder.syncedAt, folder.sessionId]);
      const same = syncs.get(key);
      if (same === undefined) syncs.set(key, folder);
      else same.auditRecordIds = sortedUnique([...same.auditRecordIds, record.id]);
    }
  }
  const listed = indexListings(listings, problems);
  const folderSyncs: FolderSync[] = [...syncs.values()].sort(compareFolders).map((folder) => {
    const content = listed.get(listingKey(folder.mailbox, folder.path));
    if (content === undefined) return { folder, covered: [] };
    const covered = [...content.values()].filter(
      (message) => message.date === null || atOrBefore(message.date, folder.syncedAt),
    );
    const presumed = covered.filter(
      (message) => !stronger.has(messageKey(folder.mailbox, message.internetMessageId)),
    );
    return {
      folder: {
        ...folder,
        listed: true,
        messages: covered.length,
        presumedMessages: presumed.length,
      },
      covered,
    };
  });
  const used = new Set(folderSyncs.flatMap((sync) => sync.covered.map((entry) => entry.listing)));
  return {
    folders: folderSyncs.map((sync) => sync.folder),
    findings: presumedSync(folderSyncs, records),
    listings: listings.filter((listing) => used.has(listing)),
    problems,
  };
}

function presumedSync(folderSyncs: readonly FolderSync[], records: readonly AuditRecord[]) {
  const sessionOf = new Map(records.map((record) => [record.id, sessionKey(record)]));
  const byMessage = new Map<string, { mailbox: string; id: string; syncs: SyncedFolder[] }>();
  for (const { folder, covered } of folderSyncs) {
    for (const { internetMessageId: id } of covered) {
      const key = messageKey(folder.mailbox, id);
      const seen = byMessage.get(key);
      if (seen === undefined) byMessage.set(key, { mailbox: folder.mailbox, id, syncs: [folder] });
      else seen.syncs.push(folder);
    }
  }
  return [...byMessage.values()]
    .map(({ mailbox, id, syncs }): ExposureFinding => {
      const times = syncs.map((sync) => sync.syncedAt);
      const first = earliest(times) ?? '';
      const recordIds = sortedUnique(syncs.flatMap((sync) => sync.auditRecordIds));
      return {
        mailbox,
        internetMessageId: id,
        exposure: 'presumed-sync',
        firstAccess: first,
        lastAccess: latest(times) ?? first,
        accessCount: recordIds.length,
        sessions: sortedUnique(recordIds.flatMap((recordId) => sessionOf.get(recordId) ?? [])),
        folder: syncs.find((sync) => sync.syncedAt === first)?.path ?? null,
        auditRecordIds: recordIds,
        auditSubject: null,
        auditDate: null,
      };
    })
    .sort(compareExposures);
}

/**
 * The listed content of each (mailbox, folder): by normalised InternetMessageId, the entry of
 * the first listing by input and line winning when a folder was listed twice.
 */
function indexListings(
  listings: readonly FolderListing[],
  problems: Problem[],
): Map<string, Map<string, ListedMessage>> {
  const index = new Map<string, Map<string, ListedMessage>>();
  const ordered = [...listings].sort((a, b) => comparePositions(a.source, b.source));
  for (const listing of ordered) {
    const key = listingKey(listing.mailbox, listing.path);
    const content = index.get(key) ?? new Map<string, ListedMessage>();
    index.set(key, content);
    for (const message of listing.messages) {
      const id = normalizeMessageId(message.internetMessageId);
      if (id === '') {
        problems.push({
          code: 'notice',
          input: listing.source.input,
          line: listing.source.line,
          message: `the listing of ${listing.path} in ${listing.mailbox} has a message without an InternetMessageId; it cannot be reported`,
        });
      } else if (!content.has(id)) {
        content.set(id, { internetMessageId: id, date: message.date, listing });
      }
    }
  }
  return index;
}

function listingKey(mailbox: string, path: string): string {
  return `${mailbox.trim().toLowerCase()}\n${path.trim().toLowerCase()}`;
}

function compareFolders(a: SyncedFolder, b: SyncedFolder): number {
  return (
    compareText(a.mailbox, b.mailbox) ||
    compareInstants(a.syncedAt, b.syncedAt) ||
    compareText(a.path, b.path) ||
    compareOptionalText(a.sessionId, b.sessionId)
  );
}
