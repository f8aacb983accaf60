import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CollectEvent } from '../../src/collect/index.js';
import type { CaseFile } from '../../src/model/index.js';
import { collectAndAnalyze } from '../../src/pipeline/index.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { noFaults } from '../emulator/fault-plan.js';
import { tempDir } from './case-fixture.js';
import { FAULT, faultCase, faultOptions, faultTenant } from './fault-tenant.js';

/**
 * Service faults and quotas, each end to end against the emulator: the collection completes,
 * the report says what is missing, and once the fault clears a second run fills the gap
 * without asking for anything it already has. The clock is virtual: waits cost nothing.
 */
const TENANT = faultTenant();
/** Three chunks of a day; at 4 records a page, each has two pages. */
const CHUNKS = 3;

describe('live collection through service faults', () => {
  let emulator: RunningEmulator;
  /** The clock of the run under way: the emulator's follows it. */
  let clock = () => Date.parse(FAULT.now);

  beforeAll(async () => {
    emulator = await startEmulator({
      tenant: TENANT,
      clock: () => clock(),
      auditQueryPolls: { notStarted: 0, running: 1 },
      pageSizes: { auditRecords: 4 },
    });
  });

  beforeEach(() => {
    Object.assign(emulator.faults, noFaults());
  });

  afterAll(async () => {
    await emulator.stop();
  });

  let collections = 0;

  /**
   * A collection into a new evidence folder, under its own case id (so the emulator's queries
   * of another test are not found by display name); `run()` collects (again) and reports.
   */
  async function collection() {
    collections += 1;
    const base = faultCase(await tempDir(), emulator.url);
    const caseFile = { ...base, case: { ...base.case, id: `BEC-FAULT-${collections}` } };
    const events: CollectEvent[] = [];
    const run = async () => {
      const virtual = faultOptions();
      clock = virtual.clock;
      const before = structuredClone(emulator.stats);
      const report = await collectAndAnalyze(caseFile, {
        generatedAt: FAULT.now,
        progress: () => undefined,
        collect: { ...virtual.options, onProgress: (event) => events.push(event) },
      });
      return { report, requests: difference(emulator.stats.requests, before.requests) };
    };
    return { caseFile, events, run };
  }

  it('resumes record pages after the page Graph kept answering 500, not from page one', async () => {
    emulator.faults.audit.failingPages = [{ page: 2, times: 99, fault: '500' }];
    const { caseFile, run } = await collection();
    const first = await run();
    expect(
      first.report.collection?.gaps.map((gap) => [gap.step, gap.part.kind, gap.status]),
    ).toEqual([['audit', 'period', 500]]);
    // The chunks failed alike one after another: one period, one problem, over the window.
    expect(first.report.collection?.gaps[0]?.part).toEqual({
      kind: 'period',
      start: caseFile.window.start,
      end: '2026-10-04T00:00:00Z',
    });
    expect(first.report.collection?.problems.map((problem) => problem.code)).toEqual([
      'audit-not-collected',
    ]);
    // The sign-ins and the rest were collected all the same.
    expect(first.report.collection?.runs.map((entry) => entry.outcome)).toEqual([
      'incomplete',
      'complete',
    ]);

    emulator.faults.audit.failingPages = [];
    const second = await run();
    expect(second.report.collection?.gaps).toEqual([]);
    // One poll per chunk and its second page: no new query, no first page again.
    expect(second.requests).toMatchObject({
      'GET /security/auditLog/queries/{id}': CHUNKS,
      'GET /security/auditLog/queries/{id}/records': CHUNKS,
    });
    expect(second.requests['POST /security/auditLog/queries']).toBeUndefined();
    expect(second.requests['GET /auditLogs/signIns']).toBeUndefined();
    expect(await collectedIds(caseFile)).toEqual(inWindowIds());
  });

  it('asks again for a page cut off mid-record, and resumes there when it stays cut off', async () => {
    emulator.faults.audit.failingPages = [{ page: 2, times: 2, fault: 'cut-off' }];
    const { caseFile, events, run } = await collection();
    const passing = await run();
    expect(passing.report.collection?.gaps).toEqual([]);
    expect(
      events.filter((event) => event.type === 'retrying' && event.reason === 'malformed'),
    ).toHaveLength(2 * CHUNKS);
    expect(await collectedIds(caseFile)).toEqual(inWindowIds());

    emulator.faults.audit.failingPages = [{ page: 2, times: 99, fault: 'cut-off' }];
    const other = await collection();
    const cut = await other.run();
    expect(cut.report.collection?.gaps.map((gap) => [gap.cause, gap.status])).toEqual([
      ['malformed', 200],
    ]);
    expect(cut.report.collection?.gaps[0]?.meaning).toMatch(
      new RegExp(`cut off or holds no value array, and alike for ${CHUNKS - 1} more periods$`),
    );
    emulator.faults.audit.failingPages = [];
    const filled = await other.run();
    expect(filled.report.collection?.gaps).toEqual([]);
    expect(filled.requests['GET /security/auditLog/queries/{id}/records']).toBe(CHUNKS);
    expect(await collectedIds(other.caseFile)).toEqual(inWindowIds());
  });

  it('creates a query again when Graph cancels it', async () => {
    emulator.faults.audit.cancel = 2;
    const { caseFile, run } = await collection();
    const { report, requests } = await run();
    expect(report.collection?.gaps).toEqual([]);
    expect(requests['POST /security/auditLog/queries']).toBe(CHUNKS + 2);
    expect(await collectedIds(caseFile)).toEqual(inWindowIds());
  });

  it('finds a query whose creation answer was lost instead of creating it twice', async () => {
    emulator.faults.audit.lostCreations = 2;
    const { caseFile, run } = await collection();
    const { report, requests } = await run();
    expect(report.collection?.gaps).toEqual([]);
    // Each chunk's query was created once: the two lost answers were found in the list.
    expect(requests['POST /security/auditLog/queries']).toBe(CHUNKS);
    expect(requests['GET /security/auditLog/queries']).toBeGreaterThanOrEqual(2);
    expect(await collectedIds(caseFile)).toEqual(inWindowIds());
  });

  it("waits out the tenant's query quota as Graph says, and says so", async () => {
    emulator.faults.audit.quota = { queries: 2, windowMs: 3_600_000 };
    const { caseFile, events, run } = await collection();
    const { report, requests } = await run();
    expect(report.collection?.gaps).toEqual([]);
    expect(requests['POST /security/auditLog/queries']).toBeGreaterThan(CHUNKS);
    const waits = events.filter(
      (event): event is Extract<CollectEvent, { type: 'retrying' }> =>
        event.type === 'retrying' && event.what.endsWith('/security/auditLog/queries'),
    );
    expect(waits[0]).toMatchObject({ reason: 'throttled', status: 429, asked: true });
    expect(waits[0]?.waitMs).toBeGreaterThan(3_000_000);
    expect(await collectedIds(caseFile)).toEqual(inWindowIds());
  });

  it('follows a next link written HTTPS://LOCALHOST:… to the Graph host, token and all', async () => {
    emulator.faults.upperCaseNextLinks = true;
    const { caseFile, run } = await collection();
    const { report } = await run();
    expect(report.collection?.gaps).toEqual([]);
    expect(await collectedIds(caseFile)).toEqual(inWindowIds());
    expect(emulator.stats.faults.unauthorized).toBe(0);
  });

  it('goes on when $batch fails for good, and looks the messages up once it works again', async () => {
    emulator.faults.batch = { failures: 999, status: 500, innerThrottles: 0 };
    const { run } = await collection();
    const first = await run();
    expect(
      first.report.collection?.gaps.map((gap) => [gap.step, gap.part, gap.status, gap.cause]),
    ).toEqual([
      ['lookups', { kind: 'mailbox', mailbox: FAULT.lead }, 500, 'service-fault'],
      ['lookups', { kind: 'mailbox', mailbox: FAULT.dev }, 500, 'service-fault'],
    ]);
    // Message trace was still asked: the message only it knows has its metadata.
    const traced = first.report.messages.find(
      (message) => message.internetMessageId === 'traced-only@example.org',
    );
    expect(traced?.metadataSource).toBe('graph-message-trace');

    emulator.faults.batch = { failures: 0, status: 500, innerThrottles: 0 };
    const second = await run();
    expect(second.report.collection?.gaps).toEqual([]);
    const others = second.report.messages.filter(
      (message) => message.internetMessageId !== 'traced-only@example.org',
    );
    expect(others.length).toBeGreaterThan(20);
    for (const message of others) {
      expect(['graph-mailbox', 'graph-recoverable']).toContain(message.metadataSource);
    }
    // The traced message is not asked for again, in message trace or anywhere.
    expect(second.requests['GET /admin/exchange/tracing/messageTraces']).toBeUndefined();
  });

  it('retries an outer $batch that fails now and then, and inner 429s without Retry-After', async () => {
    emulator.faults.batch = { failures: 2, status: 503, innerThrottles: 12 };
    const { events, run } = await collection();
    const { report } = await run();
    expect(report.collection?.gaps).toEqual([]);
    expect(report.messages.filter((message) => message.sender === null)).toEqual([]);
    const inner = events.filter(
      (event): event is Extract<CollectEvent, { type: 'retrying' }> =>
        event.type === 'retrying' && event.what === '$batch item',
    );
    expect(inner).toHaveLength(12);
    // Without Retry-After, the waits grow from 2 s.
    expect(inner.every((event) => !event.asked && event.waitMs >= 2_000)).toBe(true);
  });
});

/** Ids of the audit records the case window holds, as the collection must save them once. */
function inWindowIds(): string[] {
  return TENANT.auditRecords
    .filter((record) => `${String(record.CreationTime)}Z` <= FAULT.window.end)
    .map((record) => String(record.Id))
    .sort();
}

async function collectedIds(caseFile: CaseFile): Promise<string[]> {
  const dir = join(caseFile.output, 'evidence', 'audit');
  const ids: string[] = [];
  for (const name of (await readdir(dir)).filter((file) => file.endsWith('.ndjson'))) {
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) {
      if (line !== '') ids.push((JSON.parse(line) as { id: string }).id);
    }
  }
  return ids.sort();
}

function difference(after: Record<string, number>, before: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(after)
      .map(([key, value]) => [key, value - (before[key] ?? 0)] as const)
      .filter(([, value]) => value > 0),
  );
}
