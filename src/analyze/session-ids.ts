import type { AuditRecord } from '../model/index.js';

/**
 * Every id that names the record's session (SessionId and AppAccessContext.AADSessionId),
 * lower-cased: they are GUIDs, and exports and sign-in logs write them in either case.
 */
export function sessionIdsOf(record: AuditRecord): string[] {
  // Asked for every record read: written out for two ids rather than filtering a list.
  const session = sessionIdOf(record.sessionId);
  const aadSession = sessionIdOf(record.aadSessionId);
  if (session === null) return aadSession === null ? [] : [aadSession];
  return aadSession === null || aadSession === session ? [session] : [session, aadSession];
}

/** One session id as the pivot compares it: trimmed, lower-cased, null when empty. */
export function sessionIdOf(id: string | null): string | null {
  if (id === null) return null;
  const trimmed = id.trim();
  return trimmed === '' ? null : trimmed.toLowerCase();
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
