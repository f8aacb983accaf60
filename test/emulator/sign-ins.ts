import type { GraphRequest, GraphResponse } from './graph-http.js';
import { hasAny, matches, type FilterSupport } from './odata-filter.js';
import type { ResolvedOptions } from './options.js';
import { applyFilter, page, readFilter, select } from './paging.js';

/** Properties Microsoft documents on the beta `signIn` only; v1.0 leaves them out. */
const BETA_ONLY = ['sessionId', 'uniqueTokenIdentifier', 'userAgent', 'signInEventTypes'];

const V1_FILTER: FilterSupport = {
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

/** Beta also filters on the sign-in's event types: `signInEventTypes/any(t: t eq '...')`. */
const BETA_FILTER: FilterSupport = { ...V1_FILTER, any: { signineventtypes: ['eq'] } };

/** Without a `signInEventTypes` filter, Graph lists interactive sign-ins only. */
const INTERACTIVE_ONLY = {
  kind: 'any',
  op: 'eq',
  collection: 'signineventtypes',
  literal: { type: 'string', value: 'interactiveUser' },
} as const;

/**
 * A tenant's sign-in without `signInEventTypes` gets them from `isInteractive`, as the two
 * agree in Entra's logs; with neither it is interactive.
 */
function withEventTypes(signIn: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(signIn.signInEventTypes)) return signIn;
  const type = signIn.isInteractive === false ? 'nonInteractiveUser' : 'interactiveUser';
  return { ...signIn, signInEventTypes: [type] };
}

/** `GET /auditLogs/signIns`: newest first, `$filter` as documented, `$skiptoken` paging. */
export function listSignIns(request: GraphRequest, options: ResolvedOptions): GraphResponse {
  const read = readFilter(request, request.version === 'beta' ? BETA_FILTER : V1_FILTER);
  if ('error' in read) return read.error;
  const time = (signIn: Record<string, unknown>): number =>
    Date.parse(String(signIn.createdDateTime));
  const all = options.tenant.signIns.map(withEventTypes);
  const typed =
    read.filter !== null && hasAny(read.filter, 'signineventtypes')
      ? all
      : all.filter((signIn) => matches(signIn, INTERACTIVE_ONLY));
  const signIns = applyFilter(typed, read.filter).sort((a, b) => time(b) - time(a));
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
