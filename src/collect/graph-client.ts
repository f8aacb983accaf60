import type { Client, ResponseType } from '@microsoft/microsoft-graph-client';
import { CollectError } from './collect-error.js';
import { stepFailure } from './step-failure.js';

/**
 * The only module that knows the Graph SDK. Everything else speaks in plain requests and
 * responses, so the SDK (3.x, which Microsoft plans to retire) can be swapped here alone.
 */
export interface GraphRequest {
  method: 'GET' | 'POST';
  /** Absolute URL on the configured Graph host, version included. */
  url: string;
  /** JSON body for POST. */
  body?: unknown;
}

export interface GraphResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The body exactly as received: raw records are preserved from it. */
  text: string;
}

export interface GraphTransport {
  send(request: GraphRequest, signal?: AbortSignal): Promise<GraphResponse>;
}

export interface AccessTokenSource {
  getAccessToken(): Promise<string>;
}

/** Longest wait for one Graph response, body included. */
const REQUEST_TIMEOUT_MS = 5 * 60_000;

/** `https://graph.microsoft.com` + `v1.0` + `/security/auditLog/queries`. */
export function graphUrl(graphBase: string, version: string, path: string): string {
  return `${graphBase}/${version}${path.startsWith('/') ? path : `/${path}`}`;
}

/**
 * A transport over the Graph SDK without its retry middleware (retries, with their waits
 * reported and counted, belong to retry.ts). The bearer token is only ever sent to the
 * configured Graph host: a nextLink pointing anywhere else is refused.
 */
export function createGraphTransport(
  graphBase: string,
  tokens: AccessTokenSource,
  timeoutMs = REQUEST_TIMEOUT_MS,
): GraphTransport {
  const origin = new URL(graphBase).origin;
  // The SDK is loaded when Graph is first asked: commands that read evidence never need it.
  let sdk: Promise<{ client: Client; raw: ResponseType }> | null = null;
  const connected = async () => {
    const { AuthenticationHandler, Client, HTTPMessageHandler, ResponseType } =
      await import('@microsoft/microsoft-graph-client');
    const client = Client.initWithMiddleware({
      middleware: [
        new AuthenticationHandler({ getAccessToken: () => tokens.getAccessToken() }),
        new HTTPMessageHandler(),
      ],
      customHosts: new Set([new URL(graphBase).hostname]),
    });
    return { client, raw: ResponseType.RAW };
  };
  return {
    async send(request, signal) {
      const url = onGraphHost(request.url, origin);
      sdk ??= connected();
      const { client, raw: rawResponse } = await sdk;
      // Signed in here, not inside the SDK, which would wrap a refused sign-in as a Graph error.
      await tokens.getAccessToken();
      // A stalled connection must fail (and be retried), not hang the collection for good.
      const timeout = AbortSignal.timeout(timeoutMs);
      const call = client
        .api(url)
        .responseType(rawResponse)
        .option('signal', signal === undefined ? timeout : AbortSignal.any([signal, timeout]));
      const raw: unknown =
        request.method === 'GET' ? await call.get() : await call.post(request.body ?? {});
      if (!(raw instanceof Response)) throw new CollectError('Graph SDK returned no response');
      const headers: Record<string, string> = {};
      raw.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      return { status: raw.status, headers, text: await raw.text() };
    },
  };
}

/**
 * The URL with its scheme and host as the configured Graph host writes them. Origins are
 * compared as parsed (scheme and host in any case): a next link to any other host is refused,
 * and one written `HTTPS://GRAPH…` is sent to the Graph host, where the SDK, which looks for
 * a lower-case `https://`, would take it for a path and send the token to its default host.
 */
export function onGraphHost(url: string, origin: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CollectError(`refusing to follow a Graph link that is not a URL: ${url}`);
  }
  if (parsed.origin !== origin) {
    throw new CollectError(`refusing to send a Graph token to ${parsed.origin}`);
  }
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, origin);
}

/** The URL without its query: enough to say which call failed. */
export function urlPath(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** Parses a JSON body; a broken one fails this part of the collection, named by its URL. */
export function jsonBody(response: GraphResponse, request: GraphRequest): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    throw stepFailure(
      'malformed',
      `${request.method} ${urlPath(request.url)} returned ${response.status} with a body that is not JSON`,
      response.status,
    );
  }
}
