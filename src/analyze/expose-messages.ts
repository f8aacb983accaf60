import type { AttributionReason, AuditRecord, Problem } from '../model/index.js';
import { normalizeMessageId } from '../model/index.js';
import { compareInstants, normalizeInstant } from './instants.js';
import { isMailItemsAccessed } from './mail-access.js';
import type { ExposureFinding } from './merge-exposures.js';
import { compareExposures } from './merge-exposures.js';
import { messageKey } from './message-key.js';
import { compareText, sortedUnique } from './ordering.js';
import { sessionKey } from './session-ids.js';

interface BoundMessage {
  internetMessageId: string;
  folder: string | null;
  subject: string | null;
  date: string | null;
}

interface Accumulated {
  mailbox: string;
  internetMessageId: string;
  /** In creation-time order: the first one's folder and subject are kept. */
  records: AuditRecord[];
  folder: string | null;
  subject: string | null;
  date: string | null;
}

/**
 * Rule 4, confirmed exposure: every attributed MailItemsAccessed Bind record exposes each
 * InternetMessageId it lists (FolderItems, or Item on ExchangeItem-shaped records) in the
 * record's mailbox (MailboxOwnerUPN, not the actor's: messages live in the owner's mailbox).
 *
 * - accessCount is the number of distinct audit records that list the message, not the sum of
 *   OperationCount: OperationCount counts binds folded into a record across all its items, not
 *   per message, and repeat binds within an hour are not logged at all, so neither is a read
 *   count; the number of records is what the evidence proves.
 * - firstAccess/lastAccess are the earliest and latest of those records; folder is the path the
 *   message was listed under in the earliest one (a message moved later keeps its first folder);
 *   subject and item creation time are the first the records carry (metadata of last resort).
 * - A MailItemsAccessed record without MailAccessType is treated as Bind when it lists message
 *   ids (a listed id was accessed) and reported with a `notice` either way.
 */
export function confirmedExposures(
  records: readonly AuditRecord[],
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
): { findings: ExposureFinding[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const byMessage = new Map<string, Accumulated>();
  const attributed = records
    .filter((record) => reasons.has(record.id) && isMailItemsAccessed(record))
    .sort((a, b) => compareInstants(a.creationTime, b.creationTime) || compareText(a.id, b.id));
  for (const record of attributed) {
    if (record.mailAccessType === 'Sync') continue;
    const bound = boundMessages(record, problems);
    if (record.mailAccessType === null) {
      problems.push({
        code: 'notice',
        input: record.source.input,
        line: record.source.line,
        message:
          bound.length > 0
            ? `MailItemsAccessed record ${record.id} has no MailAccessType; its ${bound.length} message id(s) are counted as Bind`
            : `MailItemsAccessed record ${record.id} has no MailAccessType and lists no message id; it exposes nothing`,
      });
    }
    for (const message of bound) {
      const key = messageKey(record.mailbox, message.internetMessageId);
      const seen = byMessage.get(key);
      if (seen === undefined) {
        byMessage.set(key, { mailbox: record.mailbox, ...message, records: [record] });
      } else {
        if (!seen.records.includes(record)) seen.records.push(record);
        seen.subject ??= message.subject;
        seen.date ??= message.date;
      }
    }
  }
  return { findings: [...byMessage.values()].map(toFinding).sort(compareExposures), problems };
}

function boundMessages(record: AuditRecord, problems: Problem[]): BoundMessage[] {
  const listed: BoundMessage[] = record.folders.flatMap((folder) =>
    folder.items.map((item) => ({
      internetMessageId: normalizeMessageId(item.internetMessageId),
      folder: folder.path,
      subject: item.subject,
      date: item.creationTime,
    })),
  );
  if (record.item?.internetMessageId != null) {
    listed.push({
      internetMessageId: normalizeMessageId(record.item.internetMessageId),
      folder: record.item.parentFolder,
      subject: record.item.subject,
      date: null,
    });
  }
  const usable = listed.filter((message) => message.internetMessageId !== '');
  if (usable.length < listed.length) {
    problems.push({
      code: 'notice',
      input: record.source.input,
      line: record.source.line,
      message: `record ${record.id} lists ${listed.length - usable.length} item(s) without an InternetMessageId; they cannot be reported as messages`,
    });
  }
  return usable;
}

function toFinding(seen: Accumulated): ExposureFinding {
  const times = seen.records.map((record) => record.creationTime);
  return {
    mailbox: seen.mailbox,
    internetMessageId: seen.internetMessageId,
    exposure: 'confirmed',
    firstAccess: normalizeInstant(times[0] ?? ''),
    lastAccess: normalizeInstant(times[times.length - 1] ?? ''),
    accessCount: seen.records.length,
    sessions: sortedUnique(seen.records.flatMap((record) => sessionKey(record) ?? [])),
    folder: seen.folder,
    auditRecordIds: sortedUnique(seen.records.map((record) => record.id)),
    auditSubject: seen.subject,
    auditDate: seen.date === null ? null : normalizeInstant(seen.date),
  };
}
