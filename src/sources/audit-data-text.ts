import { type JsonFields, type JsonObject, isJsonObject } from './json-fields.js';
import { markRepeatedKeys } from './repeated-keys.js';
import { RowRejection, missingField } from './row-rejection.js';

/** Saving a CSV from Excel cuts every cell to this many characters. */
const EXCEL_CELL_LIMIT = 32_767;

/** AuditData as exports carry it: JSON text in a CSV cell or a JSON string, or an object. */
export function auditDataOf(value: unknown): JsonObject {
  if (isJsonObject(value)) return value;
  if (value === undefined || value === null) throw missingField('AuditData');
  if (typeof value !== 'string') throw new RowRejection('unreadable-row', 'AuditData is not JSON');
  if (value.trim() === '') throw missingField('AuditData');
  let parsed: unknown;
  try {
    parsed = parseTolerantly(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RowRejection(
      'unreadable-row',
      value.length === EXCEL_CELL_LIMIT
        ? `AuditData is cut off at ${EXCEL_CELL_LIMIT} characters, the most an Excel cell holds: export it again and do not save it from Excel`
        : `AuditData is not valid JSON: ${reason}`,
    );
  }
  if (!isJsonObject(parsed))
    throw new RowRejection('unreadable-row', 'AuditData is not a JSON object');
  return parsed;
}

/** A JSON string literal, raw line breaks included. */
const JSON_STRING = /"(?:[^"\\]|\\[\s\S])*"/g;
const CONTROL_CHARACTER = /\p{Cc}/gu;

/**
 * CSV exports can carry AuditData with raw line breaks inside its strings (an
 * `OriginatingServer` ending in CR LF), which JSON forbids: when the text does not parse as it
 * is, those characters are escaped inside string literals, which keeps every value as written.
 */
function parseTolerantly(text: string): unknown {
  try {
    const value = JSON.parse(text) as unknown;
    markRepeatedKeys(value, text);
    return value;
  } catch (error) {
    const escaped = text.replace(JSON_STRING, (literal) =>
      literal.replace(
        CONTROL_CHARACTER,
        (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
      ),
    );
    if (escaped === text) throw error;
    try {
      const value = JSON.parse(escaped) as unknown;
      markRepeatedKeys(value, escaped);
      return value;
    } catch {
      throw error;
    }
  }
}

/** The `AuditData` of an export row that wraps it (Extractor Suite JSON and JSONL). */
export function wrappedAuditData(record: JsonFields): JsonObject {
  return auditDataOf(record.get('AuditData'));
}

/** True when a JSON record looks like bare AuditData (Management API, AuditDataOnly). */
export function isBareAuditData(record: JsonFields): boolean {
  return (
    has(record, 'CreationTime') &&
    has(record, 'Operation') &&
    !has(record, 'AuditData') &&
    !has(record, 'createdDateTime')
  );
}

/** True when a JSON record wraps AuditData the way Search-UnifiedAuditLog objects do. */
export function isWrappedAuditData(record: JsonFields): boolean {
  return (
    has(record, 'AuditData') &&
    !has(record, 'createdDateTime') &&
    !has(record, 'auditLogRecordType')
  );
}

export function has(record: JsonFields, name: string): boolean {
  const value = record.get(name);
  return value !== undefined && value !== null;
}
