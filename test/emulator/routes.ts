import type { AuditQueryService } from './audit-queries.js';
import type { GraphRequest, GraphResponse } from './graph-http.js';
import type { MailService } from './messages.js';
import { listMessageTraces } from './message-trace.js';
import type { ResolvedOptions } from './options.js';
import { listSignIns } from './sign-ins.js';

type Params = Record<string, string>;

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export interface Route {
  method: 'GET' | 'POST';
  /** Path after the version; `{name}` matches one segment, literals match in any case. */
  path: string;
  /** The parameter naming a mailbox: Outlook's per-mailbox concurrency limit applies. */
  mailbox?: string;
  handle(request: GraphRequest, params: Params): GraphResponse | Promise<GraphResponse>;
}

export interface RouteServices {
  options: ResolvedOptions;
  audit: AuditQueryService;
  mail: MailService;
  batch: (request: GraphRequest) => Promise<GraphResponse>;
}

/** Every Graph endpoint the emulator serves, under both `/v1.0` and `/beta`. */
export function graphRoutes({ options, audit, mail, batch }: RouteServices): Route[] {
  const p = (params: Params, name: string): string => params[name] ?? '';
  return [
    { method: 'POST', path: '/$batch', handle: (request) => batch(request) },
    {
      method: 'POST',
      path: '/security/auditLog/queries',
      handle: (request) => audit.create(request),
    },
    { method: 'GET', path: '/security/auditLog/queries', handle: (request) => audit.list(request) },
    {
      method: 'GET',
      path: '/security/auditLog/queries/{id}',
      handle: (request, params) => audit.get(request, p(params, 'id')),
    },
    {
      method: 'GET',
      path: '/security/auditLog/queries/{id}/records',
      handle: (request, params) => audit.records(request, p(params, 'id')),
    },
    {
      method: 'GET',
      path: '/users/{user}/messages',
      mailbox: 'user',
      handle: (request, params) => mail.messages(request, p(params, 'user')),
    },
    {
      method: 'GET',
      path: '/users/{user}/messages/{id}',
      mailbox: 'user',
      handle: (request, params) => mail.message(request, p(params, 'user'), p(params, 'id')),
    },
    {
      method: 'GET',
      path: '/users/{user}/mailFolders',
      mailbox: 'user',
      handle: (request, params) => mail.mailFolders(request, p(params, 'user')),
    },
    {
      method: 'GET',
      path: '/users/{user}/mailFolders/{id}',
      mailbox: 'user',
      handle: (request, params) => mail.mailFolder(request, p(params, 'user'), p(params, 'id')),
    },
    {
      method: 'GET',
      path: '/users/{user}/mailFolders/{id}/childFolders',
      mailbox: 'user',
      handle: (request, params) => mail.childFolders(request, p(params, 'user'), p(params, 'id')),
    },
    {
      method: 'GET',
      path: '/users/{user}/mailFolders/{id}/messages',
      mailbox: 'user',
      handle: (request, params) => mail.folderMessages(request, p(params, 'user'), p(params, 'id')),
    },
    {
      method: 'GET',
      path: '/auditLogs/signIns',
      handle: (request) => listSignIns(request, options),
    },
    {
      method: 'GET',
      path: '/admin/exchange/tracing/messageTraces',
      handle: (request) => listMessageTraces(request, options),
    },
  ];
}

/** The route for a method and (percent-encoded) path, with its decoded parameters. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Params } | null {
  const segments = path.split('/').slice(1);
  for (const route of routes) {
    const pattern = route.path.split('/').slice(1);
    if (route.method !== method || pattern.length !== segments.length) continue;
    const params: Params = {};
    const fits = pattern.every((part, index) => {
      const segment = decodeSegment(segments[index] ?? '');
      if (segment === null || segment === '') return false;
      if (part.startsWith('{')) {
        params[part.slice(1, -1)] = segment;
        return true;
      }
      return part.toLowerCase() === segment.toLowerCase();
    });
    if (fits) return { route, params };
  }
  return null;
}
