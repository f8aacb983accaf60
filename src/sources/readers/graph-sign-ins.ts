import { has } from '../audit-data-text.js';
import type { JsonFields } from '../json-fields.js';
import { jsonHeadOf, readJsonRecords } from '../json-records.js';
import type { RawSignIn, Reader } from '../reader.js';

/** Graph `signIn` objects (`/auditLogs/signIns`): pages, an array or NDJSON. */
export const graphSignIns: Reader = {
  format: 'graph-sign-ins',
  kind: 'signIns',
  detect: (head) => {
    const first = jsonHeadOf(head)?.first;
    return (
      first !== undefined &&
      has(first, 'createdDateTime') &&
      ['ipAddress', 'uniqueTokenIdentifier', 'clientAppUsed'].some((name) => has(first, name)) &&
      !has(first, 'auditLogRecordType') &&
      !has(first, 'auditData')
    );
  },
  read: (input) => readJsonRecords(input, signIn),
};

function signIn(record: JsonFields): RawSignIn {
  const errorCode = record.object('status')?.integer('errorCode') ?? null;
  return {
    id: record.text('id'),
    createdDateTime: record.text('createdDateTime'),
    userPrincipalName: record.text('userPrincipalName'),
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
