import type {
  AttributionReason,
  AuditRecord,
  CitedAuditRecord,
  SourcePosition,
} from '../model/index.js';
import { compareInstants, normalizeInstant } from './instants.js';
import { compareText } from './ordering.js';
import { sessionKey } from './session-ids.js';

/**
 * Rule 9: every audit record the analysis cites, with every place its Id was read (an Id read
 * from two overlapping exports lists both), so a row of the report leads back to the export
 * lines that prove it. Sorted by creation time, then Id.
 */
export function citeRecords(
  ids: Iterable<string>,
  records: ReadonlyMap<string, AuditRecord>,
  positions: ReadonlyMap<string, readonly SourcePosition[]>,
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
): CitedAuditRecord[] {
  const cited: CitedAuditRecord[] = [];
  for (const id of new Set(ids)) {
    const record = records.get(id);
    if (record === undefined) continue;
    cited.push({
      id,
      creationTime: normalizeInstant(record.creationTime),
      operation: record.operation,
      mailAccessType: record.mailAccessType,
      mailbox: record.mailbox,
      actor: record.actor,
      clientIp: record.clientIp,
      sessionId: sessionKey(record),
      attributedBy: [...(reasons.get(id) ?? [])],
      sources: [...(positions.get(id) ?? [record.source])],
    });
  }
  return cited.sort(
    (a, b) => compareInstants(a.creationTime, b.creationTime) || compareText(a.id, b.id),
  );
}
