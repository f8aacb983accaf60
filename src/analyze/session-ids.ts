import type { AuditRecord } from '../model/index.js';

/**
 * Every id that names the record's session (SessionId and AppAccessContext.AADSessionId),
 * lower-cased: they are GUIDs, and exports and sign-in logs write them in either case.
 */
export function sessionIdsOf(record: AuditRecord): string[] {
  const ids = [record.sessionId, record.aadSessionId]
    .filter((id): id is string => id !== null && id.trim() !== '')
    .map((id) => id.trim().toLowerCase());
  return [...new Set(ids)];
}

/** The id a record's session is reported under: SessionId, else AADSessionId, else null. */
export function sessionKey(record: AuditRecord): string | null {
  return sessionIdsOf(record)[0] ?? null;
}

/** The record's session as a list of zero or one id, for unions of sessions. */
export function sessionsOf(record: AuditRecord): string[] {
  const key = sessionKey(record);
  return key === null ? [] : [key];
}
