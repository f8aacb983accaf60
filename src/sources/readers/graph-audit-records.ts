import { has } from '../audit-data-text.js';
import { JsonFields, type JsonObject } from '../json-fields.js';
import { jsonHeadHas, readJsonRecords } from '../json-records.js';
import type { Reader } from '../reader.js';

/**
 * Graph audit log query records (`/security/auditLog/queries/{id}/records`): pages, an array
 * or NDJSON of records or of pages. The record is its `auditData` (key casing unconfirmed, so
 * read ignoring case); what `auditData` lacks is taken from the top-level fields. Top-level
 * `userId` is not used: one report has it holding the classic UserKey.
 */
export const graphAuditRecords: Reader = {
  format: 'graph-audit-records',
  kind: 'audit',
  detect: (head) => jsonHeadHas(head, ['document', 'ndjson'], isGraphAuditRecord),
  read: (input) => readJsonRecords(input, auditDataWithFallbacks),
  fromLine: auditDataWithFallbacks,
};

function isGraphAuditRecord(record: JsonFields): boolean {
  return (
    has(record, 'auditLogRecordType') ||
    (has(record, 'auditData') && has(record, 'createdDateTime'))
  );
}

/** AuditData key, Graph top-level key. */
const FALLBACKS: readonly (readonly [string, string])[] = [
  ['Id', 'id'],
  ['CreationTime', 'createdDateTime'],
  ['Operation', 'operation'],
  ['RecordType', 'auditLogRecordType'],
  ['UserId', 'userPrincipalName'],
  ['ClientIP', 'clientIp'],
];

function auditDataWithFallbacks(record: JsonFields): JsonObject {
  const inner = record.object('auditData') ?? new JsonFields({});
  const data: JsonObject = { ...inner.raw };
  for (const [auditKey, graphKey] of FALLBACKS) {
    if (!has(inner, auditKey) && has(record, graphKey)) data[auditKey] = record.get(graphKey);
  }
  return data;
}
