import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/report/pdf/index.js';
import { fixtureReport, readPdf, type PdfText } from './fixture.js';
import { hostileReport } from './hostile-report.js';

const CUT_NOTE = '[cut here: the full text is in the workbook and report.json]';

describe.each([
  ['3,000 characters with spaces', 'lorem ipsum dolor '.repeat(167)],
  ['3,000 characters without a space', 'x'.repeat(3_000)],
  ['100,000 characters without a space', 'y'.repeat(100_000)],
  ['2,000 combining marks', `a${'\u0301'.repeat(2_000)}`],
  ['3,000 wide characters', 'W'.repeat(3_000)],
  ['1,000 CJK and Arabic ligatures', '会議\ufdfd'.repeat(333)],
  ['500 lines', 'line\n'.repeat(500)],
])('a PDF whose every table has a cell of %s', (_name, filler) => {
  const { report, rows } = hostileReport(filler);
  let pdf: PdfText;

  beforeAll(async () => {
    pdf = await readPdf(await renderPdf(report));
  }, 120_000);

  it.each(Object.entries(rows))('draws every row of the %s table', (_table, markers) => {
    expect(markers.length).toBeGreaterThan(0);
    expect(markers.filter((marker) => !pdf.compact.includes(marker))).toEqual([]);
  });

  it('says where each cut text is in full', () => {
    expect(pdf.text).toContain(CUT_NOTE);
  });
});

describe('text the PDF cannot draw as it is', () => {
  it('shows control characters and direction overrides by their code', async () => {
    const report = fixtureReport();
    const [first] = report.messages;
    if (first === undefined) throw new Error('fixture has no messages');
    first.subject = 'Invoice\u0000 2026\u0007 for invoice\u202Efdp.exe';
    const pdf = await readPdf(await renderPdf(report));
    expect(pdf.text).toContain('Invoice[U+0000] 2026[U+0007] for invoice[U+202E]fdp.exe');
  }, 60_000);

  it('cuts nothing in an ordinary report', async () => {
    const pdf = await readPdf(await renderPdf(fixtureReport()));
    expect(pdf.text).not.toContain(CUT_NOTE);
  }, 60_000);
});
