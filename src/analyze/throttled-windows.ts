import type { AttributionReason, AuditRecord, CaseFile, ThrottledWindow } from '../model/index.js';
import { addHours, compareInstants, instant, latest, normalizeInstant } from './instants.js';
import { compareText, sortedUnique } from './ordering.js';

/** How long Exchange stops auditing a mailbox's mail access after throttling (FORMATS.md §1). */
export const THROTTLE_HOURS = 24;

/**
 * Rule 6. Every in-scope record with IsThrottled opens [creationTime, creationTime + 24 h] on
 * its mailbox, attributed when the throttled record itself is the attacker's. Windows of the
 * same mailbox and the same attribution that overlap or touch (ends are inclusive) are merged
 * into one, citing all their records: they describe one continuous unaudited period. Attributed
 * and unattributed windows are never merged, so the attributed flag stays exact.
 * A throttled record from up to 24 hours before the case window opens a window reaching into
 * it: only that part matters, so `start` is the case window's start and `openedAt` keeps the
 * time the unaudited period began (equal to `start` for windows opened inside the case window).
 * Sorted by mailbox, start, unattributed before attributed, then end.
 */
export function throttledWindows(
  records: readonly AuditRecord[],
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
  caseWindow: CaseFile['window'],
): ThrottledWindow[] {
  const opened = records
    .filter((record) => record.isThrottled)
    .map((record): ThrottledWindow => {
      const openedAt = normalizeInstant(record.creationTime);
      return {
        mailbox: record.mailbox,
        start: latest([openedAt, normalizeInstant(caseWindow.start)]) ?? openedAt,
        end: addHours(record.creationTime, THROTTLE_HOURS),
        openedAt,
        attributed: reasons.has(record.id),
        auditRecordIds: [record.id],
      };
    })
    .sort(compareWindows);
  const merged: ThrottledWindow[] = [];
  for (const window of opened) {
    const open = merged.findLast(
      (candidate) =>
        candidate.mailbox === window.mailbox && candidate.attributed === window.attributed,
    );
    if (open !== undefined && instant(window.start) <= instant(open.end)) {
      if (compareInstants(window.end, open.end) > 0) open.end = window.end;
      if (compareInstants(window.openedAt, open.openedAt) < 0) open.openedAt = window.openedAt;
      open.auditRecordIds = sortedUnique([...open.auditRecordIds, ...window.auditRecordIds]);
    } else {
      merged.push({ ...window });
    }
  }
  return merged.sort(compareWindows);
}

function compareWindows(a: ThrottledWindow, b: ThrottledWindow): number {
  return (
    compareText(a.mailbox, b.mailbox) ||
    compareInstants(a.start, b.start) ||
    Number(a.attributed) - Number(b.attributed) ||
    compareInstants(a.end, b.end)
  );
}
