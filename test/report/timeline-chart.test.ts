import { describe, expect, it } from 'vitest';
import { createZonedTime } from '../../src/report/format/index.js';
import { timelineSvg } from '../../src/report/pdf/timeline-chart.js';
import { fixtureReport } from './fixture.js';

const labels = {
  confirmed: 'confirmed',
  presumed: 'presumed',
  throttled: 'throttled',
  peak: (count: number) => `${count} messages`,
};

describe('the PDF timeline', () => {
  it('charts 200,000 exposed messages (a spread of their times overflowed the call stack)', () => {
    const report = fixtureReport();
    const [message] = report.messages;
    if (message === undefined) throw new Error('the fixture report has messages');
    const start = Date.parse('2026-10-03T08:00:00Z');
    report.messages = Array.from({ length: 200_000 }, (_, index) => ({
      ...message,
      internetMessageId: `m${index}@example.org`,
      firstAccess: new Date(start + index * 1000).toISOString(),
    }));
    report.throttledWindows = [];
    const chart = timelineSvg(report, createZonedTime('Europe/Amsterdam', 'en'), labels);
    expect(chart?.hourly).toBe(true);
    expect(chart?.svg).toContain('<svg');
  });
});
