import { CollectError } from './collect-error.js';
import type { CollectContext } from './context.js';
import { sha256, type NdjsonFileWriter } from './evidence-writer.js';
import { graphErrorText, jsonBody, type GraphRequest, type GraphResponse } from './graph-client.js';
import type { PageEntry } from './manifest.js';
import { permissionFor } from './permissions.js';
import type { CollectStep } from './progress.js';
import { rawValueElements } from './raw-json.js';
import { urlPath } from './retry.js';

/**
 * Follows `@odata.nextLink` from `firstUrl` and writes every element of every page, raw, as one
 * NDJSON line. Returns each page's URL, body SHA-256 and record count for the manifest.
 */
export async function savePages(
  context: CollectContext,
  firstUrl: string,
  writer: NdjsonFileWriter,
  step: CollectStep,
): Promise<PageEntry[]> {
  const pages: PageEntry[] = [];
  const followed = new Set([firstUrl]);
  let url: string | null = firstUrl;
  while (url !== null) {
    const request: GraphRequest = { method: 'GET', url };
    const response = await context.graph.send(request, context.signal);
    if (response.status === 400 && pages.length === 0) {
      throw new RejectedQueryError(unexpectedResponse(request, response).message);
    }
    if (response.status !== 200) throw unexpectedResponse(request, response);
    const body = jsonBody(response, request);
    const values = (body as { value?: unknown }).value;
    const raw = rawValueElements(response.text);
    if (!Array.isArray(values) || raw === null || raw.length !== values.length) {
      throw new CollectError(`GET ${urlPath(url)} returned a page without a readable value array`);
    }
    await writer.write(raw);
    pages.push({ url, sha256: sha256(response.text), records: raw.length });
    context.emit({ type: 'page-received', step, records: raw.length });
    url = nextLink(body, followed);
  }
  return pages;
}

/** Graph refused the query itself (400 on its first page): the caller may work around it. */
export class RejectedQueryError extends CollectError {}

/**
 * The page's `@odata.nextLink`, or null on the last page. A service that hands back a link
 * already followed would make paging go on forever: that stops the collection instead.
 */
export function nextLink(body: unknown, followed: Set<string>): string | null {
  const next = (body as { '@odata.nextLink'?: unknown })['@odata.nextLink'];
  if (typeof next !== 'string' || next === '') return null;
  if (followed.has(next)) {
    throw new CollectError(`GET ${urlPath(next)}: a next link pointed back to a page already read`);
  }
  followed.add(next);
  return next;
}

/** An error naming the call, the status, Graph's error code and, for 401/403, the permission. */
export function unexpectedResponse(request: GraphRequest, response: GraphResponse): CollectError {
  let detail = '';
  try {
    detail = graphErrorText(JSON.parse(response.text));
  } catch {
    // A non-JSON error body says nothing more than its status.
  }
  const permission = permissionFor(request.url);
  const hint =
    (response.status === 401 || response.status === 403) && permission !== null
      ? ` (this call needs the ${permission} permission, consented for the app)`
      : '';
  return new CollectError(
    `${request.method} ${urlPath(request.url)} returned ${response.status}` +
      (detail === '' ? '' : `: ${detail}`) +
      hint,
  );
}
