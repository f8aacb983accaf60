import { describe, expect, it } from 'vitest';
import { noActivity } from '../../src/model/index.js';
import { LOCALES, createReportText, createZonedTime } from '../../src/report/format/index.js';
import { glyphAdvance } from '../../src/report/pdf/fonts.js';
import { timelineSvg } from '../../src/report/pdf/timeline-chart.js';
import { fixtureReport } from './fixture.js';

const labels = {
  forwarded: 'forwarded',
  activity: 'activity',
  confirmed: 'confirmed',
  presumed: 'presumed',
  throttled: 'throttled',
  axis: 'messages',
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
    report.activity = noActivity();
    const chart = timelineSvg(report, createZonedTime('Europe/Amsterdam', 'en'), labels);
    expect(chart?.hourly).toBe(true);
    expect(chart?.svg).toContain('<svg');
  });

  it('draws forwarded messages in their own colour and the other activity on the same axis', () => {
    const report = fixtureReport();
    const [message] = report.messages;
    if (message === undefined) throw new Error('the fixture report has messages');
    report.messages = [{ ...message, exposure: 'forwarded' }];
    report.activity = noActivity();
    const zoned = createZonedTime('Europe/Amsterdam', 'en');
    const without = timelineSvg(report, zoned, labels)?.svg ?? '';
    expect(without).toContain('fill="#4a148c"');
    expect(without.match(/<path /g)).toHaveLength(1); // the legend's marker only
    report.activity.searches = [
      {
        mailbox: message.mailbox,
        searchedAt: message.firstAccess,
        queryText: 'IBAN',
        querySource: 'OWA',
        sessions: [],
        clientIp: null,
        auditRecordIds: [],
      },
    ];
    expect(timelineSvg(report, zoned, labels)?.svg.match(/<path /g)).toHaveLength(2);
  });
});

describe("the timeline's count axes", () => {
  it('marks each lane from 0 to the highest bar, on one scale for all mailboxes', () => {
    const report = fixtureReport();
    const chart = timelineSvg(report, createZonedTime('Europe/Amsterdam', 'en'), labels)?.svg ?? '';
    const ticks = [...chart.matchAll(/font-size="5.5" text-anchor="end">(\d+)</g)].map((match) =>
      Number(match[1]),
    );
    const lanes = new Set(report.messages.map((message) => message.mailbox)).size;
    // The fixture's highest bar holds 4 messages: 0, 2 and 4 on each lane's axis.
    expect(ticks).toEqual(Array.from({ length: lanes }, () => [0, 2, 4]).flat());
    expect(chart).toContain('>messages</text>');
  });
});

describe("the timeline's legend", () => {
  it.each(LOCALES)('(%s) ends every label inside the drawing', (locale) => {
    const report = fixtureReport();
    report.case.locale = locale;
    const text = createReportText(report);
    const label = (key: string): string => text.label(key);
    const chart =
      timelineSvg(report, createZonedTime('Europe/Amsterdam', locale), {
        forwarded: label('exposure.forwarded'),
        activity: label('timelineActivity'),
        confirmed: label('exposure.confirmed'),
        presumed: label('exposure.presumed'),
        throttled: label('throttledWindow'),
        axis: label('chartAxis'),
      })?.svg ?? '';
    const width = Number(/<svg [^>]*width="(\d+)"/.exec(chart)?.[1]);
    const labels = [
      ...chart.matchAll(/<text x="([\d.]+)" [^>]*font-size="7" text-anchor="start">([^<]*)</g),
    ];
    expect(labels.map((match) => match[2])).toContain(label('timelineActivity'));
    for (const [, x = '0', text = ''] of labels) {
      let advance = 0;
      for (const char of text) advance += glyphAdvance('Roboto', char.codePointAt(0) ?? 0);
      expect(Number(x) + advance * 7, text).toBeLessThanOrEqual(width);
    }
  });
});
