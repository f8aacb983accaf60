import type { Reader } from './reader.js';
import { auditDataNdjson } from './readers/audit-data-ndjson.js';
import { collectedLookupsNdjson } from './readers/collected-lookups-ndjson.js';
import { entraSignInsCsv } from './readers/entra-sign-ins-csv.js';
import { extractorSuiteJson } from './readers/extractor-suite-json.js';
import { extractorSuiteJsonl } from './readers/extractor-suite-jsonl.js';
import { graphAuditRecords } from './readers/graph-audit-records.js';
import { graphMessageTrace } from './readers/graph-message-trace.js';
import { graphSignIns } from './readers/graph-sign-ins.js';
import { managementApiJson } from './readers/management-api-json.js';
import { messageTraceCsv } from './readers/message-trace-csv.js';
import { messageTraceHistoryCsv } from './readers/message-trace-history-csv.js';
import { purviewCsv } from './readers/purview-csv.js';
import { unifiedAuditLogCsv } from './readers/unified-audit-log-csv.js';

/**
 * Every input format, one reader each (docs/adding-a-reader.md). The first whose `detect`
 * accepts the head of a file reads it; detections are written not to overlap, and a test
 * checks that each fixture is claimed by exactly one reader.
 */
export const readers: readonly Reader[] = [
  purviewCsv,
  unifiedAuditLogCsv,
  extractorSuiteJson,
  extractorSuiteJsonl,
  auditDataNdjson,
  managementApiJson,
  graphAuditRecords,
  messageTraceCsv,
  messageTraceHistoryCsv,
  graphMessageTrace,
  graphSignIns,
  entraSignInsCsv,
  collectedLookupsNdjson,
];
