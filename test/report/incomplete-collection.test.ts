import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import type { Locale } from '../../src/report/format/index.js';
import { renderPdf } from '../../src/report/pdf/index.js';
import { fixtureReport, readPdf } from './fixture.js';

/** The fixture as a live collection left it: one mailbox's folders could not be listed. */
function collectedWithGap(locale: Locale): Report {
  const report = fixtureReport();
  report.case.locale = locale;
  report.collection = {
    tenantId: 'kwizzy.onmicrosoft.com',
    cloud: 'global',
    apiVersion: 'v1.0',
    operations: ['MailItemsAccessed'],
    chunks: [],
    runs: [],
    lookups: { lookedUp: 0, notFound: 0 },
    limitations: [],
    gaps: [
      {
        step: 'folders',
        part: { kind: 'mailbox', mailbox: 'm.kowalska@kwizzy.nl' },
        status: 403,
        code: 'ErrorAccessDenied',
        cause: 'mailbox-access',
        meaning: 'The app may not read this mailbox.',
        missing: 'The synced folders of m.kowalska@kwizzy.nl could not be listed.',
      },
    ],
    delegates: [],
    problems: [],
  };
  return report;
}

const LINES: [Locale, RegExp, string][] = [
  [
    'en',
    /The live collection left gaps, so these figures may be incomplete: see "Limitations" on page (\d+)/,
    'Limitations',
  ],
  [
    'nl',
    /De live verzameling heeft gaten, dus deze cijfers kunnen onvolledig zijn: zie "Beperkingen" op pagina (\d+)/,
    'Beperkingen',
  ],
  [
    'de',
    /Die Live-Erhebung hat Lücken, daher können diese Zahlen unvollständig sein: siehe "Grenzen" auf Seite (\d+)/,
    'Grenzen',
  ],
];

describe('page 1 of a report whose live collection left gaps', () => {
  it.each(LINES)(
    '(%s) says the figures may be incomplete and where the limitations are',
    async (locale, line, limitations) => {
      const pdf = await readPdf(await renderPdf(collectedWithGap(locale)));
      const [page1 = ''] = pdf.pageTexts;
      const page = Number(line.exec(page1)?.[1]);
      expect(page).toBeGreaterThan(1);
      expect(pdf.pageTexts[page - 1]).toContain(limitations);
    },
    120_000,
  );

  it('stands above the answer, and is not there when nothing is missing', async () => {
    const complete = collectedWithGap('en');
    complete.collection = complete.collection && { ...complete.collection, gaps: [] };
    const [page1 = ''] = (await readPdf(await renderPdf(collectedWithGap('en')))).pageTexts;
    // Right under the heading, before the answer it qualifies.
    expect(page1).toMatch(
      /Executive summary The live collection left gaps[^.]*\d+ The threat actor/,
    );
    for (const report of [complete, fixtureReport()]) {
      const [page1 = ''] = (await readPdf(await renderPdf(report))).pageTexts;
      expect(page1).toContain('Executive summary');
      expect(page1).not.toContain('left gaps');
    }
  }, 120_000);
});
