import { badRequest, type GraphRequest, type GraphResponse } from './graph-http.js';
import { tests, type FilterSupport } from './odata-filter.js';
import type { ResolvedOptions } from './options.js';
import { applyFilter, page, readFilter } from './paging.js';

const DAY = 24 * 60 * 60 * 1000;

const TRACE_FILTER: FilterSupport = {
  properties: {
    id: ['eq'],
    messageid: ['eq'],
    recipientaddress: ['eq'],
    senderaddress: ['eq'],
    status: ['eq'],
    fromip: ['eq'],
    toip: ['eq'],
    receiveddatetime: ['ge', 'le'],
    subject: ['contains', 'startswith', 'endswith'],
  },
  or: false,
};

/**
 * `GET /admin/exchange/tracing/messageTraces`, as documented: without a `receivedDateTime`
 * range it covers the last 48 hours; a range needs both `ge` and `le`, at most 10 days long,
 * starting at most 90 days ago and ending no later than now. Pages of 1,000 (`$top` up to
 * 5,000) with `$skiptoken` next links.
 */
export function listMessageTraces(request: GraphRequest, options: ResolvedOptions): GraphResponse {
  const read = readFilter(request, TRACE_FILTER);
  if ('error' in read) return read.error;
  const now = options.now().getTime();
  const bounds =
    read.filter === null
      ? []
      : tests(read.filter).filter((test) => test.property === 'receiveddatetime');
  const at = (op: 'ge' | 'le'): number | undefined => {
    const literal = bounds.find((test) => test.op === op)?.literal;
    return literal?.type === 'datetime' ? literal.value : undefined;
  };
  let start = at('ge');
  let end = at('le');
  if (bounds.length === 0) {
    start = now - 2 * DAY;
    end = now;
  } else if (start === undefined || end === undefined || bounds.length !== 2) {
    return badRequest(
      'Filter receivedDateTime with exactly one ge and one le bound, both date-times.',
    );
  }
  if (end - start > 10 * DAY)
    return badRequest('The receivedDateTime range must not exceed 10 days.');
  if (start < now - 90 * DAY)
    return badRequest('The start date must not be more than 90 days ago.');
  if (end > now) return badRequest('The end date must not be later than the current date.');
  const [from, to] = [start, end];
  const time = (trace: Record<string, unknown>): number =>
    Date.parse(String(trace.receivedDateTime));
  const traces = applyFilter(options.tenant.messageTraces, read.filter)
    .filter((trace) => time(trace) >= from && time(trace) <= to)
    .sort((a, b) => time(b) - time(a));
  return page(request, traces, {
    pageSize: options.pageSizes.messageTraces,
    maxTop: 5000,
    style: 'skiptoken',
  });
}
