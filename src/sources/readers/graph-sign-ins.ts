import { has } from '../audit-data-text.js';
import type { JsonFields } from '../json-fields.js';
import { jsonHeadHas, readJsonRecords } from '../json-records.js';
import type { RawSignIn, Reader } from '../reader.js';

/** Graph `signIn` objects (`/auditLogs/signIns`): pages, an array or NDJSON. */
export const graphSignIns: Reader = {
  format: 'graph-sign-ins',
  kind: 'signIns',
  detect: (head) => jsonHeadHas(head, ['document', 'ndjson'], isSignIn),
  read: (input) => readJsonRecords(input, signIn),
};

function isSignIn(record: JsonFields): boolean {
  return (
    has(record, 'createdDateTime') &&
    ['ipAddress', 'uniqueTokenIdentifier', 'clientAppUsed'].some((name) => has(record, name)) &&
    !has(record, 'auditLogRecordType') &&
    !has(record, 'auditData')
  );
}

function signIn(record: JsonFields): RawSignIn {
  const errorCode = record.object('status')?.integer('errorCode') ?? null;
  return {
    id: record.text('id'),
    createdDateTime: record.text('createdDateTime'),
    userPrincipalName: record.text('userPrincipalName'),
    userDisplayName: record.text('userDisplayName'),
    ipAddress: record.text('ipAddress'),
    sessionId: record.text('sessionId'),
    uniqueTokenId: record.text('uniqueTokenIdentifier'),
    appId: record.text('appId'),
    appDisplayName: record.text('appDisplayName'),
    clientAppUsed: record.text('clientAppUsed'),
    userAgent: record.text('userAgent'),
    succeeded: errorCode === null ? null : errorCode === 0,
  };
}
