import type { ForwardedCopy, TraceRecord } from '../model/index.js';
import { normalizeMessageId } from '../model/index.js';
import { isInternal } from './data-subjects.js';
import { isAddress } from './email-addresses.js';
import type { ForwardingPeriod } from './forwarding-period.js';
import { groupBy } from './group-by.js';
import { instant, normalizeInstant } from './instants.js';
import type { ExposureFinding } from './merge-exposures.js';
import { messageKey } from './message-key.js';
import { sortedUnique, sortedUniquePositions } from './ordering.js';

/** How far before its forwarded copy an original may have been delivered (rules run on delivery). */
const LINK_HOURS = 24;
const MS_PER_HOUR = 3_600_000;

/** Prefixes Outlook puts before a forwarded subject, in the languages cases here meet. */
const FORWARD_PREFIX = /^\s*(?:fw|fwd|wg|tr|rv|doorst|i|enc|pd|vs|vl|fs|wtr)\s*:\s*/i;

/**
 * Rule 11: messages the attacker's forwarding sent out of the organisation. For each period
 * in which a rule or mailbox forwarding sent a mailbox's mail to an address outside the case
 * domains, every message-trace row to that address received while it was in force (from the
 * change that set it up until the one that ended it, ends included) is a forwarded copy:
 *
 * - when the row's message id was also delivered to the mailbox, the message itself was
 *   forwarded (redirect and mailbox forwarding keep the id): link `same-id`;
 * - else when the row's sender is the mailbox, it is a new message (an inbox-rule forward):
 *   its original is the latest message delivered to the mailbox with the same subject (less
 *   `FW:` and the like) within 24 hours before it: link `inferred`; with none, the copy itself
 *   is listed: link `copy-only`;
 * - any other row to that address is not the mailbox's mail and is left out, as are the
 *   attacker's own sent messages (`excludedIds`).
 *
 * One finding per (mailbox, original id), citing the records that set up and ended every rule
 * or forwarding that carried it and, in `forwarding.trace`, the trace rows that show it
 * arriving in the mailbox and leaving it. Periods are taken in the order given (rules, then
 * mailbox forwarding), and `forwarding.by` and `rule` name the first that carried it.
 */
export function forwardedMessages(
  periods: readonly ForwardingPeriod[],
  trace: readonly TraceRecord[],
  domains: readonly string[],
  excludedIds: ReadonlySet<string>,
): { findings: ExposureFinding[]; evidence: TraceRecord[] } {
  const outside = periods.filter(
    (period) => isAddress(period.target) && !isInternal(period.target, domains),
  );
  if (outside.length === 0 || trace.length === 0) return { findings: [], evidence: [] };
  const targets = new Set(outside.map((period) => period.target));
  const rowsTo = new Map<string, TraceRecord[]>();
  for (const row of trace) {
    for (const recipient of row.recipients) {
      if (!targets.has(recipient)) continue;
      const rows = rowsTo.get(recipient) ?? [];
      rows.push(row);
      rowsTo.set(recipient, rows);
    }
  }
  const byId = groupBy(trace, (row) => normalizeMessageId(row.internetMessageId));
  const mailboxes = new Set(outside.map((period) => period.mailbox));
  const deliveredTo = new Map<string, TraceRecord[]>();
  for (const row of trace) {
    for (const recipient of row.recipients) {
      if (!mailboxes.has(recipient) || row.received === null) continue;
      const rows = deliveredTo.get(recipient) ?? [];
      rows.push(row);
      deliveredTo.set(recipient, rows);
    }
  }
  const forwarded = new Map<string, Forwarded>();
  for (const period of outside) {
    for (const row of rowsTo.get(period.target) ?? []) {
      if (!inPeriod(row, period)) continue;
      const copyId = normalizeMessageId(row.internetMessageId);
      if (excludedIds.has(copyId)) continue;
      const link = originalOf(
        row,
        copyId,
        period.mailbox,
        byId,
        deliveredTo.get(period.mailbox) ?? [],
      );
      if (link === null) continue;
      const key = messageKey(period.mailbox, link.id);
      const seen = forwarded.get(key) ?? {
        mailbox: period.mailbox,
        id: link.id,
        link: link.link,
        copyId: link.id === copyId ? null : copyId,
        subject: row.subject,
        period,
        auditRecordIds: new Set<string>(),
        rows: [],
        targets: new Set<string>(),
      };
      for (const recordId of period.auditRecordIds) seen.auditRecordIds.add(recordId);
      seen.rows.push(row);
      for (const linked of link.rows) seen.rows.push(linked);
      seen.targets.add(period.target);
      forwarded.set(key, seen);
    }
  }
  const evidence: TraceRecord[] = [];
  const findings = [...forwarded.values()].map((item): ExposureFinding => {
    const toTarget = item.rows.filter((row) => row.recipients.some((r) => item.targets.has(r)));
    const times = sortedUnique(
      toTarget.flatMap((row) => (row.received === null ? [] : [normalizeInstant(row.received)])),
    );
    for (const row of item.rows) evidence.push(row);
    const forwarding: ForwardedCopy = {
      by: item.period.by,
      rule: item.period.rule,
      targets: sortedUnique(item.targets),
      forwardedAt: times[0] ?? item.period.from,
      link: item.link,
      copyId: item.copyId,
      trace: sortedUniquePositions(item.rows.map((row) => row.source)),
    };
    return {
      mailbox: item.mailbox,
      internetMessageId: item.id,
      exposure: 'forwarded',
      firstAccess: forwarding.forwardedAt,
      lastAccess: times[times.length - 1] ?? forwarding.forwardedAt,
      accessCount: new Set(toTarget).size,
      sessions: [],
      folder: null,
      auditRecordIds: sortedUnique(item.auditRecordIds),
      auditSubject: item.link === 'copy-only' ? item.subject : null,
      auditDate: null,
      forwarding,
    };
  });
  return { findings, evidence };
}

interface Forwarded {
  mailbox: string;
  id: string;
  link: ForwardedCopy['link'];
  copyId: string | null;
  subject: string | null;
  /** The first period found to carry it; `auditRecordIds` unites every one that did. */
  period: ForwardingPeriod;
  auditRecordIds: Set<string>;
  rows: TraceRecord[];
  targets: Set<string>;
}

function inPeriod(row: TraceRecord, period: ForwardingPeriod): boolean {
  if (row.received === null) return false;
  const time = instant(row.received);
  return time >= instant(period.from) && (period.until === null || time <= instant(period.until));
}

/** The mailbox's message a row to the target carries, and the rows that show the link. */
function originalOf(
  row: TraceRecord,
  copyId: string,
  mailbox: string,
  byId: ReadonlyMap<string, readonly TraceRecord[]>,
  deliveredToMailbox: readonly TraceRecord[],
): { id: string; link: ForwardedCopy['link']; rows: TraceRecord[] } | null {
  const delivered = (byId.get(copyId) ?? []).filter((other) => other.recipients.includes(mailbox));
  if (delivered.length > 0) return { id: copyId, link: 'same-id', rows: delivered };
  if (row.sender?.toLowerCase() !== mailbox) return null;
  const subject = baseSubject(row.subject);
  const sent = row.received === null ? Number.NaN : instant(row.received);
  let best: TraceRecord | null = null;
  for (const other of deliveredToMailbox) {
    if (other.received === null) continue;
    if (baseSubject(other.subject) !== subject || subject === '') continue;
    const at = instant(other.received);
    if (at > sent || at < sent - LINK_HOURS * MS_PER_HOUR) continue;
    if (best === null || at > instant(best.received ?? '')) best = other;
  }
  if (best === null) return { id: copyId, link: 'copy-only', rows: [] };
  const id = normalizeMessageId(best.internetMessageId);
  const rows = (byId.get(id) ?? []).filter((other) => other.recipients.includes(mailbox));
  return { id, link: 'inferred', rows };
}

/** The subject without forward prefixes (`FW: WG: x` gives `x`), spaces collapsed, lower-cased. */
function baseSubject(subject: string | null): string {
  let text = subject ?? '';
  for (;;) {
    const stripped = text.replace(FORWARD_PREFIX, '');
    if (stripped === text) break;
    text = stripped;
  }
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
