import type { FormattedRecord } from './audit-data.js';
import type { Message } from './types.js';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** RFC 4180 quoting, only where needed (the Purview export's habit). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Export-Csv quotes every field. */
function quoted(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** `2026-10-03T08:15:00.0000000Z ` with the trailing space Purview writes. */
function purviewDate(time: number): string {
  return `${new Date(time).toISOString().slice(0, 19)}.0000000Z `;
}

/**
 * Purview "Audit (new)" search export: newest first, CRLF, AuditData as JSON in a quoted field.
 */
export function purviewCsv(records: FormattedRecord[]): string {
  const header =
    'RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames';
  const rows = [...records]
    .reverse()
    .map((r) =>
      [
        r.event.id,
        purviewDate(r.event.time),
        String(r.recordType),
        r.event.operation,
        r.event.session.account,
        r.auditData,
        '',
        '',
      ]
        .map(csvField)
        .join(','),
    );
  return [header, ...rows].map((line) => line + CRLF).join('');
}

/**
 * `CreationDate` as Search-UnifiedAuditLog gives it on an en-US machine set to Amsterdam time
 * (CEST, UTC+2, until 25 October 2026): local time, which is why nobody should read time from it.
 */
function localeDate(time: number): string {
  const local = new Date(time + 2 * 3600_000);
  const hours = local.getUTCHours();
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${local.getUTCMonth() + 1}/${local.getUTCDate()}/${local.getUTCFullYear()} ${twelve}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}

/**
 * Microsoft-Extractor-Suite `Get-UAL -Output JSONL` from Windows PowerShell: a BOM, CRLF, one
 * object per line with AuditData still a string. Queried an hour at a time, so ResultIndex and
 * ResultCount count within each hour.
 */
export function extractorSuiteJsonl(records: FormattedRecord[]): string {
  const byHour = new Map<number, FormattedRecord[]>();
  for (const r of records) {
    const hour = Math.floor(r.event.time / 3600_000);
    byHour.set(hour, [...(byHour.get(hour) ?? []), r]);
  }
  const lines: string[] = [];
  for (const batch of byHour.values()) {
    batch.forEach((r, i) => {
      lines.push(
        JSON.stringify({
          RecordType: r.recordTypeName,
          CreationDate: localeDate(r.event.time),
          UserIds: r.event.session.account,
          Operations: r.event.operation,
          AuditData: r.auditData,
          ResultIndex: i + 1,
          ResultCount: batch.length,
          Identity: r.event.id,
          IsValid: true,
          ObjectState: 'Unchanged',
        }),
      );
    });
  }
  return BOM + lines.map((line) => line + CRLF).join('');
}

export interface TraceQuery {
  start: number;
  end: number;
}

/**
 * Get-MessageTraceV2 results of consecutive 10-day queries appended with
 * `Export-Csv -NoTypeInformation -Encoding UTF8 -Append`: one row per recipient, newest first
 * within each query, every field quoted.
 */
export function messageTraceCsv(
  messages: Message[],
  queries: TraceQuery[],
  organization: string,
  traceId: (m: Message) => string,
): string {
  const columns = [
    'Organization',
    'MessageId',
    'Received',
    'SenderAddress',
    'RecipientAddress',
    'Subject',
    'Status',
    'ToIP',
    'FromIP',
    'Size',
    'MessageTraceId',
    'StartDate',
    'EndDate',
    'Index',
  ];
  const lines = [columns.map(quoted).join(',')];
  for (const query of queries) {
    const inQuery = messages
      .filter((m) => m.received >= query.start && m.received < query.end)
      .sort((a, b) => b.received - a.received || (a.id < b.id ? -1 : 1));
    let index = 0;
    for (const m of inQuery) {
      for (const recipient of m.recipients) {
        const row = [
          organization,
          m.id,
          new Date(m.received).toISOString().replace('Z', '0000Z'),
          m.sender,
          recipient,
          m.subject,
          'Delivered',
          m.toIp,
          m.fromIp,
          String(m.size),
          traceId(m),
          new Date(query.start).toISOString().replace('.000Z', 'Z'),
          new Date(query.end).toISOString().replace('.000Z', 'Z'),
          String(index++),
        ];
        lines.push(row.map(quoted).join(','));
      }
    }
  }
  return BOM + lines.map((line) => line + CRLF).join('');
}
