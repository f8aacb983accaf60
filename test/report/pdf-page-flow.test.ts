import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPdfContext } from '../../src/report/pdf/context.js';
import { documentDefinition } from '../../src/report/pdf/document.js';
import { renderDefinition, renderPdf } from '../../src/report/pdf/index.js';
import { dataTable, heading, keepWithNext, subheading } from '../../src/report/pdf/layout.js';
import { anchorHeadings } from '../../src/report/pdf/page-flow.js';
import type { Report } from '../../src/model/index.js';
import { fixtureReport, readPdf, type PdfText } from './fixture.js';

const HEADING = 'Heading under test';
const FIRST = 'first-row-marker';

/**
 * The report's own page set-up (header, footer, page-break rule, anchors) around a filler that ends
 * `filler` points down page 1, then a heading and what it introduces.
 */
function pageWith(
  filler: number,
  head: () => Content,
  body: () => Content,
  rule = true,
): TDocumentDefinitions {
  // Fresh nodes each time: pdfmake marks the nodes it has weighed for a page break.
  const definition = documentDefinition(createPdfContext(fixtureReport()));
  return {
    ...definition,
    ...(rule ? {} : { pageBreakBefore: undefined }),
    content: anchorHeadings([{ text: 'filler', margin: [0, filler, 0, 0] }, head(), body()]),
  };
}

/** 1-based page of the first page text holding `marker`. */
function pageOf(pdf: PdfText, marker: string): number {
  return pdf.pageTexts.findIndex((page) => page.includes(marker)) + 1;
}

const heads: [string, () => Content][] = [
  ['a section heading', () => heading(HEADING, 'heading-under-test')],
  ['a sub-heading', () => subheading(HEADING)],
  [
    'a section heading right above a sub-heading',
    () => [heading(HEADING, 'heading-under-test'), subheading('The sub-heading')],
  ],
];
const bodies: [string, () => Content][] = [
  [
    'a table',
    () =>
      dataTable(
        [
          { header: 'Mailbox', width: 120 },
          { header: 'What', width: '*' },
        ],
        [
          [FIRST, 'first row'],
          ['second', 'second row'],
        ],
      ),
  ],
  ['a paragraph', () => ({ text: `${FIRST} ${'and more words '.repeat(60)}`, style: 'paragraph' })],
];
// Filler heights from "the heading and its first lines fit" to "the heading itself does not".
const FILLERS = Array.from({ length: 14 }, (_, index) => 650 + index * 6);

describe.each(heads)('%s at the foot of a page', (_head, head) => {
  it.each(bodies)(
    'moves to the next page with %s that starts there',
    async (_body, body) => {
      let orphanedWithoutRule = 0;
      for (const filler of FILLERS) {
        const bare = await readPdf(await renderDefinition(pageWith(filler, head, body, false)));
        if (pageOf(bare, HEADING) < pageOf(bare, FIRST)) orphanedWithoutRule += 1;

        const pdf = await readPdf(await renderDefinition(pageWith(filler, head, body)));
        expect(pageOf(pdf, HEADING), `filler ${filler}`).toBeGreaterThan(0);
        expect(pageOf(pdf, HEADING), `filler ${filler}`).toBe(pageOf(pdf, FIRST));
      }
      // The fillers do put the heading alone at a page's foot when nothing keeps it there.
      expect(orphanedWithoutRule).toBeGreaterThan(0);
    },
    120_000,
  );
});

describe('a heading kept with its paragraph at the foot of a page', () => {
  it('moves with it, and neither is lost', async () => {
    for (const filler of FILLERS) {
      const kept = (): Content =>
        keepWithNext(heading(HEADING, 'heading-under-test'), [
          { text: `${FIRST} ${'and more words '.repeat(20)}`, style: 'paragraph' },
        ]);
      const pdf = await readPdf(await renderDefinition(pageWith(filler, kept, () => 'after')));
      expect(pageOf(pdf, FIRST), `filler ${filler}`).toBeGreaterThan(0);
      expect(pageOf(pdf, HEADING), `filler ${filler}`).toBe(pageOf(pdf, FIRST));
      expect(pdf.pages, `filler ${filler}`).toBeLessThanOrEqual(2);
    }
  }, 120_000);
});

describe('the orientation of each section', () => {
  let pdf: PdfText;
  const report = fixtureReport();

  beforeAll(async () => {
    pdf = await readPdf(await renderPdf(report));
  }, 120_000);

  /** The page a section starts on: the last page holding its heading (page 1 and the
   * contents name some sections too). */
  function sectionPage(title: string): number {
    const pages = pdf.pageTexts.flatMap((page, index) => (page.includes(title) ? [index + 1] : []));
    return pages.at(-1) ?? 0;
  }

  it('lays tables out wide and reading sections upright, each as it chooses', () => {
    const orientation = (title: string): string | undefined =>
      pdf.orientations[sectionPage(title) - 1];
    expect(orientation('Attacker sessions')).toBe('landscape');
    expect(orientation('What else the attacker did')).toBe('landscape');
    expect(orientation('Data subjects')).toBe('portrait');
    expect(orientation('Notification worksheet (GDPR Art. 33(3))')).toBe('portrait');
    expect(orientation('Appendix: Evidence')).toBe('landscape');
  });

  it('continues synchronised folders and throttling on the page of the attacker activity', () => {
    const hidden = sectionPage('Deleted and hidden mail');
    expect(hidden).toBeGreaterThan(0);
    expect(sectionPage('Synchronised folders')).toBe(hidden);
    expect(sectionPage('Windows without auditing (throttled)')).toBe(hidden);
    expect(pdf.orientations[hidden - 1]).toBe('landscape');
    // Both tables drawn whole: every folder and window row is there.
    const page = pdf.pageTexts[hidden - 1] ?? '';
    for (const folder of report.folders) expect(page).toContain(folder.path);
    expect(page.split('Yes: the whole mailbox').length - 1).toBe(
      report.throttledWindows.filter((window) => window.attributed).length,
    );
  });
});

describe('the contents', () => {
  /** The fixture with `extra` more synchronised folders: a sentence each on page 1 and 2. */
  function withFolders(extra: number): Report {
    const report = fixtureReport();
    const [folder] = report.folders;
    if (folder === undefined) throw new Error('the fixture report has folders');
    for (let index = 0; index < extra; index += 1) {
      report.folders.push({ ...folder, path: `\\Archief\\Map ${index}` });
    }
    return report;
  }

  // 3 more folders leave room for the contents below the summary; 4 and 6 do not.
  it.each([
    [3, 2],
    [4, 3],
    [6, 3],
  ])(
    'with %i more folders, start on page %i and end there',
    async (extra, page) => {
      const pdf = await readPdf(await renderPdf(withFolders(extra)));
      expect(pageOf(pdf, 'Contents')).toBe(page);
      // The summary ends on page 2 each time; the last entry of the contents is on their page.
      expect(pageOf(pdf, 'What these figures do not cover')).toBe(2);
      expect(pdf.pageTexts[page - 1]).toMatch(/Appendix: Audit records cited \d+/);
    },
    120_000,
  );
});
