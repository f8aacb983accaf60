import type { AttributionReason, AuditRecord, HiddenMessage, HideKind } from '../model/index.js';
import { compareInstants, normalizeInstant } from './instants.js';
import { compareOptionalText, compareText } from './ordering.js';
import { sessionsOf } from './session-ids.js';

const KINDS: Readonly<Record<string, HideKind>> = {
  movetodeleteditems: 'deleted',
  softdelete: 'soft-deleted',
  harddelete: 'purged',
  move: 'moved',
};

/**
 * Folders an owner rarely opens, where attackers park mail they want unseen (by their English,
 * Dutch and German names, as a folder path's last part). A move elsewhere is not hiding.
 */
const HIDDEN_FOLDERS: ReadonlySet<string> = new Set([
  'rss feeds',
  'rss subscriptions',
  'rss-feeds',
  'rss-abonnementen',
  'rss-abonnements',
  'conversation history',
  'gespreksgeschiedenis',
  'unterhaltungsverlauf',
  'archive',
  'archief',
  'archiv',
  'junk email',
  'junk e-mail',
  'ongewenste e-mail',
  'junk-e-mail',
  'notes',
  'notities',
  'notizen',
  'deleted items',
  'verwijderde items',
  'gelöschte elemente',
]);

/** True when a folder path's last part is one the owner rarely looks in. */
export function isHiddenFolder(path: string | null): boolean {
  if (path === null) return false;
  const last = path
    .slice(path.lastIndexOf('\\') + 1)
    .trim()
    .toLowerCase();
  return HIDDEN_FOLDERS.has(last);
}

/**
 * Rule 10, deleted and hidden mail: one row per message of each attributed `MoveToDeletedItems`
 * (deleted), `SoftDelete` (removed from Deleted Items), `HardDelete` (purged) and `Move` to a
 * hidden folder. A record without AffectedItems still gives one row, naming no message. Sorted
 * by mailbox, time, then message id.
 */
export function hiddenMessages(
  records: readonly AuditRecord[],
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
): HiddenMessage[] {
  const hidden: HiddenMessage[] = [];
  for (const record of records) {
    const kind = KINDS[record.operation.toLowerCase()];
    const fields = record.activity;
    if (kind === undefined || fields === null || !reasons.has(record.id)) continue;
    if (kind === 'moved' && !isHiddenFolder(fields.destFolder)) continue;
    const items = fields.affectedItems.length > 0 ? fields.affectedItems : [null];
    for (const item of items) {
      hidden.push({
        mailbox: record.mailbox,
        at: normalizeInstant(record.creationTime),
        operation: record.operation,
        kind,
        internetMessageId: item?.internetMessageId ?? null,
        subject: item?.subject ?? null,
        fromFolder: item?.folder ?? fields.folder,
        toFolder: fields.destFolder,
        sessions: sessionsOf(record),
        auditRecordIds: [record.id],
      });
    }
  }
  return hidden.sort(
    (a, b) =>
      compareText(a.mailbox, b.mailbox) ||
      compareInstants(a.at, b.at) ||
      compareOptionalText(a.internetMessageId, b.internetMessageId) ||
      compareText(a.auditRecordIds.join(), b.auditRecordIds.join()),
  );
}
