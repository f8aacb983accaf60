import { randomUUID } from 'node:crypto';
import { recordMatches, toAuditLogRecord, type AuditQueryFilters } from './audit-records.js';
import {
  badRequest,
  graphError,
  notFound,
  ok,
  type GraphRequest,
  type GraphResponse,
} from './graph-http.js';
import type { ResolvedOptions } from './options.js';
import { SlidingWindow } from './fault-plan.js';
import { page, pageNumber } from './paging.js';

type QueryStatus = 'notStarted' | 'running' | 'succeeded' | 'failed' | 'cancelled';

interface AuditQuery {
  id: string;
  displayName: string | null;
  filters: AuditQueryFilters;
  administrativeUnitIdFilters: string[];
  polls: number;
  fails: boolean;
  /** Cancelled (by an administrator, or the service) once it has started. */
  cancelled: boolean;
  /** Matching records, cut at the record limit. */
  records: Record<string, unknown>[];
  limitExceeded: boolean;
}

function stringList(body: Record<string, unknown>, key: string): string[] | null {
  const value = body[key];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
}

function optionalText(body: Record<string, unknown>, key: string): string | null | undefined {
  const value = body[key];
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : undefined;
}

/** Reads the posted auditLogQuery, or says what is wrong with it. */
function readFilters(
  body: unknown,
): { filters: AuditQueryFilters; units: string[]; name: string | null } | string {
  if (typeof body !== 'object' || body === null)
    return 'The request body must be an auditLogQuery object.';
  const fields = body as Record<string, unknown>;
  const lists = [
    'recordTypeFilters',
    'operationFilters',
    'userPrincipalNameFilters',
    'ipAddressFilters',
    'serviceFilters',
    'objectIdFilters',
    'administrativeUnitIdFilters',
  ];
  const values = Object.fromEntries(lists.map((key) => [key, stringList(fields, key)]));
  const bad = lists.find((key) => values[key] === null);
  if (bad !== undefined) return `${bad} must be a collection of strings.`;
  const start = optionalText(fields, 'filterStartDateTime');
  const end = optionalText(fields, 'filterEndDateTime');
  for (const [key, value] of [
    ['filterStartDateTime', start],
    ['filterEndDateTime', end],
  ] as const) {
    if (value === undefined || (value !== null && Number.isNaN(Date.parse(value)))) {
      return `${key} must be a DateTimeOffset.`;
    }
  }
  const keyword = optionalText(fields, 'keywordFilter');
  const service = optionalText(fields, 'serviceFilter');
  const name = optionalText(fields, 'displayName');
  if (keyword === undefined || service === undefined || name === undefined)
    return 'Invalid string property.';
  const list = (key: string): string[] => values[key] ?? [];
  return {
    filters: {
      filterStartDateTime: start ?? null,
      filterEndDateTime: end ?? null,
      recordTypeFilters: list('recordTypeFilters'),
      operationFilters: list('operationFilters'),
      userPrincipalNameFilters: list('userPrincipalNameFilters'),
      ipAddressFilters: list('ipAddressFilters'),
      // v1.0 has serviceFilters (a collection), beta serviceFilter (one string).
      serviceFilters:
        service === null ? list('serviceFilters') : [service, ...list('serviceFilters')],
      objectIdFilters: list('objectIdFilters'),
      keywordFilter: keyword ?? null,
    },
    units: list('administrativeUnitIdFilters'),
    name: name ?? null,
  };
}

/**
 * The Purview audit search on Graph: `POST /security/auditLog/queries` starts a query that
 * moves `notStarted → running → succeeded` over the configured number of polls; its records
 * page with `$skiptoken` next links. Past the record limit the query still succeeds, with
 * `isRecordCountLimitExceeded: true` and only `recordCountLimit` records, as Microsoft documents.
 */
export class AuditQueryService {
  private readonly queries = new Map<string, AuditQuery>();
  private created = 0;
  /** Queries created (emulator clock), for the tenant quota. */
  private readonly quotaWindow = new SlidingWindow();
  /** Faults already given per query and record page. */
  private readonly pageFaults = new Map<string, number>();

  constructor(private readonly options: ResolvedOptions) {}

  private status(query: AuditQuery): QueryStatus {
    const { notStarted, running } = this.options.auditQueryPolls;
    if (query.polls <= notStarted) return 'notStarted';
    if (query.cancelled) return 'cancelled';
    if (query.polls <= notStarted + running) return 'running';
    return query.fails ? 'failed' : 'succeeded';
  }

  private render(request: GraphRequest, query: AuditQuery): Record<string, unknown> {
    const status = this.status(query);
    const { filters } = query;
    return {
      '@odata.context': `${request.origin}/${request.version}/$metadata#security/auditLog/queries/$entity`,
      '@odata.type': '#microsoft.graph.security.auditLogQuery',
      id: query.id,
      displayName: query.displayName,
      filterStartDateTime: filters.filterStartDateTime,
      filterEndDateTime: filters.filterEndDateTime,
      recordTypeFilters: filters.recordTypeFilters,
      keywordFilter: filters.keywordFilter,
      serviceFilters: filters.serviceFilters,
      operationFilters: filters.operationFilters,
      userPrincipalNameFilters: filters.userPrincipalNameFilters,
      ipAddressFilters: filters.ipAddressFilters,
      objectIdFilters: filters.objectIdFilters,
      administrativeUnitIdFilters: query.administrativeUnitIdFilters,
      status,
      approximateReturnedRecordCount: status === 'succeeded' ? query.records.length : null,
      isRecordCountLimitExceeded: status === 'succeeded' && query.limitExceeded,
      recordCountLimit: this.options.auditRecordLimit,
    };
  }

  create(request: GraphRequest): GraphResponse {
    const read = readFilters(request.body);
    if (typeof read === 'string') return badRequest(read);
    const quota = this.options.faults.audit.quota;
    const overQuota =
      quota === null
        ? null
        : this.quotaWindow.overLimit(
            { requests: quota.queries, windowMs: quota.windowMs },
            this.options.now().getTime(),
          );
    if (overQuota !== null) {
      return graphError(
        429,
        'TooManyRequests',
        'The tenant has reached its limit of audit log queries; try again later.',
        { 'Retry-After': String(overQuota) },
      );
    }
    const faults = this.options.faults.audit;
    const matching = this.options.tenant.auditRecords.filter((record) =>
      recordMatches(record, read.filters),
    );
    const limit = this.options.auditRecordLimit;
    const query: AuditQuery = {
      id: randomUUID(),
      displayName: read.name,
      filters: read.filters,
      administrativeUnitIdFilters: read.units,
      polls: 0,
      fails: this.created < this.options.auditQueryFailures,
      cancelled: faults.cancel > 0,
      records: matching.slice(0, limit),
      limitExceeded: matching.length > limit,
    };
    if (faults.cancel > 0) faults.cancel--;
    this.created++;
    this.queries.set(query.id, query);
    if (faults.lostCreations > 0) {
      // Created all the same: only the answer is lost.
      faults.lostCreations--;
      return graphError(500, 'InternalServerError', 'An internal server error occurred.');
    }
    return ok(this.render(request, query), 201);
  }

  list(request: GraphRequest): GraphResponse {
    return ok({ value: [...this.queries.values()].map((query) => this.render(request, query)) });
  }

  /** Every read of a query counts as one poll and may move its status on. */
  get(request: GraphRequest, id: string): GraphResponse {
    const query = this.queries.get(id);
    if (query === undefined) return notFound(`Audit log query ${id} was not found.`);
    query.polls++;
    return ok(this.render(request, query));
  }

  records(request: GraphRequest, id: string): GraphResponse {
    const query = this.queries.get(id);
    if (query === undefined) return notFound(`Audit log query ${id} was not found.`);
    const status = this.status(query);
    if (status !== 'succeeded') {
      return graphError(
        400,
        'BadRequest',
        `The audit log query is ${status}; its records can be read once it has succeeded.`,
      );
    }
    const listing = {
      pageSize: this.options.pageSizes.auditRecords,
      maxTop: 1000,
      style: 'skiptoken',
    } as const;
    const answer = page(request, query.records, listing, (record) =>
      toAuditLogRecord(
        record as Record<string, unknown>,
        this.options.tenant.tenantId,
        this.options.recordTypeCasing,
      ),
    );
    const fault = this.pageFault(query.id, pageNumber(request, listing));
    if (fault === '500') {
      return graphError(500, 'InternalServerError', 'An internal server error occurred.');
    }
    if (fault === 'cut-off' && answer.status === 200) {
      const text = JSON.stringify(answer.body);
      const error = graphError(500, 'InternalServerError', 'An internal server error occurred.');
      return {
        status: 200,
        raw: text.slice(0, Math.floor(text.length / 2)) + JSON.stringify(error.body),
      };
    }
    return answer;
  }

  /** The fault the plan gives this page of this query now, if any. */
  private pageFault(queryId: string, pageIndex: number | null): '500' | 'cut-off' | null {
    const planned = this.options.faults.audit.failingPages.find(
      (entry) => entry.page === pageIndex,
    );
    if (planned === undefined) return null;
    const key = `${queryId} ${String(pageIndex)}`;
    const given = this.pageFaults.get(key) ?? 0;
    if (given >= planned.times) return null;
    this.pageFaults.set(key, given + 1);
    return planned.fault;
  }
}
