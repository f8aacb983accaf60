/**
 * AuditLogRecordType numbers as the Management API, Purview CSV and some SIEM feeds write
 * them, mapped to the enum names Search-UnifiedAuditLog and Graph write. Only types this tool
 * may meet around mailbox access; other numbers are kept as given.
 */
const RECORD_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'ExchangeAdmin'],
  [2, 'ExchangeItem'],
  [3, 'ExchangeItemGroup'],
  [4, 'SharePoint'],
  [6, 'SharePointFileOperation'],
  [8, 'AzureActiveDirectory'],
  [9, 'AzureActiveDirectoryAccountLogon'],
  [14, 'SharePointSharingOperation'],
  [15, 'AzureActiveDirectoryStsLogon'],
  [50, 'ExchangeItemAggregated'],
  [101, 'ExchangeSearch'],
]);

/** `2`, `"2"` and `"ExchangeItem"` all give `ExchangeItem`. */
export function recordTypeName(value: string): string {
  if (!/^\d+$/.test(value)) return value;
  return RECORD_TYPE_NAMES.get(Number(value)) ?? value;
}
