import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../src/collect/index.js';
import { formatSeconds } from '../../src/collect/progress.js';
import { collectionGap } from '../../src/collect/step-failure.js';

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } };
}

const chunk = { start: '2026-10-01T00:00:00Z', end: '2026-10-02T00:00:00Z' };

describe('createProgressReporter', () => {
  it('writes plain lines when stderr is not a terminal', () => {
    const { written, stream } = recorder(false);
    const report = createProgressReporter(stream);
    report({ type: 'step-started', step: 'audit', total: 15, alreadyDone: 0 });
    report({ type: 'page-received', step: 'audit', records: 120 });
    report({ type: 'chunk-finished', chunk, records: 120, truncated: false });
    const lastSecond = { start: '2026-10-15T00:00:00Z', end: '2026-10-15T00:00:01Z' };
    report({ type: 'chunk-finished', chunk: lastSecond, records: 1, truncated: false });
    report({
      type: 'retrying',
      what: '/v1.0/$batch',
      status: 429,
      reason: 'throttled',
      asked: true,
      waitMs: 3000,
      attempt: 1,
    });
    report({
      type: 'retrying',
      what: '/v1.0/auditLogs/signIns',
      status: null,
      reason: 'network',
      asked: false,
      waitMs: 4000,
      attempt: 2,
    });
    report({ type: 'lookups-progressed', done: 1, total: 10, found: 1 });
    report({ type: 'lookups-progressed', done: 2, total: 10, found: 2 });
    expect(written).toEqual([
      'audit log chunks: 15 to do, 0 already saved\n',
      'audit 2026-10-01T00:00:00Z..2026-10-02T00:00:00Z: 120 records [1/15]\n',
      'audit 2026-10-15T00:00:00Z..2026-10-15T00:00:01Z: 1 record [2/15]\n',
      'throttled (429) on /v1.0/$batch: waiting 3.0 s as Graph asks (attempt 1)\n',
      'network error on /v1.0/auditLogs/signIns: trying again in 4.0 s (attempt 2)\n',
      'lookups: 1/10 (1 found)\n',
      'lookups: 2/10 (2 found)\n',
    ]);
  });

  it('keeps one status line up to date on a terminal', () => {
    const { written, stream } = recorder(true);
    const report = createProgressReporter(stream);
    report({ type: 'step-started', step: 'audit', total: 2, alreadyDone: 1 });
    report({ type: 'page-received', step: 'audit', records: 7 });
    report({
      type: 'retrying',
      what: '/x',
      status: 429,
      reason: 'throttled',
      asked: false,
      waitMs: 1500,
      attempt: 2,
    });
    expect(written.at(-1)).toBe(
      '\r\x1b[2Kchunks 1/2 · pages 1 · records 7 · retries 1 (1.5 s waited)',
    );
    expect(written.filter((text) => text.endsWith('\n'))).toEqual([
      'audit log chunks: 2 to do, 1 already saved\n',
    ]);
    // Anything but brief throttling is said on its own line at once, even on a terminal.
    report({
      type: 'retrying',
      what: '/y',
      status: 500,
      reason: 'unavailable',
      asked: false,
      waitMs: 2000,
      attempt: 1,
    });
    expect(written.at(-2)).toBe(
      '\r\x1b[2KGraph answered 500 on /y: trying again in 2.0 s (attempt 1)\n',
    );
  });

  it('says the first of chunks that fail alike, and the others in one line when the step ends', () => {
    const { written, stream } = recorder(false);
    const report = createProgressReporter(stream);
    const refused = {
      status: 403,
      code: 'Forbidden',
      cause: 'permission' as const,
      meaning: 'the app lacks AuditLogsQuery.Read.All',
    };
    const day = (date: string, next: string) =>
      collectionGap('audit', { kind: 'period', start: date, end: next }, refused);
    report({ type: 'step-started', step: 'audit', total: 4, alreadyDone: 0 });
    report({ type: 'gap', gap: day('2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z') });
    report({ type: 'gap', gap: day('2026-10-02T00:00:00Z', '2026-10-03T00:00:00Z') });
    report({ type: 'gap', gap: day('2026-10-03T00:00:00Z', '2026-10-04T00:00:00Z') });
    const unavailable = { ...refused, status: 503, code: null, cause: 'service-fault' as const };
    report({
      type: 'gap',
      gap: collectionGap(
        'audit',
        { kind: 'period', start: '2026-10-04T00:00:00Z', end: '2026-10-05T00:00:00Z' },
        { ...unavailable, meaning: 'the audit search kept failing' },
      ),
    });
    report({ type: 'step-finished', step: 'audit' });

    expect(written).toHaveLength(5);
    expect(written[1]).toContain('audit log chunks: ');
    expect(written[1]).toContain('(403 Forbidden: the app lacks AuditLogsQuery.Read.All)');
    expect(written[2]).toBe(
      'audit log chunks: 2 more failed alike (403 Forbidden: the app lacks AuditLogsQuery.Read.All); the collection goes on without them\n',
    );
    expect(written[3]).toContain('(503: the audit search kept failing)');
    expect(written[4]).toBe('audit log chunks: done\n');
  });

  it('says how long a long wait is in minutes', () => {
    expect(formatSeconds(192_000)).toBe('3 min 12 s');
    expect(formatSeconds(300_000)).toBe('5 min');
  });
});
