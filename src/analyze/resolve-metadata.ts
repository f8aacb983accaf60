import type {
  ExposedMessage,
  FolderListing,
  MessageLookup,
  MetadataSource,
  TraceRecord,
  UnresolvedReason,
} from '../model/index.js';
import { normalizeMessageId } from '../model/index.js';
import { earliest, latest, normalizeInstant } from './instants.js';
import type { Sourced } from './input-use.js';
import type { ExposureFinding } from './merge-exposures.js';
import { groupBy } from './group-by.js';
import { messageKey } from './message-key.js';
import { comparePositions, sortedUnique } from './ordering.js';
import { describeUnresolved, type TraceCoverage } from './unresolved-reasons.js';

export interface MetadataEvidence {
  trace: readonly TraceRecord[];
  lookups: readonly MessageLookup[];
  folderListings: readonly FolderListing[];
}

interface Metadata {
  source: MetadataSource;
  subject: string | null;
  sender: string | null;
  recipients: string[];
  date: string | null;
  evidence: Sourced[];
}

/**
 * Rule 7. Candidates, strongest first: a found Graph lookup in the message's own mailbox;
 * message trace (all rows of the id aggregated: recipients unioned and sorted, the first sender
 * and subject by input and line, the earliest received as date); a folder listing entry
 * (collected live from the mailbox, so `graph-mailbox`); the audit record itself (FolderItems
 * subject and item creation time, `audit-record`, never a sender).
 *
 * A message counts as resolved only when its sender or a recipient is known: that is what a
 * notification needs, and a subject alone names nobody. The strongest candidate that resolves
 * it is used whole (fields are not mixed, so metadataSource tells where each came from); when
 * none resolves it, the strongest that has anything is kept with `unresolvedReason` saying
 * why the others failed (the lookup's reason, the span the message trace covers).
 */
export function resolveMetadata(
  findings: readonly ExposureFinding[],
  evidence: MetadataEvidence,
): { messages: ExposedMessage[]; evidence: Sourced[] } {
  const traceById = groupBy(inReadingOrder(evidence.trace), (row) =>
    normalizeMessageId(row.internetMessageId),
  );
  const lookupsByKey = groupBy(inReadingOrder(evidence.lookups), (lookup) =>
    messageKey(lookup.mailbox.trim().toLowerCase(), normalizeMessageId(lookup.internetMessageId)),
  );
  const listed = listedMessages(evidence.folderListings);
  const traceCoverage = coverageOf(evidence.trace);
  const used: Sourced[] = [];
  const messages = findings.map((finding): ExposedMessage => {
    const key = messageKey(finding.mailbox, finding.internetMessageId);
    const lookups = lookupsByKey.get(key) ?? [];
    const traceRows = traceById.get(finding.internetMessageId) ?? [];
    const found = lookups.find((lookup) => lookup.found);
    const candidates = [
      found === undefined ? undefined : fromLookup(found),
      traceRows.length > 0 ? fromTrace(traceRows) : undefined,
      listed.get(key),
      fromAuditRecord(finding),
    ].filter((candidate) => candidate !== undefined);
    const chosen = candidates.find(isResolved) ?? candidates[0];
    if (chosen !== undefined) for (const item of chosen.evidence) used.push(item);
    const reasons =
      chosen !== undefined && isResolved(chosen)
        ? []
        : unresolvedReasons(lookups, traceRows, traceCoverage, chosen);
    if (reasons.length > 0) for (const lookup of lookups) if (!lookup.found) used.push(lookup);
    return {
      mailbox: finding.mailbox,
      internetMessageId: finding.internetMessageId,
      exposure: finding.exposure,
      firstAccess: finding.firstAccess,
      lastAccess: finding.lastAccess,
      accessCount: finding.accessCount,
      sessions: finding.sessions,
      folder: finding.folder,
      subject: chosen?.subject ?? null,
      subjectWithheld: false,
      sender: chosen?.sender ?? null,
      recipients: chosen?.recipients ?? [],
      date: chosen?.date ?? null,
      metadataSource: chosen?.source ?? null,
      unresolvedReason: reasons.length === 0 ? null : describeUnresolved(reasons),
      unresolvedReasons: reasons,
      auditRecordIds: finding.auditRecordIds,
      forwarding: finding.forwarding ?? null,
      // Filled in by withDataLeads, after the metadata gives the subject.
      attachments: [],
      leads: [],
    };
  });
  return { messages, evidence: [...new Set(used)] };
}

function isResolved(metadata: Metadata): boolean {
  return metadata.sender !== null || metadata.recipients.length > 0;
}

function fromLookup(lookup: MessageLookup): Metadata {
  return {
    source: lookup.metadataSource ?? 'graph-mailbox',
    subject: lookup.subject,
    sender: address(lookup.sender),
    recipients: addresses(lookup.recipients),
    date: lookup.date === null ? null : normalizeInstant(lookup.date),
    evidence: [lookup],
  };
}

/** Rows come in reading order, so "first" is by input and line. */
function fromTrace(ordered: readonly TraceRecord[]): Metadata {
  return {
    source: 'message-trace',
    subject: ordered.find((row) => row.subject !== null)?.subject ?? null,
    sender: address(ordered.find((row) => address(row.sender) !== null)?.sender ?? null),
    recipients: addresses(ordered.flatMap((row) => row.recipients)),
    date: earliest(
      ordered.flatMap((row) => (row.received === null ? [] : [normalizeInstant(row.received)])),
    ),
    evidence: [...ordered],
  };
}

function fromAuditRecord(finding: ExposureFinding): Metadata | undefined {
  if (finding.auditSubject === null && finding.auditDate === null) return undefined;
  return {
    source: 'audit-record',
    subject: finding.auditSubject,
    sender: null,
    recipients: [],
    date: finding.auditDate,
    evidence: [],
  };
}

/** Listing entries by (mailbox, id), the first listing by input and line winning. */
function listedMessages(listings: readonly FolderListing[]): Map<string, Metadata> {
  const listed = new Map<string, Metadata>();
  for (const listing of inReadingOrder(listings)) {
    for (const message of listing.messages) {
      const key = messageKey(
        listing.mailbox.trim().toLowerCase(),
        normalizeMessageId(message.internetMessageId),
      );
      if (listed.has(key)) continue;
      listed.set(key, {
        source: 'graph-mailbox',
        subject: message.subject,
        sender: address(message.sender),
        recipients: addresses(message.recipients),
        date: message.date === null ? null : normalizeInstant(message.date),
        evidence: [listing],
      });
    }
  }
  return listed;
}

function unresolvedReasons(
  lookups: readonly MessageLookup[],
  traceRows: readonly TraceRecord[],
  coverage: TraceCoverage | null,
  chosen: Metadata | undefined,
): UnresolvedReason[] {
  const reasons: UnresolvedReason[] = sortedUnique(
    lookups
      .filter((lookup) => !lookup.found)
      .map((lookup) => lookup.reason ?? 'not found by lookup'),
  ).map((detail) => ({ code: 'lookup-not-found', detail }));
  if (traceRows.length === 0) {
    reasons.push(
      coverage === null
        ? { code: 'no-message-trace' }
        : { code: 'not-in-message-trace', traceFrom: coverage.from, traceTo: coverage.to },
    );
  }
  if (chosen !== undefined && chosen.source !== 'audit-record') {
    reasons.push({ code: 'source-names-nobody', source: chosen.source });
  }
  return reasons;
}

/** What the message trace covers: null when there is none, open ends when no row is dated. */
function coverageOf(trace: readonly TraceRecord[]): TraceCoverage | null {
  if (trace.length === 0) return null;
  const received = trace.flatMap((row) => (row.received === null ? [] : [row.received]));
  const from = earliest(received);
  const to = latest(received);
  return from === null || to === null
    ? { from: null, to: null }
    : { from: normalizeInstant(from), to: normalizeInstant(to) };
}

function address(value: string | null): string | null {
  const text = value?.trim().toLowerCase() ?? '';
  return text === '' ? null : text;
}

function addresses(values: readonly string[]): string[] {
  return sortedUnique(values.flatMap((value) => address(value) ?? []));
}

function inReadingOrder<T extends Sourced>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => comparePositions(a.source, b.source));
}
