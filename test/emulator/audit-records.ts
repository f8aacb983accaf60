import { parseClientIp } from '../../src/model/index.js';

/** `RecordType` numbers of the unified audit log that mail investigations meet. */
const RECORD_TYPE_NAMES: Record<string, string> = {
  '1': 'ExchangeAdmin',
  '2': 'ExchangeItem',
  '3': 'ExchangeItemGroup',
  '4': 'SharePoint',
  '6': 'SharePointFileOperation',
  '8': 'AzureActiveDirectory',
  '15': 'AzureActiveDirectoryStsLogon',
  '18': 'SecurityComplianceCenterEOPCmdlet',
  '19': 'ExchangeAggregatedOperation',
  '50': 'ExchangeItemAggregated',
};

const USER_TYPES = [
  'regular',
  'reserved',
  'admin',
  'dcAdmin',
  'system',
  'application',
  'servicePrincipal',
  'customPolicy',
  'systemPolicy',
];

/** The audit query's filters, as posted (Graph's property names). */
export interface AuditQueryFilters {
  filterStartDateTime: string | null;
  filterEndDateTime: string | null;
  recordTypeFilters: string[];
  operationFilters: string[];
  userPrincipalNameFilters: string[];
  ipAddressFilters: string[];
  serviceFilters: string[];
  objectIdFilters: string[];
  keywordFilter: string | null;
}

function text(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** `RecordType` as an enum name (PascalCase), whether the data holds a number or a name. */
export function recordTypeName(record: Record<string, unknown>): string | null {
  const raw = text(record, 'RecordType');
  if (raw === null) return null;
  return RECORD_TYPE_NAMES[raw] ?? raw;
}

/** `CreationTime` (UTC, usually without a zone) in milliseconds. */
export function creationTime(record: Record<string, unknown>): number {
  const raw = text(record, 'CreationTime') ?? '';
  return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(raw) ? raw : `${raw}Z`);
}

function clientIp(record: Record<string, unknown>): string | null {
  return text(record, 'ClientIP') ?? text(record, 'ClientIPAddress');
}

function anyEqual(filters: string[], value: string | null): boolean {
  if (filters.length === 0) return true;
  const lower = value?.toLowerCase();
  return filters.some((filter) => filter.toLowerCase() === lower);
}

/**
 * Whether a record answers the query. Times are half-open, start inclusive and end exclusive
 * (Microsoft does not document the ends; chunks that share a boundary then neither overlap nor
 * leave a gap). `userPrincipalNameFilters` match the acting user (`UserId`), as documented;
 * addresses are compared as addresses (`1.2.3.4:5678` matches `1.2.3.4`).
 */
export function recordMatches(
  record: Record<string, unknown>,
  filters: AuditQueryFilters,
): boolean {
  const time = creationTime(record);
  if (filters.filterStartDateTime !== null && !(time >= Date.parse(filters.filterStartDateTime)))
    return false;
  if (filters.filterEndDateTime !== null && !(time < Date.parse(filters.filterEndDateTime)))
    return false;
  const ip = parseClientIp(clientIp(record));
  return (
    anyEqual(filters.recordTypeFilters, recordTypeName(record)) &&
    anyEqual(filters.operationFilters, text(record, 'Operation')) &&
    anyEqual(filters.userPrincipalNameFilters, text(record, 'UserId')) &&
    anyEqual(filters.serviceFilters, text(record, 'Workload')) &&
    anyEqual(filters.objectIdFilters, text(record, 'ObjectId')) &&
    (filters.ipAddressFilters.length === 0 ||
      (ip !== null && filters.ipAddressFilters.some((filter) => parseClientIp(filter) === ip))) &&
    (filters.keywordFilter === null ||
      JSON.stringify(record).toLowerCase().includes(filters.keywordFilter.toLowerCase()))
  );
}

/** A Graph `auditLogRecord` carrying the AuditData object as-is (PascalCase keys). */
export function toAuditLogRecord(
  record: Record<string, unknown>,
  organizationId: string,
  casing: 'camel' | 'pascal',
): Record<string, unknown> {
  const typeName = recordTypeName(record);
  const userType = Number(text(record, 'UserType'));
  return {
    '@odata.type': '#microsoft.graph.security.auditLogRecord',
    id: text(record, 'Id'),
    createdDateTime: new Date(creationTime(record)).toISOString().replace('.000Z', 'Z'),
    auditLogRecordType:
      typeName === null || casing === 'pascal'
        ? typeName
        : typeName.charAt(0).toLowerCase() + typeName.slice(1),
    operation: text(record, 'Operation'),
    organizationId: text(record, 'OrganizationId') ?? organizationId,
    userType: USER_TYPES[userType] ?? null,
    // One practitioner report: userId carries the classic UserKey, userPrincipalName the UserId.
    userId: text(record, 'UserKey') ?? text(record, 'UserId'),
    service: text(record, 'Workload'),
    objectId: text(record, 'ObjectId'),
    userPrincipalName: text(record, 'UserId'),
    clientIp: clientIp(record),
    administrativeUnits: [],
    auditData: { '@odata.type': '#microsoft.graph.security.defaultAuditData', ...record },
  };
}
