import type { FaultPlan } from './fault-plan.js';
import { noFaults } from './fault-plan.js';
import type { TenantData } from './tenant.js';
import type { TestPki } from './tls.js';

/** Page sizes used when a request gives no `$top`. */
export interface PageSizes {
  auditRecords: number;
  messages: number;
  mailFolders: number;
  signIns: number;
  messageTraces: number;
}

export interface EmulatorOptions {
  tenant: TenantData;
  /** Certificates; defaults to the ones the vitest global setup made (testPkiFromEnv). */
  pki?: TestPki;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Share (0..1) of Graph requests, top-level and inner `$batch`, answered 429 or 503. */
  failureRate?: number;
  /** Seed of the fault PRNG: the same seed and request order give the same faults. */
  faultSeed?: number;
  /** `Retry-After` (seconds) on injected 429/503 and on MailboxConcurrency 429s. */
  retryAfterSeconds?: number;
  /** Delay before every Graph request is answered; a mailbox request holds its slot meanwhile. */
  latencyMs?: number;
  /** Concurrent requests per mailbox beyond which Outlook answers 429 (Microsoft: 4). */
  mailboxConcurrencyLimit?: number;
  /** Inner requests of one `$batch` run at most this many at a time (Microsoft: 4). */
  batchParallelism?: number;
  /** Polls of `GET queries/{id}` answered `notStarted`, then `running`, before `succeeded`. */
  auditQueryPolls?: { notStarted: number; running: number };
  /** Records one audit query may return; beyond it the query sets isRecordCountLimitExceeded. */
  auditRecordLimit?: number;
  /** The first N audit queries created end in status `failed`. */
  auditQueryFailures?: number;
  /** Casing of `auditLogRecordType` (documented: camel, `exchangeItemAggregated`). */
  recordTypeCasing?: 'camel' | 'pascal';
  pageSizes?: Partial<PageSizes>;
  /** Device code flow: `authorization_pending` answers before the token, and the poll interval. */
  deviceCode?: { pendingPolls?: number; intervalSeconds?: number; userPrincipalName?: string };
  tokenLifetimeSeconds?: number;
  /** Fixed current time (ISO) for message-trace date limits; defaults to the clock. */
  now?: string;
  /**
   * The emulator's clock in ms, for a test whose collection runs on virtual time: message-trace
   * date limits and the quota windows follow it. Takes precedence over `now`.
   */
  clock?: () => number;
  /**
   * Refusals and faults of a real tenant; the object is used live (change it while the
   * emulator runs; `emulator.faults` is the same object).
   */
  faults?: FaultPlan;
}

export type ResolvedOptions = Required<
  Omit<EmulatorOptions, 'now' | 'clock' | 'pageSizes' | 'deviceCode' | 'faults'>
> & {
  faults: FaultPlan;
  now: () => Date;
  pageSizes: PageSizes;
  deviceCode: { pendingPolls: number; intervalSeconds: number; userPrincipalName: string };
};

const DEFAULT_PAGE_SIZES: PageSizes = {
  auditRecords: 150,
  messages: 10,
  mailFolders: 10,
  signIns: 1000,
  messageTraces: 1000,
};

export function resolveOptions(options: EmulatorOptions, pki: TestPki): ResolvedOptions {
  const fixedNow = options.now;
  const clock = options.clock;
  const firstMailbox =
    Object.keys(options.tenant.mailboxes)[0] ?? `user@${options.tenant.tenantId}`;
  return {
    tenant: options.tenant,
    pki,
    port: options.port ?? 0,
    failureRate: options.failureRate ?? 0,
    faultSeed: options.faultSeed ?? 1,
    retryAfterSeconds: options.retryAfterSeconds ?? 1,
    latencyMs: options.latencyMs ?? 0,
    mailboxConcurrencyLimit: options.mailboxConcurrencyLimit ?? 4,
    batchParallelism: options.batchParallelism ?? 4,
    auditQueryPolls: options.auditQueryPolls ?? { notStarted: 1, running: 2 },
    auditRecordLimit: options.auditRecordLimit ?? 1_000_000,
    auditQueryFailures: options.auditQueryFailures ?? 0,
    recordTypeCasing: options.recordTypeCasing ?? 'camel',
    pageSizes: { ...DEFAULT_PAGE_SIZES, ...options.pageSizes },
    deviceCode: {
      pendingPolls: options.deviceCode?.pendingPolls ?? 2,
      intervalSeconds: options.deviceCode?.intervalSeconds ?? 5,
      userPrincipalName: options.deviceCode?.userPrincipalName ?? firstMailbox,
    },
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    faults: options.faults ?? noFaults(),
    now:
      clock !== undefined
        ? () => new Date(clock())
        : fixedNow === undefined
          ? () => new Date()
          : () => new Date(fixedNow),
  };
}
