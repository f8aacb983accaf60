import type { GraphRequest, GraphResponse, GraphTransport } from '../../src/collect/index.js';
import { seededRandom } from '../emulator/faults.js';

/**
 * An in-process Microsoft Graph for unit tests: the endpoints the collection uses, answered
 * from a small tenant, parsing filters the way Graph does (a `+` in a query is a space), with
 * optional latency, record limits and throttling. It records what it was asked.
 */
export interface FakeMessage {
  mailbox: string;
  /** `\Inbox`, `\Inbox\Projects`, or `recoverable` for recoverable items. */
  folder: string;
  internetMessageId: string;
  subject: string;
  from: string;
  to: string[];
  receivedDateTime: string;
}

export interface FakeTenant {
  auditRecords: Record<string, unknown>[];
  signIns: Record<string, unknown>[];
  messages: FakeMessage[];
  traces: Record<string, unknown>[];
}

export interface FakeOptions {
  auditPageSize?: number;
  recordCountLimit?: number;
  pollsUntilDone?: number;
  latencyMs?: number;
  /** Share of requests (and of $batch items) answered 429/503 with Retry-After: 1. */
  failureRate?: number;
  seed?: number;
  /** Audit queries starting at these times stay `running` (a slow search). */
  holdQueriesStarting?: string[];
  /** Answer 400 to the `signInEventTypes` filter, as a Graph without it would. */
  rejectSignInEventTypes?: boolean;
  /** Called before each request is answered (tests abort from here). */
  onRequest?: (request: GraphRequest) => void;
}

interface Query {
  filters: {
    filterStartDateTime: string;
    filterEndDateTime: string;
    operationFilters: string[];
    userPrincipalNameFilters: string[];
  };
  polls: number;
}

export class FakeGraph implements GraphTransport {
  readonly requests: GraphRequest[] = [];
  readonly batchItems: string[] = [];
  readonly peakPerMailbox = new Map<string, number>();
  failures = 0;
  private readonly inFlight = new Map<string, number>();
  private readonly queries = new Map<string, Query>();
  private random: () => number;
  private readonly failuresInARow = new Map<string, number>();

  constructor(
    private readonly tenant: FakeTenant,
    private readonly options: FakeOptions = {},
    readonly base = 'https://graph.test',
  ) {
    this.random = seededRandom(options.seed ?? 1);
  }

  async send(request: GraphRequest): Promise<GraphResponse> {
    this.requests.push(request);
    this.options.onRequest?.(request);
    const mailbox = this.mailboxOf(request);
    // Outlook runs a batch's requests 4 at a time, each counting against the mailbox.
    const weight = request.url.endsWith('/$batch')
      ? Math.min(4, (request.body as { requests: unknown[] }).requests.length)
      : 1;
    if (mailbox !== null) this.enter(mailbox, weight);
    try {
      await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs ?? 0));
      if (this.shouldFail(`${request.method} ${request.url}`)) return this.throttled();
      const url = new URL(request.url);
      if (url.origin !== this.base) return json(404, { error: { code: 'WrongHost' } });
      const [, version = '', ...rest] = url.pathname.split('/');
      const path = `/${rest.join('/')}`;
      if (request.method === 'POST' && path === '/$batch') return this.batch(request.body);
      if (request.method === 'POST') return this.createQuery(version, path, request.body);
      return this.get(version, path, url.searchParams);
    } finally {
      if (mailbox !== null) this.leave(mailbox, weight);
    }
  }

  private get(version: string, path: string, params: URLSearchParams): GraphResponse {
    const query = /^\/security\/auditLog\/queries\/([^/]+)(\/records)?$/.exec(path);
    if (query)
      return this.auditQuery(version, decodeURIComponent(query[1] ?? ''), query[2], params);
    if (path === '/auditLogs/signIns' && version === 'beta') return this.signIns(params);
    if (path === '/admin/exchange/tracing/messageTraces') return this.messageTraces(params);
    const user = /^\/users\/([^/]+)(\/.*)$/.exec(path);
    if (user) return this.mailbox(decodeURIComponent(user[1] ?? ''), user[2] ?? '', params);
    return json(404, { error: { code: 'UnknownPath', message: path } });
  }

  private createQuery(version: string, path: string, body: unknown): GraphResponse {
    if (path !== '/security/auditLog/queries') return json(404, { error: { code: 'UnknownPath' } });
    const id = `q${this.queries.size + 1}-${version}`;
    this.queries.set(id, { filters: body as Query['filters'], polls: 0 });
    return json(201, { id, status: 'notStarted', ...(body as object) });
  }

  private auditQuery(
    version: string,
    id: string,
    records: string | undefined,
    params: URLSearchParams,
  ): GraphResponse {
    const query = this.queries.get(id);
    if (query === undefined) return json(404, { error: { code: 'NotFound' } });
    const limit = this.options.recordCountLimit ?? Number.POSITIVE_INFINITY;
    const matched = this.tenant.auditRecords.filter((record) => matchesQuery(record, query));
    if (records === undefined) {
      query.polls += 1;
      const held = this.options.holdQueriesStarting?.includes(query.filters.filterStartDateTime);
      const done = held !== true && query.polls > (this.options.pollsUntilDone ?? 1);
      return json(200, {
        id,
        status: done ? 'succeeded' : 'running',
        approximateReturnedRecordCount: done ? matched.length : 0,
        isRecordCountLimitExceeded: done ? matched.length > limit : false,
        recordCountLimit: Number.isFinite(limit) ? limit : 50_000,
      });
    }
    const kept = matched.slice(0, Math.min(matched.length, limit));
    const size = this.options.auditPageSize ?? 50;
    const from = Number(params.get('$skiptoken') ?? '0');
    const next = from + size < kept.length ? from + size : null;
    const url = `${this.base}/${version}/security/auditLog/queries/${id}/records`;
    return rawJson(200, {
      value: kept.slice(from, from + size),
      ...(next === null ? {} : { '@odata.nextLink': `${url}?$skiptoken=${next}` }),
    });
  }

  private signIns(params: URLSearchParams): GraphResponse {
    const filter = params.get('$filter') ?? '';
    const upn = /userPrincipalName eq '((?:[^']|'')*)'/.exec(filter)?.[1]?.replace(/''/g, "'");
    const ge = /createdDateTime ge (\S+)/.exec(filter)?.[1] ?? '';
    const le = /createdDateTime le (\S+)/.exec(filter)?.[1] ?? '';
    const nonInteractive = filter.includes("signInEventTypes/any(t: t eq 'nonInteractiveUser')");
    if (nonInteractive && this.options.rejectSignInEventTypes === true) {
      return json(400, {
        error: { code: 'BadRequest', message: 'signInEventTypes is not supported' },
      });
    }
    const value = this.tenant.signIns.filter((signIn) => {
      const types = signIn.signInEventTypes as string[];
      const at = Date.parse(String(signIn.createdDateTime));
      return (
        String(signIn.userPrincipalName).toLowerCase() === upn &&
        at >= Date.parse(ge) &&
        at <= Date.parse(le) &&
        types.includes(nonInteractive ? 'nonInteractiveUser' : 'interactiveUser')
      );
    });
    return rawJson(200, { value });
  }

  private messageTraces(params: URLSearchParams): GraphResponse {
    const filter = params.get('$filter') ?? '';
    const id = /messageId eq '((?:[^']|'')*)'/.exec(filter)?.[1]?.replace(/''/g, "'");
    const ge = Date.parse(/receivedDateTime ge (\S+)/.exec(filter)?.[1] ?? '');
    const le = Date.parse(/receivedDateTime le (\S+)/.exec(filter)?.[1] ?? '');
    if (!(le - ge <= 10 * 86_400_000)) return json(400, { error: { code: 'BadRequest' } });
    const value = this.tenant.traces.filter((row) => {
      const at = Date.parse(String(row.receivedDateTime));
      return row.messageId === id && at >= ge && at <= le;
    });
    return rawJson(200, { value });
  }

  private mailbox(upn: string, rest: string, params: URLSearchParams): GraphResponse {
    const messages = this.tenant.messages.filter((message) => message.mailbox === upn);
    if (messages.length === 0) {
      return json(404, { error: { code: 'ErrorInvalidUser', message: `no mailbox ${upn}` } });
    }
    const filter = params.get('$filter') ?? '';
    if (rest === '/messages' || rest === '/mailFolders/recoverableitemsdeletions/messages') {
      const literal = /^internetMessageId eq '((?:[^']|'')*)'$/.exec(filter)?.[1];
      if (literal === undefined)
        return json(400, { error: { code: 'BadFilter', message: filter } });
      const id = literal.replace(/''/g, "'");
      const recoverable = rest !== '/messages';
      const value = messages
        .filter((m) => m.internetMessageId === id && (m.folder === 'recoverable') === recoverable)
        .map((m) => graphMessage(m, params.get('$select')));
      return json(200, { value });
    }
    const folders = folderTree(messages);
    const name = /^displayName eq '((?:[^']|'')*)'$/.exec(filter)?.[1]?.replace(/''/g, "'");
    if (rest === '/mailFolders') {
      const value = folders.filter((f) => f.parent === null && f.name === name);
      return json(200, { value: value.map((f) => ({ id: f.id, displayName: f.name })) });
    }
    const child = /^\/mailFolders\/([^/]+)\/childFolders$/.exec(rest);
    if (child) {
      const parent = decodeURIComponent(child[1] ?? '');
      const value = folders.filter((f) => f.parent === parent && f.name === name);
      return json(200, { value: value.map((f) => ({ id: f.id, displayName: f.name })) });
    }
    const list = /^\/mailFolders\/([^/]+)\/messages$/.exec(rest);
    if (list) {
      const folder = folders.find((f) => f.id === decodeURIComponent(list[1] ?? ''));
      if (folder === undefined) return json(404, { error: { code: 'ErrorItemNotFound' } });
      const before = Date.parse(/^receivedDateTime le (\S+)$/.exec(filter)?.[1] ?? '');
      const inFolder = messages
        .filter((m) => m.folder === folder.path && Date.parse(m.receivedDateTime) <= before)
        .map((m) => graphMessage(m, params.get('$select')));
      const top = Number(params.get('$top') ?? '10');
      const from = Number(params.get('$skip') ?? '0');
      const next = from + top < inFolder.length ? from + top : null;
      const self = `${this.base}/v1.0/users/${upn}/mailFolders/${folder.id}/messages`;
      const query = `$filter=${encodeURIComponent(filter)}&$top=${top}`;
      return json(200, {
        value: inFolder.slice(from, from + top),
        ...(next === null ? {} : { '@odata.nextLink': `${self}?${query}&$skip=${next}` }),
      });
    }
    const wellKnown = /^\/mailFolders\/(inbox|sentitems)$/.exec(rest);
    const known = folders.find(
      (f) => f.parent === null && f.name === (wellKnown?.[1] === 'inbox' ? 'Inbox' : 'Sent Items'),
    );
    if (wellKnown && known) return json(200, { id: known.id });
    return json(404, { error: { code: 'ErrorItemNotFound', message: rest } });
  }

  private batch(body: unknown): GraphResponse {
    const requests = (body as { requests: { id: string; method: string; url: string }[] }).requests;
    if (requests.length > 20) return json(400, { error: { code: 'TooManyRequests in batch' } });
    const responses = requests.map((inner) => {
      this.batchItems.push(inner.url);
      if (this.shouldFail(`GET ${inner.url}`)) {
        const failed = this.throttled();
        return { id: inner.id, status: failed.status, headers: { 'Retry-After': '1' }, body: {} };
      }
      const url = new URL(`${this.base}/v1.0${inner.url}`);
      const answer = this.get('v1.0', url.pathname.slice('/v1.0'.length), url.searchParams);
      return {
        id: inner.id,
        status: answer.status,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.parse(answer.text) as unknown,
      };
    });
    // Graph may answer in any order.
    return json(200, { responses: responses.reverse() });
  }

  private mailboxOf(request: GraphRequest): string | null {
    const url =
      request.method === 'POST' && request.url.endsWith('/$batch')
        ? ((request.body as { requests: { url: string }[] }).requests[0]?.url ?? '')
        : request.url;
    const match = /\/users\/([^/?]+)/.exec(url);
    return match ? decodeURIComponent(match[1] ?? '').toLowerCase() : null;
  }

  private enter(mailbox: string, weight: number): void {
    const now = (this.inFlight.get(mailbox) ?? 0) + weight;
    this.inFlight.set(mailbox, now);
    this.peakPerMailbox.set(mailbox, Math.max(now, this.peakPerMailbox.get(mailbox) ?? 0));
  }

  private leave(mailbox: string, weight: number): void {
    this.inFlight.set(mailbox, (this.inFlight.get(mailbox) ?? weight) - weight);
  }

  /**
   * A real service recovers: the same request fails at most MAX_FAILURES_IN_A_ROW times in a
   * row, so a test's outcome cannot hinge on how concurrent requests draw from the seed.
   */
  private shouldFail(request: string): boolean {
    const inARow = this.failuresInARow.get(request) ?? 0;
    const fail = inARow < MAX_FAILURES_IN_A_ROW && this.random() < (this.options.failureRate ?? 0);
    this.failuresInARow.set(request, fail ? inARow + 1 : 0);
    return fail;
  }

  private throttled(): GraphResponse {
    this.failures += 1;
    const status = this.failures % 2 === 0 ? 503 : 429;
    return {
      ...json(status, { error: { code: 'TooManyRequests' } }),
      headers: { 'retry-after': '1' },
    };
  }
}

function matchesQuery(record: Record<string, unknown>, query: Query): boolean {
  const at = Date.parse(String(record.createdDateTime));
  const { filters } = query;
  return (
    at >= Date.parse(filters.filterStartDateTime) &&
    at < Date.parse(filters.filterEndDateTime) &&
    filters.operationFilters.includes(String(record.operation)) &&
    filters.userPrincipalNameFilters.includes(String(record.userPrincipalName).toLowerCase())
  );
}

interface FakeFolder {
  id: string;
  name: string;
  path: string;
  parent: string | null;
}

function folderTree(messages: FakeMessage[]): FakeFolder[] {
  const folders = new Map<string, FakeFolder>();
  for (const message of messages) {
    if (message.folder === 'recoverable') continue;
    let parent: string | null = null;
    let path = '';
    for (const name of message.folder.split('\\').filter((part) => part !== '')) {
      path = `${path}\\${name}`;
      const id = `F${Buffer.from(`${message.mailbox}${path}`).toString('base64url')}`;
      if (!folders.has(id)) folders.set(id, { id, name, path, parent });
      parent = id;
    }
  }
  return [...folders.values()];
}

function graphMessage(message: FakeMessage, select: string | null): Record<string, unknown> {
  const full: Record<string, unknown> = {
    id: `M${Buffer.from(message.internetMessageId).toString('base64url')}`,
    internetMessageId: message.internetMessageId,
    subject: message.subject,
    from: { emailAddress: { name: 'Sender', address: message.from } },
    toRecipients: message.to.map((address) => ({ emailAddress: { address } })),
    ccRecipients: [],
    bccRecipients: [],
    receivedDateTime: message.receivedDateTime,
    sentDateTime: message.receivedDateTime,
    body: { content: 'must never be selected' },
  };
  if (select === null) return full;
  const fields = select.split(',');
  return Object.fromEntries(Object.entries(full).filter(([key]) => fields.includes(key)));
}

function json(status: number, body: unknown): GraphResponse {
  return { status, headers: { 'content-type': 'application/json' }, text: JSON.stringify(body) };
}

/** Pretty-printed, with `<`/`>` escaped as the Management API does: raw text must survive. */
function rawJson(status: number, body: unknown): GraphResponse {
  const text = JSON.stringify(body, null, 2).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return { status, headers: { 'content-type': 'application/json' }, text };
}

const MAX_FAILURES_IN_A_ROW = 3;
