import type { ExposedMessage, Exposure, ForwardedCopy } from '../model/index.js';
import { groupBy } from './group-by.js';
import { compareInstants } from './instants.js';
import { messageKey } from './message-key.js';
import { compareText, sortedUnique } from './ordering.js';

/**
 * An exposed message before its metadata is resolved (rules 4 to 6). Its `accessCount` counts
 * the audit records of this kind of exposure that name the message (see each rule).
 */
export interface ExposureFinding extends Pick<
  ExposedMessage,
  | 'mailbox'
  | 'internetMessageId'
  | 'exposure'
  | 'firstAccess'
  | 'lastAccess'
  | 'accessCount'
  | 'sessions'
  | 'folder'
  | 'auditRecordIds'
> {
  /** Subject and item creation time carried by the audit record: metadata of last resort. */
  auditSubject: string | null;
  auditDate: string | null;
  /** How a `forwarded` message left the organisation (rule 11). */
  forwarding?: ForwardedCopy;
}

const STRENGTH: Record<Exposure, number> = {
  forwarded: -1,
  confirmed: 0,
  'presumed-sync': 1,
  'presumed-throttled': 2,
};

/**
 * One finding per (mailbox, InternetMessageId): the strongest exposure (forwarded, confirmed,
 * then presumed-sync, then presumed-throttled) gives firstAccess, lastAccess, accessCount and
 * folder; audit record ids and sessions are the union of all, so every record that touched
 * the message is cited. Each rule yields at most one finding per message, so the strongest is
 * a single one.
 */
export function mergeExposures(findings: readonly ExposureFinding[]): ExposureFinding[] {
  const byMessage = groupBy(findings, (finding) =>
    messageKey(finding.mailbox, finding.internetMessageId),
  );
  const merged: ExposureFinding[] = [];
  for (const group of byMessage.values()) {
    const ranked = [...group].sort((a, b) => STRENGTH[a.exposure] - STRENGTH[b.exposure]);
    const [strongest] = ranked;
    if (strongest === undefined) continue;
    merged.push({
      ...strongest,
      sessions: sortedUnique(ranked.flatMap((finding) => finding.sessions)),
      auditRecordIds: sortedUnique(ranked.flatMap((finding) => finding.auditRecordIds)),
      auditSubject: ranked.find((finding) => finding.auditSubject !== null)?.auditSubject ?? null,
      auditDate: ranked.find((finding) => finding.auditDate !== null)?.auditDate ?? null,
    });
  }
  return merged.sort(compareExposures);
}

/** Messages are listed by mailbox, then first access, then InternetMessageId. */
export function compareExposures(
  a: Pick<ExposureFinding, 'mailbox' | 'firstAccess' | 'internetMessageId'>,
  b: Pick<ExposureFinding, 'mailbox' | 'firstAccess' | 'internetMessageId'>,
): number {
  return (
    compareText(a.mailbox, b.mailbox) ||
    compareInstants(a.firstAccess, b.firstAccess) ||
    compareText(a.internetMessageId, b.internetMessageId)
  );
}
