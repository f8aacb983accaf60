import { ACTIVITY_OPERATIONS } from '../model/index.js';
import type { Chunk } from './chunks.js';
import { chunkKey, compareChunks, planChunks } from './chunks.js';
import type { CollectContext } from './context.js';
import { fileSafe } from './evidence-writer.js';
import { graphUrl } from './graph-client.js';
import type { AuditChunkEntry, AuditQueryBody } from './manifest.js';

/**
 * MailItemsAccessed, plus what an attacker in a mailbox typically does next: every operation
 * the analysis reads as activity (ACTIVITY_OPERATIONS: rules, forwarding, sending, searching,
 * deleting and moving).
 */
export const AUDIT_OPERATIONS = [
  'MailItemsAccessed',
  ...Object.values(ACTIVITY_OPERATIONS).flat(),
] as const;

/**
 * The query body for one chunk: the case accounts as acting users, or a delegate mailbox's own
 * account. The display name says which, so that the query is found again by it.
 */
export function auditQueryBody(
  caseId: string,
  chunk: Chunk,
  users: readonly string[],
  delegate: string | null = null,
): AuditQueryBody {
  return {
    displayName:
      `mailexposure ${caseId} ${chunk.start}..${chunk.end}` +
      (delegate === null ? '' : ` as ${delegate}`),
    filterStartDateTime: chunk.start,
    filterEndDateTime: chunk.end,
    operationFilters: [...AUDIT_OPERATIONS],
    userPrincipalNameFilters: [...users].sort(),
  };
}

/**
 * The chunks to query: the case accounts' over the window, planned once, and each delegate
 * mailbox's own account's over the window, planned the first time it is named. Says in the
 * manifest's limitations whose records were asked for (the report names the mailboxes).
 */
export function planAudit(context: CollectContext, delegates: readonly string[]): void {
  const { store, settings, caseFile } = context;
  const chunks = store.manifest.audit.chunks;
  const plan = (delegate: string | null) => {
    for (const chunk of planChunks(caseFile.window, settings.chunkHours)) {
      chunks.push(newEntry(context, chunk, null, delegate));
    }
  };
  if (!chunks.some((entry) => entry.delegate === null)) plan(null);
  for (const mailbox of [...new Set(delegates)].sort()) {
    if (!chunks.some((entry) => entry.delegate === mailbox)) plan(mailbox);
  }
  store.addLimitation(
    `Audit records were collected for these operations only: ${AUDIT_OPERATIONS.join(', ')}; ` +
      'for the case accounts as acting users, and for the own accounts of the mailboxes the ' +
      'attacker reached through them. Records of other identities working in those mailboxes ' +
      '(other delegates, applications using their own permissions) are not included.',
  );
}

/** Case accounts' chunks first, then each delegate mailbox's, each in time order. */
export function compareEntries(a: AuditChunkEntry, b: AuditChunkEntry): number {
  if (a.delegate !== b.delegate) {
    if (a.delegate === null) return -1;
    if (b.delegate === null) return 1;
    return a.delegate < b.delegate ? -1 : 1;
  }
  return compareChunks(a, b);
}

/** A chunk not yet asked for, of the case accounts (`delegate` null) or of a delegate mailbox. */
export function newEntry(
  context: CollectContext,
  chunk: Chunk,
  splitFrom: string | null,
  delegate: string | null,
): AuditChunkEntry {
  const { settings, endpoints, caseFile } = context;
  const key = chunkKey(chunk);
  return {
    key: delegate === null ? key : `${fileSafe(delegate)}.${key}`,
    start: chunk.start,
    end: chunk.end,
    splitFrom,
    delegate,
    status: 'pending',
    failure: null,
    request: {
      method: 'POST',
      url: graphUrl(endpoints.graph, settings.apiVersion, '/security/auditLog/queries'),
      body: auditQueryBody(
        caseFile.case.id,
        chunk,
        delegate === null ? caseFile.accounts : [delegate],
        delegate,
      ),
    },
    queryId: null,
    queryStatus: null,
    attempts: 0,
    approximateReturnedRecordCount: null,
    isRecordCountLimitExceeded: null,
    recordCountLimit: null,
    pages: [],
    progress: null,
    records: null,
    file: null,
    completedAt: null,
  };
}
