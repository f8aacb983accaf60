import type { AuditRecord, ThrottledWindow } from '../model/index.js';
import { atOrBefore, earliest, latest } from './instants.js';
import type { Sourced } from './input-use.js';
import type { KnownMessage } from './known-messages.js';
import type { ExposureFinding } from './merge-exposures.js';
import { compareExposures } from './merge-exposures.js';
import { messageKey } from './message-key.js';
import { sortedUnique } from './ordering.js';
import { sessionKey } from './session-ids.js';

/**
 * Rule 6, the messages: an attributed throttled window presumes the whole mailbox exposed, but
 * a report can only name the messages the evidence shows in it (see knownMessages). Each such
 * message dated at or before the window's end (it may have been read any time up to then) or
 * undated, and not already confirmed or presumed-sync, becomes presumed-throttled.
 * firstAccess/lastAccess are the earliest and latest start of the windows covering it,
 * accessCount the number of distinct throttled records, sessions theirs. Mail that no evidence
 * names is not listed; the report must say the whole mailbox is presumed exposed.
 */
export function presumedThrottled(
  windows: readonly ThrottledWindow[],
  known: ReadonlyMap<string, ReadonlyMap<string, KnownMessage>>,
  alreadyExposed: ReadonlySet<string>,
  records: readonly AuditRecord[],
): { findings: ExposureFinding[]; evidence: Sourced[] } {
  const byMessage = new Map<
    string,
    { message: KnownMessage; mailbox: string; windows: ThrottledWindow[] }
  >();
  for (const window of windows) {
    if (!window.attributed) continue;
    for (const message of known.get(window.mailbox)?.values() ?? []) {
      if (message.date !== null && !atOrBefore(message.date, window.end)) continue;
      const key = messageKey(window.mailbox, message.internetMessageId);
      if (alreadyExposed.has(key)) continue;
      const seen = byMessage.get(key);
      if (seen === undefined)
        byMessage.set(key, { message, mailbox: window.mailbox, windows: [window] });
      else seen.windows.push(window);
    }
  }
  const sessionOf = new Map(records.map((record) => [record.id, sessionKey(record)]));
  const findings = [...byMessage.values()].map(
    ({ message, mailbox, windows: covering }): ExposureFinding => {
      const starts = covering.map((window) => window.start);
      const first = earliest(starts) ?? '';
      const recordIds = sortedUnique(covering.flatMap((window) => window.auditRecordIds));
      return {
        mailbox,
        internetMessageId: message.internetMessageId,
        exposure: 'presumed-throttled',
        firstAccess: first,
        lastAccess: latest(starts) ?? first,
        accessCount: recordIds.length,
        sessions: sortedUnique(recordIds.flatMap((id) => sessionOf.get(id) ?? [])),
        folder: message.folder,
        auditRecordIds: recordIds,
        auditSubject: null,
        auditDate: null,
      };
    },
  );
  const evidence = [...byMessage.values()].flatMap(({ message }) => message.evidence);
  return { findings: findings.sort(compareExposures), evidence };
}
