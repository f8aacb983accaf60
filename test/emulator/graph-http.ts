import { randomUUID } from 'node:crypto';

export type GraphVersion = 'v1.0' | 'beta';

/** One Graph request, top-level or inside a `$batch`, as the resource handlers see it. */
export interface GraphRequest {
  method: string;
  version: GraphVersion;
  /** Path after the version, still percent-encoded: `/users/a%40b.nl/messages`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** `https://localhost:PORT`, for absolute `@odata.nextLink`s. */
  origin: string;
  /** The app token's roles (checked against what the route needs); null for a person's token. */
  roles: readonly string[] | null;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as it stands instead of `body` (a page cut off mid-way). */
  raw?: string;
}

export function ok(body: unknown, status = 200): GraphResponse {
  return { status, body };
}

/** Graph's error envelope: `{ error: { code, message, innerError } }`. */
export function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): GraphResponse {
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString(), 'request-id': randomUUID() },
      },
    },
  };
}

export function badRequest(message: string): GraphResponse {
  return graphError(400, 'BadRequest', message);
}

export function notFound(message: string): GraphResponse {
  return graphError(404, 'ResourceNotFound', message);
}

/** Encodes a query the way Graph writes its links: `%24top=10&%24filter=...` with `%20`. */
export function encodeQuery(query: URLSearchParams): string {
  return [...query]
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}
