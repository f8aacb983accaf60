import { describe, expect, it } from 'vitest';
import { createProgressReporter, type CollectEvent } from '../../src/collect/index.js';
import { collectAndAnalyze } from '../../src/pipeline/index.js';
import { noFaults } from '../emulator/fault-plan.js';
import { startEmulator } from '../emulator/index.js';
import { tempDir } from './case-fixture.js';
import { FAULT, faultCase, faultOptions, faultTenant } from './fault-tenant.js';

/**
 * Graph message trace allows 100 requests per 5 minutes per tenant, and a message no mailbox
 * holds costs up to nine 10-day slices. 15 such messages need 120 requests: the collection
 * spends them within the limit, saying how long it waits, on a virtual clock.
 */
const GHOSTS = 15;
/** From the ghosts' first read back to the trace's 90-day reach: 8 slices of 10 days. */
const SLICES = 8;
const TRACES = 'GET /admin/exchange/tracing/messageTraces';

async function collectWithTraceLimit(requests: number) {
  const { options, clock } = faultOptions();
  // The clock moves when a wait ends, not as it begins: the other workers ask for their next
  // request meanwhile, as they do on a real clock.
  const timing = options.timing;
  if (timing?.sleep !== undefined) {
    const virtualSleep = timing.sleep;
    timing.sleep = async (ms, signal) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await virtualSleep(ms, signal);
    };
  }
  const emulator = await startEmulator({
    tenant: faultTenant(3, GHOSTS),
    clock,
    auditQueryPolls: { notStarted: 0, running: 0 },
    faults: { ...noFaults(), messageTraceRate: { requests, windowMs: 300_000 } },
  });
  const events: CollectEvent[] = [];
  const printed: string[] = [];
  const progress = createProgressReporter({ write: (text: string) => printed.push(text) });
  try {
    const report = await collectAndAnalyze(faultCase(await tempDir(), emulator.url), {
      generatedAt: FAULT.now,
      progress: () => undefined,
      collect: {
        ...options,
        onProgress: (event) => {
          events.push(event);
          progress(event);
        },
      },
    });
    return { report, events, printed, stats: structuredClone(emulator.stats) };
  } finally {
    await emulator.stop();
  }
}

describe('message trace within the tenant limit', () => {
  it('spends at most 100 requests per 5 minutes, says how long it waits, and is never refused', async () => {
    const { report, events, printed, stats } = await collectWithTraceLimit(100);
    expect(stats.requests[TRACES]).toBe(GHOSTS * SLICES + 1);
    expect(stats.faults.quota).toBe(0);
    const waits = events.filter(
      (event): event is Extract<CollectEvent, { type: 'budget-wait' }> =>
        event.type === 'budget-wait',
    );
    // 121 requests at 100 per 5 minutes: one wait, said once, though four workers wait on it.
    expect(waits).toHaveLength(1);
    for (const wait of waits) {
      expect(wait).toMatchObject({ what: 'message trace', limit: 100, windowMs: 300_000 });
      expect(wait.waitMs).toBeGreaterThan(0);
      expect(wait.waitMs).toBeLessThanOrEqual(300_000);
    }
    const said = printed
      .join('')
      .split('\n')
      .filter((line) => line.includes('requests in 5 min used'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      /message trace: 100 requests in 5 min used \(the tenant's limit\); waiting [\d. a-z]+ for the next/,
    );
    expect(report.collection?.gaps).toEqual([]);
    const ghost = report.messages.find(
      (message) => message.internetMessageId === 'ghost-0@kwizzy.nl',
    );
    expect(ghost?.unresolvedReason).toMatch(
      /not found in message trace 2026-07-2\dT[\d:]+Z\.\.2026-10-03T18:00:01Z/,
    );
    // The message only message trace knows was found in its first slice.
    const traced = report.messages.find(
      (message) => message.internetMessageId === 'traced-only@example.org',
    );
    expect(traced?.metadataSource).toBe('graph-message-trace');
  });

  it('waits out a limit another tool has already spent, as Graph says (429 with Retry-After)', async () => {
    const { report, events, stats } = await collectWithTraceLimit(20);
    expect(stats.faults.quota).toBeGreaterThan(0);
    const refusedThenWaited = events.filter(
      (event) =>
        event.type === 'retrying' &&
        event.what.endsWith('/messageTraces') &&
        event.status === 429 &&
        event.asked,
    );
    expect(refusedThenWaited.length).toBe(stats.faults.quota);
    expect(report.collection?.gaps).toEqual([]);
    expect(stats.requests[TRACES]).toBe(GHOSTS * SLICES + 1 + stats.faults.quota);
  });
});
