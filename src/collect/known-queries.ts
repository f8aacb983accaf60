import type { CollectContext } from './context.js';
import type { AuditQueryBody } from './manifest.js';
import { nextLink } from './paging.js';
import { StepFailed } from './step-failure.js';

/** What Graph says of an audit log query (the fields the collection reads). */
export interface QueryState {
  id?: unknown;
  displayName?: unknown;
  filterStartDateTime?: unknown;
  filterEndDateTime?: unknown;
  operationFilters?: unknown;
  userPrincipalNameFilters?: unknown;
  status?: unknown;
  approximateReturnedRecordCount?: unknown;
  isRecordCountLimitExceeded?: unknown;
  recordCountLimit?: unknown;
}

/** Queries that can still give their records: a failed or cancelled one never will. */
const USABLE = new Set(['notStarted', 'running', 'succeeded']);

/**
 * The tenant's audit log queries, listed once per run (and again after a creation whose answer
 * was lost), so that a query this collection already created is found by its display name and
 * used instead of creating a duplicate: a POST retried after a network error may have reached
 * Graph, and every query counts against the tenant's quota.
 */
export class KnownQueries {
  private listed: Promise<QueryState[]> | null = null;
  /** Queries seen to end failed or cancelled, or to vanish, since the list was read. */
  private readonly unusable = new Set<string>();

  constructor(private readonly url: string) {}

  /** A usable query asking exactly what `body` asks, if Graph knows one. */
  async find(context: CollectContext, body: AuditQueryBody): Promise<QueryState | null> {
    this.listed ??= this.list(context);
    const queries = await this.listed;
    return (
      queries.find(
        (query) =>
          typeof query.id === 'string' &&
          query.id !== '' &&
          !this.unusable.has(query.id) &&
          USABLE.has(String(query.status)) &&
          query.displayName === body.displayName &&
          sameInstant(query.filterStartDateTime, body.filterStartDateTime) &&
          sameInstant(query.filterEndDateTime, body.filterEndDateTime) &&
          sameSet(query.operationFilters, body.operationFilters) &&
          sameSet(query.userPrincipalNameFilters, body.userPrincipalNameFilters),
      ) ?? null
    );
  }

  /** The query ended failed or cancelled, or Graph no longer knows it: never use it again. */
  discard(id: string): void {
    this.unusable.add(id);
  }

  /** The list is out of date: a creation may have reached Graph without its answer reaching us. */
  forget(): void {
    this.listed = null;
  }

  /** Every page of the list; a tenant that refuses the list simply has none to reuse. */
  private async list(context: CollectContext): Promise<QueryState[]> {
    const queries: QueryState[] = [];
    const followed = new Set<string>();
    try {
      for (let url: string | null = this.url; url !== null;) {
        const response = await context.graph.send({ method: 'GET', url }, context.signal);
        if (response.status !== 200) return queries;
        const body = JSON.parse(response.text) as unknown;
        const value = (body as { value?: unknown }).value;
        if (Array.isArray(value)) for (const query of value) queries.push(query as QueryState);
        url = nextLink(body, followed);
      }
    } catch (error) {
      if (!(error instanceof StepFailed || error instanceof SyntaxError)) throw error;
    }
    return queries;
  }
}

function sameInstant(value: unknown, iso: string): boolean {
  return typeof value === 'string' && Date.parse(value) === Date.parse(iso);
}

/** The same strings in any order and case (Graph may echo filters as it stores them). */
function sameSet(value: unknown, wanted: readonly string[]): boolean {
  if (!Array.isArray(value) || value.length !== wanted.length) return false;
  const have = new Set(value.map((item) => String(item).toLowerCase()));
  return wanted.every((item) => have.has(item.toLowerCase()));
}
