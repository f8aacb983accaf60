import { csvHeaderHas } from '../csv-records.js';
import { readCsvTable } from '../csv-table.js';
import type { Reader } from '../reader.js';

/**
 * The Entra admin center's sign-in "Download CSV". Headers are matched trimmed and ignoring
 * case: the export writes `Application ID ` with a trailing space.
 */
export const entraSignInsCsv: Reader = {
  format: 'entra-sign-ins-csv',
  kind: 'signIns',
  detect: (head) => csvHeaderHas(head, ['Date (UTC)', 'Request ID', 'IP address']),
  read: (input) =>
    readCsvTable(input, (row) => {
      const text = (name: string): string | null => row.cell(name).trim() || null;
      return {
        id: text('Request ID'),
        createdDateTime: text('Date (UTC)'),
        userPrincipalName: text('Username'),
        userDisplayName: text('User'),
        ipAddress: text('IP address'),
        sessionId: text('Session ID'),
        uniqueTokenId: text('Unique token identifier'),
        appId: text('Application ID'),
        appDisplayName: text('Application'),
        clientAppUsed: text('Client app'),
        userAgent: text('User agent'),
        succeeded: statusSucceeded(text('Status')),
      };
    }),
};

/** `Success`; `Failure` and `Interrupted` did not sign in; anything else is unknown. */
function statusSucceeded(status: string | null): boolean | null {
  switch (status?.toLowerCase()) {
    case 'success':
      return true;
    case 'failure':
    case 'interrupted':
      return false;
    default:
      return null;
  }
}
