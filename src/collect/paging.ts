import { join } from 'node:path';
import type { CollectContext } from './context.js';
import { NdjsonFileWriter, sha256, type FileDigest } from './evidence-writer.js';
import { urlPath, type GraphRequest, type GraphResponse } from './graph-client.js';
import type { ListingProgress, PageEntry } from './manifest.js';
import type { CollectStep } from './progress.js';
import { rawValueElements } from './raw-json.js';
import { backoffMs } from './retry.js';
import { failedResponse, stepFailure } from './step-failure.js';

/** A listing's place in the manifest: its pages so far and where an interrupted one stands. */
export interface PagedEntry {
  pages: PageEntry[];
  progress: ListingProgress | null;
}

/**
 * Follows `@odata.nextLink` from `firstUrl` and writes every element of every page, raw, as one
 * NDJSON line of `path` (relative to the evidence folder). After each page the file is flushed
 * and the manifest records the page and the next link, so a run that stops (a fault, Ctrl-C)
 * is resumed by the next one from that page, never from the first. Resolves with the finished
 * file's digest, or null when the listing held nothing (no empty file is made).
 */
export async function savePages(
  context: CollectContext,
  entry: PagedEntry,
  firstUrl: string,
  path: string,
  step: CollectStep,
): Promise<FileDigest | null> {
  const absolute = join(context.evidenceDir, path);
  let writer =
    entry.progress === null ? null : await NdjsonFileWriter.resume(absolute, entry.progress.saved);
  let url: string | null = firstUrl;
  if (writer !== null && entry.progress !== null) {
    url = entry.progress.next;
  } else {
    writer = await NdjsonFileWriter.create(absolute);
    entry.pages = [];
    entry.progress = null;
  }
  const followed = new Set([firstUrl, ...entry.pages.map((page) => page.url)]);
  try {
    while (url !== null) {
      const { response, raw, body } = await readPage(context, url);
      await writer.write(raw);
      entry.pages.push({ url, sha256: sha256(response.text), records: raw.length });
      context.emit({ type: 'page-received', step, records: raw.length });
      url = nextLink(body, followed);
      if (url !== null) {
        entry.progress = { next: url, saved: await writer.checkpoint() };
        await context.store.save();
      }
    }
  } catch (error) {
    // Pages already recorded stay for the next run; a listing that saved none starts afresh.
    if (entry.progress === null) await writer.discard();
    else await writer.suspend();
    throw error;
  }
  entry.progress = null;
  return writer.finish();
}

/**
 * One page, asked again (with backoff) while Graph answers 200 with a body that is cut off or
 * has no `value` array, as the audit log query service is known to do now and then.
 */
async function readPage(
  context: CollectContext,
  url: string,
): Promise<{ response: GraphResponse; raw: string[]; body: unknown }> {
  const request: GraphRequest = { method: 'GET', url };
  const { retry, sleep } = context.timing;
  for (let attempt = 1; ; attempt++) {
    const response = await context.graph.send(request, context.signal);
    if (response.status !== 200) throw failedResponse(request, response);
    const page = parsePage(response.text);
    if (page !== null) return { response, ...page };
    if (attempt >= retry.maxAttempts) {
      throw stepFailure(
        'malformed',
        `GET ${urlPath(url)} answered ${attempt} times with a page that is cut off or holds no ` +
          'value array',
        200,
      );
    }
    const waitMs = backoffMs(attempt, retry);
    context.noteRetry({
      what: urlPath(url),
      status: 200,
      reason: 'malformed',
      asked: false,
      attempt,
      waitMs,
    });
    await sleep(waitMs, context.signal);
  }
}

function parsePage(text: string): { raw: string[]; body: unknown } | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  const values = (body as { value?: unknown } | null)?.value;
  const raw = rawValueElements(text);
  if (!Array.isArray(values) || raw === null || raw.length !== values.length) return null;
  return { raw, body };
}

/**
 * The page's `@odata.nextLink`, or null on the last page. A service that hands back a link
 * already followed would make paging go on forever: that stops the collection instead.
 */
export function nextLink(body: unknown, followed: Set<string>): string | null {
  const next = (body as { '@odata.nextLink'?: unknown })['@odata.nextLink'];
  if (typeof next !== 'string' || next === '') return null;
  if (followed.has(next)) {
    throw stepFailure(
      'malformed',
      `GET ${urlPath(next)}: a next link pointed back to a page already read`,
      200,
    );
  }
  followed.add(next);
  return next;
}
