import {
  badRequest,
  encodeQuery,
  ok,
  type GraphRequest,
  type GraphResponse,
} from './graph-http.js';
import { matches, parseFilter, type Filter, type FilterSupport } from './odata-filter.js';

/**
 * How a collection pages: Outlook resources write `$skip=N` into their next links, directory
 * and audit resources an opaque `$skiptoken`.
 */
export interface Listing {
  pageSize: number;
  maxTop: number;
  style: 'skip' | 'skiptoken';
}

function offsetOf(request: GraphRequest, style: Listing['style']): number | null {
  if (style === 'skip') {
    const skip = request.query.get('$skip');
    return skip === null ? 0 : /^\d+$/.test(skip) ? Number(skip) : null;
  }
  const token = request.query.get('$skiptoken');
  if (token === null) return 0;
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  return /^offset:\d+$/.test(decoded) ? Number(decoded.slice('offset:'.length)) : null;
}

function pageSizeOf(request: GraphRequest, listing: Listing): number | null {
  const top = request.query.get('$top');
  if (top === null) return listing.pageSize;
  if (!/^\d+$/.test(top) || Number(top) < 1) return null;
  return Math.min(Number(top), listing.maxTop);
}

/** Which page (1-based) a request asks for, or null for a request `page` refuses. */
export function pageNumber(request: GraphRequest, listing: Listing): number | null {
  const offset = offsetOf(request, listing.style);
  const size = pageSizeOf(request, listing);
  return offset === null || size === null ? null : Math.floor(offset / size) + 1;
}

/** One page of `items` with an absolute `@odata.nextLink` when more follow. */
export function page(
  request: GraphRequest,
  items: readonly unknown[],
  listing: Listing,
  render: (item: unknown) => unknown = (item) => item,
): GraphResponse {
  const offset = offsetOf(request, listing.style);
  const size = pageSizeOf(request, listing);
  if (offset === null) return badRequest('The paging token is not valid.');
  if (size === null) return badRequest('$top must be a positive whole number.');
  const body: Record<string, unknown> = {
    '@odata.context': `${request.origin}/${request.version}/$metadata#${request.path.slice(1)}`,
    value: items.slice(offset, offset + size).map(render),
  };
  if (offset + size < items.length) {
    const next = new URLSearchParams(request.query);
    if (listing.style === 'skip') next.set('$skip', String(offset + size));
    else next.set('$skiptoken', Buffer.from(`offset:${offset + size}`).toString('base64url'));
    body['@odata.nextLink'] =
      `${request.origin}/${request.version}${request.path}?${encodeQuery(next)}`;
  }
  return ok(body);
}

/** The request's `$filter`, checked against what the endpoint supports. */
export function readFilter(
  request: GraphRequest,
  support: FilterSupport,
): { filter: Filter | null } | { error: GraphResponse } {
  const text = request.query.get('$filter');
  if (text === null || text.trim() === '') return { filter: null };
  try {
    return { filter: parseFilter(text, support) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { error: badRequest(`Invalid filter clause: ${reason}.`) };
  }
}

export function applyFilter<T>(items: readonly T[], filter: Filter | null): T[] {
  return filter === null ? [...items] : items.filter((item) => matches(item, filter));
}

/** Applies `$select`: only the named properties, plus those Graph always returns. */
export function select(
  request: GraphRequest,
  item: Record<string, unknown>,
  always: readonly string[] = ['id'],
): Record<string, unknown> {
  const text = request.query.get('$select');
  if (text === null || text.trim() === '') return item;
  const wanted = new Set([...always, ...text.split(',').map((name) => name.trim().toLowerCase())]);
  return Object.fromEntries(
    Object.entries(item).filter(([key]) => wanted.has(key.toLowerCase()) || always.includes(key)),
  );
}
