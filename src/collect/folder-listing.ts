import { compareText } from '../model/index.js';
import type { CollectContext } from './context.js';
import { graphUrl, jsonBody, type GraphRequest } from './graph-client.js';
import type { MailboxLimiter } from './mailbox-limiter.js';
import {
  MESSAGE_SELECT,
  messageIdOf,
  metadataOf,
  type MessageMetadata,
} from './message-metadata.js';
import { odataDateTime, odataString, queryOption, userSegment, withQuery } from './odata.js';
import { nextLink } from './paging.js';
import { failedResponse, graphError } from './step-failure.js';

/** One NDJSON line of `lookups/`: the FolderListing model without `source`. */
export interface FolderListingLine {
  type: 'folderListing';
  mailbox: string;
  path: string;
  messages: ({ internetMessageId: string } & MessageMetadata)[];
}

export type FolderOutcome =
  | {
      status: 'listed';
      folderId: string;
      line: FolderListingLine;
      withoutInternetMessageId: number;
    }
  | { status: 'not-found'; reason: string };

/** English display names of well-known folders, for mailboxes whose audit paths use them. */
const WELL_KNOWN: Readonly<Record<string, string>> = {
  inbox: 'inbox',
  'sent items': 'sentitems',
  'deleted items': 'deleteditems',
  drafts: 'drafts',
  'junk email': 'junkemail',
  archive: 'archive',
  outbox: 'outbox',
};

const PAGE_SIZE = 250;

/**
 * Lists a synced folder as it can still be seen: resolves the audit path (`\Inbox\Projects`)
 * segment by segment, then lists the messages received at or before `receivedBefore`.
 * Messages deleted since the sync cannot be listed; the report says so.
 */
export async function listFolder(
  context: CollectContext,
  limiter: MailboxLimiter,
  mailbox: string,
  path: string,
  receivedBefore: string,
): Promise<FolderOutcome> {
  const get = (url: string) => limiter.run(mailbox, () => getMaybe(context, url));
  const segments = path.split('\\').filter((segment) => segment.trim() !== '');
  if (segments.length === 0) return { status: 'not-found', reason: `no folder path in "${path}"` };

  const base = graphUrl(context.endpoints.graph, 'v1.0', userSegment(mailbox));
  let folderId: string | null = null;
  for (const segment of segments) {
    const children: string =
      folderId === null
        ? `${base}/mailFolders`
        : `${base}/mailFolders/${encodeURIComponent(folderId)}/childFolders`;
    const found = await get(
      withQuery(children, [
        queryOption('$filter', `displayName eq ${odataString(segment)}`),
        queryOption('$select', 'id,displayName'),
      ]),
    );
    let id = typeof found === 'string' ? null : firstId(found);
    const wellKnown = WELL_KNOWN[segment.toLowerCase()];
    if (id === null && folderId === null && wellKnown !== undefined) {
      const direct = await get(`${base}/mailFolders/${wellKnown}?$select=id`);
      id = typeof direct === 'string' ? null : idOf(direct);
    }
    if (id === null) {
      const detail = typeof found === 'string' ? ` (${found})` : '';
      return { status: 'not-found', reason: `folder "${segment}" of ${path} not found${detail}` };
    }
    folderId = id;
  }
  if (folderId === null) return { status: 'not-found', reason: `folder ${path} not found` };

  const messages: FolderListingLine['messages'] = [];
  let withoutInternetMessageId = 0;
  const followed = new Set<string>();
  let url: string | null = withQuery(
    `${base}/mailFolders/${encodeURIComponent(folderId)}/messages`,
    [
      queryOption('$filter', `receivedDateTime le ${odataDateTime(receivedBefore)}`),
      queryOption('$select', MESSAGE_SELECT),
      queryOption('$top', String(PAGE_SIZE)),
    ],
  );
  while (url !== null) {
    const page = await get(url);
    if (typeof page === 'string') return { status: 'not-found', reason: `${path}: ${page}` };
    const value = (page as { value?: unknown }).value;
    const items: unknown[] = Array.isArray(value) ? value : [];
    for (const message of items) {
      const internetMessageId = messageIdOf(message);
      if (internetMessageId === null) withoutInternetMessageId += 1;
      else messages.push({ internetMessageId, ...metadataOf(message) });
    }
    context.emit({ type: 'page-received', step: 'folders', records: items.length });
    url = nextLink(page, followed);
  }
  messages.sort(
    (a, b) =>
      compareText(a.date ?? '', b.date ?? '') ||
      compareText(a.internetMessageId, b.internetMessageId),
  );
  return {
    status: 'listed',
    folderId,
    line: { type: 'folderListing', mailbox, path, messages },
    withoutInternetMessageId,
  };
}

/** The JSON body of a 200, or the reason (a string) for a 404/400. */
async function getMaybe(context: CollectContext, url: string): Promise<unknown> {
  const request: GraphRequest = { method: 'GET', url };
  const response = await context.graph.send(request, context.signal);
  if (response.status === 200) return jsonBody(response, request);
  if (response.status === 404 || response.status === 400) {
    let body: unknown = null;
    try {
      body = JSON.parse(response.text);
    } catch {
      // The status alone is the reason.
    }
    const { code, message } = graphError(body);
    return [response.status, code, message].filter((part) => part !== null).join(': ');
  }
  throw failedResponse(request, response);
}

function firstId(body: unknown): string | null {
  const value = (body as { value?: unknown }).value;
  return Array.isArray(value) && value.length > 0 ? idOf(value[0]) : null;
}

function idOf(folder: unknown): string | null {
  const id = (folder as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : null;
}
