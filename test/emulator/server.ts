import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditQueryService } from './audit-queries.js';
import { runBatch } from './batch.js';
import {
  missingRole,
  refusal,
  SlidingWindow,
  withNextLinkCase,
  type FaultPlan,
} from './fault-plan.js';
import { FaultInjector, MailboxSlots } from './faults.js';
import {
  badRequest,
  graphError,
  type GraphRequest,
  type GraphResponse,
  type GraphVersion,
} from './graph-http.js';
import { LoginService } from './login.js';
import { MailService } from './messages.js';
import { loginEndpoints } from './openid-configuration.js';
import type { ResolvedOptions } from './options.js';
import { graphRoutes, matchRoute, type Route } from './routes.js';
import { count, emptyStats, type EmulatorStats } from './stats.js';
import { TokenStore } from './tokens.js';

export interface RunningEmulator {
  /** `https://localhost:PORT`: the login authority is `${url}/${tenantId}`, Graph's base `url`. */
  url: string;
  /** The served tenant's id: the authority is `${url}/${tenantId}`. */
  tenantId: string;
  stats: EmulatorStats;
  /** The refusals and faults in force: change them while the emulator runs. */
  faults: FaultPlan;
  stop(): Promise<void>;
}

/**
 * The Graph pipeline every request (top-level or inside a `$batch`) goes through: route, fault
 * injection, Outlook's per-mailbox concurrency limit, latency, then the resource handler.
 */
class GraphPipeline {
  private readonly routes: Route[];
  private readonly faults: FaultInjector;
  private readonly slots: MailboxSlots;
  private readonly traceWindow = new SlidingWindow();

  constructor(
    private readonly options: ResolvedOptions,
    private readonly stats: EmulatorStats,
  ) {
    this.faults = new FaultInjector(
      options.failureRate,
      options.faultSeed,
      options.retryAfterSeconds,
      stats,
    );
    this.slots = new MailboxSlots(
      options.mailboxConcurrencyLimit,
      options.retryAfterSeconds,
      stats,
    );
    this.routes = graphRoutes({
      options,
      audit: new AuditQueryService(options),
      mail: new MailService(options),
      batch: (request) =>
        runBatch(request, options.batchParallelism, (inner) => this.serveInner(inner)),
    });
  }

  /** An inner `$batch` request: throttled on its own when the plan says so. */
  private serveInner(request: GraphRequest): Promise<GraphResponse> {
    const { batch } = this.options.faults;
    if (batch.innerThrottles > 0) {
      batch.innerThrottles--;
      this.stats.faults.tooManyRequests++;
      // Exchange's inner 429s do not always say how long to wait.
      return Promise.resolve(graphError(429, 'TooManyRequests', 'Too many requests.'));
    }
    return this.serve(request);
  }

  async serve(request: GraphRequest): Promise<GraphResponse> {
    const match = matchRoute(this.routes, request.method, request.path);
    if (match === null) {
      count(this.stats.requests, `${request.method} (unknown) ${request.path}`);
      return badRequest(
        `Resource not found for the segment '${request.path.split('/').pop() ?? ''}'.`,
      );
    }
    const { route, params } = match;
    count(this.stats.requests, `${route.method} ${route.path}`);
    const mailbox =
      route.mailbox === undefined ? null : (params[route.mailbox] ?? '').toLowerCase();
    const refused =
      missingRole(route.path, request.roles) ?? refusal(this.options.faults, route.path, mailbox);
    if (refused !== null) {
      this.stats.faults.refused++;
      return refused;
    }
    const { batch, messageTraceRate } = this.options.faults;
    if (route.path === '/admin/exchange/tracing/messageTraces' && messageTraceRate !== null) {
      const wait = this.traceWindow.overLimit(messageTraceRate, this.options.now().getTime());
      if (wait !== null) {
        this.stats.faults.quota++;
        return graphError(
          429,
          'TooManyRequests',
          'Too many requests: the tenant limit for message trace is reached.',
          {
            'Retry-After': String(wait),
          },
        );
      }
    }
    if (route.path === '/$batch' && batch.failures > 0) {
      batch.failures--;
      return graphError(batch.status, 'InternalServerError', 'The batch could not be run.');
    }
    const fault = this.faults.draw();
    if (fault !== null) return fault;
    if (mailbox === null) {
      await sleep(this.options.latencyMs);
      return route.handle(request, params);
    }
    count(this.stats.mailboxRequests, mailbox);
    const busy = this.slots.acquire(mailbox);
    if (busy !== null) return busy;
    try {
      await sleep(this.options.latencyMs);
      return await route.handle(request, params);
    } finally {
      this.slots.release(mailbox);
    }
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, answer: GraphResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  const text = answer.raw ?? (answer.body === undefined ? undefined : JSON.stringify(answer.body));
  if (text !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  response.writeHead(answer.status, headers);
  response.end(text);
}

function parseJson(text: string): { value: unknown } | null {
  if (text === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

/** Starts the HTTPS server on localhost. */
export async function startServer(options: ResolvedOptions): Promise<RunningEmulator> {
  const stats = emptyStats();
  let origin = '';
  const tokens = new TokenStore(
    options.tenant.tenantId,
    // The id-token issuer names the emulator's own authority, as Entra's names its own.
    () => loginEndpoints(origin, options.tenant.tenantId).issuer,
    options.tokenLifetimeSeconds,
    stats,
  );
  const login = new LoginService(options, tokens);
  const graph = new GraphPipeline(options, stats);

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', origin);
    const method = request.method ?? 'GET';
    const body = await readBody(request);
    const loginAnswer = login.handle(method, url.pathname, new URLSearchParams(body), origin);
    if (loginAnswer !== null) {
      count(stats.requests, `${method} ${url.pathname.replace(/^\/[^/]+/, '/{tenant}')}`);
      send(response, loginAnswer);
      return;
    }
    const version = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname);
    if (version === null) {
      count(stats.requests, `${method} (unknown) ${url.pathname}`);
      send(response, graphError(404, 'NotFound', `No such endpoint: ${url.pathname}`));
      return;
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (bearer === undefined || !tokens.isValid(bearer)) {
      stats.faults.unauthorized++;
      send(
        response,
        graphError(
          401,
          'InvalidAuthenticationToken',
          bearer === undefined ? 'Access token is empty.' : 'Access token validation failure.',
          {
            'WWW-Authenticate': 'Bearer realm="", error="invalid_token"',
          },
        ),
      );
      return;
    }
    const json = parseJson(body);
    if (json === null) {
      send(response, badRequest('Unable to read JSON request payload.'));
      return;
    }
    send(
      response,
      withNextLinkCase(
        options.faults,
        await graph.serve({
          method,
          version: version[1] as GraphVersion,
          path: version[2] ?? '/',
          query: url.searchParams,
          body: json.value,
          origin,
          roles: tokens.rolesOf(bearer),
        }),
      ),
    );
  };

  const server: Server = createServer(
    { key: options.pki.serverKeyPem, cert: options.pki.serverCertPem },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        send(
          response,
          graphError(
            500,
            'InternalServerError',
            error instanceof Error ? error.message : String(error),
          ),
        );
      });
    },
  );
  server.listen(options.port, 'localhost');
  await once(server, 'listening');
  origin = `https://localhost:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    tenantId: options.tenant.tenantId,
    stats,
    faults: options.faults,
    stop: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
