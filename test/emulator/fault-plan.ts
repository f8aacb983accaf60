import { graphError, type GraphResponse } from './graph-http.js';

/**
 * What a real tenant answers besides throttling: access refused for a step or a mailbox,
 * service faults, quotas. Tests switch these on and off on `emulator.faults` while the
 * emulator runs (a rerun "after the fault clears" is a rerun after setting it back).
 */
export interface FaultPlan {
  deny: {
    /** The audit log query API: 403, as without AuditLogsQuery-Exchange.Read.All. */
    auditLog: boolean;
    /** Sign-ins: without Directory.Read.All (`permission`) or without Entra ID P1/P2. */
    signIns: 'permission' | 'licence' | null;
    /** Message trace: 403, as without the Exchange service principal. */
    messageTrace: boolean;
    /** Mailboxes outside the app's RBAC scope: 403 ErrorAccessDenied on every request. */
    mailboxes: string[];
  };
  audit: {
    /**
     * Record pages (1-based, in every query) answered with a fault, each `times` times in a
     * row: `500` InternalServerError, or `cut-off`: a 200 whose JSON breaks off mid-record and
     * ends in an error object, as the audit log query service is known to send.
     */
    failingPages: { page: number; times: number; fault: '500' | 'cut-off' }[];
    /** The next N queries created end `cancelled`. */
    cancel: number;
    /** The next N creations are carried out but answered 500: the client never learns the id. */
    lostCreations: number;
    /** The tenant's quota: queries created per window; beyond it 429 with Retry-After. */
    quota: { queries: number; windowMs: number } | null;
  };
  /**
   * Message trace's tenant limit (Microsoft: 100 requests per 5 minutes): beyond it 429 with
   * `Retry-After` until the oldest request leaves the window.
   */
  messageTraceRate: { requests: number; windowMs: number } | null;
  /** Next links written `HTTPS://LOCALHOST:…` (scheme and host upper-case), as URLs allow. */
  upperCaseNextLinks: boolean;
  batch: {
    /** The next N outer `$batch` requests are answered with `status`. */
    failures: number;
    status: number;
    /** The next N inner requests are answered 429 without Retry-After. */
    innerThrottles: number;
  };
}

export function noFaults(): FaultPlan {
  return {
    deny: { auditLog: false, signIns: null, messageTrace: false, mailboxes: [] },
    audit: { failingPages: [], cancel: 0, lostCreations: 0, quota: null },
    messageTraceRate: null,
    upperCaseNextLinks: false,
    batch: { failures: 0, status: 500, innerThrottles: 0 },
  };
}

const INSUFFICIENT = 'Insufficient privileges to complete the operation.';

/**
 * Requests counted in a sliding window (emulator clock): the seconds to wait when a request
 * would go over `limit` (it is then not counted), or null when it may go ahead.
 */
export class SlidingWindow {
  private readonly times: number[] = [];

  overLimit(limit: { requests: number; windowMs: number }, now: number): number | null {
    while (this.times.length > 0 && (this.times[0] ?? 0) <= now - limit.windowMs)
      this.times.shift();
    if (this.times.length >= limit.requests) {
      return Math.max(1, Math.ceil(((this.times[0] ?? now) + limit.windowMs - now) / 1000));
    }
    this.times.push(now);
    return null;
  }
}

/** The answer with its next link's scheme and host in upper case, when the plan says so. */
export function withNextLinkCase(plan: FaultPlan, answer: GraphResponse): GraphResponse {
  const body = answer.body as Record<string, unknown> | undefined;
  const next = body?.['@odata.nextLink'];
  if (!plan.upperCaseNextLinks || typeof next !== 'string') return answer;
  const shouted = next.replace(/^[a-z]+:\/\/[^/]+/i, (origin) => origin.toUpperCase());
  return { ...answer, body: { ...body, '@odata.nextLink': shouted } };
}

/** The application permissions each API needs, by the start of its route. */
const ROUTE_ROLES: readonly [string, readonly string[]][] = [
  ['/security/auditLog/', ['AuditLogsQuery-Exchange.Read.All']],
  ['/auditLogs/signIns', ['AuditLog.Read.All', 'Directory.Read.All']],
  ['/admin/exchange/tracing/', ['ExchangeMessageTrace.Read.All']],
  ['/users/', ['Mail.ReadBasic.All']],
];

/** Graph's 403 for an app token without the role the route needs, or null. */
export function missingRole(path: string, roles: readonly string[] | null): GraphResponse | null {
  if (roles === null) return null;
  const needed = ROUTE_ROLES.find(([start]) => path.startsWith(start))?.[1] ?? [];
  const missing = needed.filter((role) => !roles.includes(role));
  if (missing.length === 0) return null;
  return graphError(
    403,
    'Authorization_RequestDenied',
    `Missing role permissions on the request. API requires '${needed.join("', '")}'. Roles on the request '${roles.join(',')}'.`,
  );
}

/**
 * The refusal Graph gives for a request the plan denies, or null. `path` is the route's
 * pattern (`/auditLogs/signIns`), `mailbox` the mailbox it reads, if any.
 */
export function refusal(
  plan: FaultPlan,
  path: string,
  mailbox: string | null,
): GraphResponse | null {
  const { deny } = plan;
  if (deny.auditLog && path.startsWith('/security/auditLog/')) {
    return graphError(403, 'Authorization_RequestDenied', INSUFFICIENT);
  }
  if (deny.signIns !== null && path === '/auditLogs/signIns') {
    return deny.signIns === 'licence'
      ? graphError(
          403,
          'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
          "Neither tenant is B2C or tenant doesn't have premium license",
        )
      : graphError(403, 'Authorization_RequestDenied', INSUFFICIENT);
  }
  if (deny.messageTrace && path.startsWith('/admin/exchange/tracing/')) {
    return graphError(403, 'Authorization_RequestDenied', INSUFFICIENT);
  }
  if (mailbox !== null && deny.mailboxes.some((denied) => denied.toLowerCase() === mailbox)) {
    return graphError(
      403,
      'ErrorAccessDenied',
      'Access is denied. Check credentials and try again.',
    );
  }
  return null;
}
