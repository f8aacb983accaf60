import type { GraphRequest, GraphResponse } from './graph-http.js';
import type { FilterSupport } from './odata-filter.js';
import type { ResolvedOptions } from './options.js';
import { applyFilter, page, readFilter, select } from './paging.js';

/** Properties Microsoft documents on the beta `signIn` only; v1.0 leaves them out. */
const BETA_ONLY = ['sessionId', 'uniqueTokenIdentifier', 'userAgent'];

const SIGN_IN_FILTER: FilterSupport = {
  properties: {
    id: ['eq'],
    userprincipalname: ['eq', 'startswith'],
    userid: ['eq'],
    userdisplayname: ['eq', 'startswith'],
    createddatetime: ['eq', 'ge', 'le'],
    ipaddress: ['eq', 'startswith'],
    appid: ['eq'],
    appdisplayname: ['eq', 'startswith'],
    clientappused: ['eq'],
    correlationid: ['eq'],
    'status/errorcode': ['eq'],
  },
  or: true,
};

/** `GET /auditLogs/signIns`: newest first, `$filter` as documented, `$skiptoken` paging. */
export function listSignIns(request: GraphRequest, options: ResolvedOptions): GraphResponse {
  const read = readFilter(request, SIGN_IN_FILTER);
  if ('error' in read) return read.error;
  const time = (signIn: Record<string, unknown>): number =>
    Date.parse(String(signIn.createdDateTime));
  const signIns = applyFilter(options.tenant.signIns, read.filter).sort(
    (a, b) => time(b) - time(a),
  );
  const listing = {
    pageSize: options.pageSizes.signIns,
    maxTop: 1000,
    style: 'skiptoken',
  } as const;
  return page(request, signIns, listing, (item) => {
    const entries = Object.entries(item as Record<string, unknown>);
    const shown =
      request.version === 'v1.0' ? entries.filter(([key]) => !BETA_ONLY.includes(key)) : entries;
    return select(request, Object.fromEntries(shown));
  });
}
