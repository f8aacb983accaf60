import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataLeadRules } from '../../src/analyze/index.js';
import type { ExposedMessage, Report } from '../../src/model/index.js';
import { completeOlderReport, redactSubjects } from '../../src/report/index.js';
import { renderPdf } from '../../src/report/pdf/index.js';
import { renderWorkbook } from '../../src/report/xlsx/index.js';
import { fixtureReport, readPdf, type PdfText } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'mailexposure-leads-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const PAYSLIPS = 'Salarisstroken oktober – vertrouwelijk';

/**
 * The fixture (whose payslip and IBAN subjects give leads) with an attachment name on the
 * payslip message and a keyword of the case's own.
 */
function withAttachment(locale: Report['case']['locale'] = 'en'): Report {
  const report = fixtureReport();
  report.case.locale = locale;
  report.case.sensitiveKeywords = { hr: ['13e maand'] };
  report.dataLeadRules = dataLeadRules(report.case.sensitiveKeywords);
  const index = report.messages.findIndex((message) => message.subject === PAYSLIPS);
  const message = report.messages[index] as ExposedMessage;
  report.messages[index] = {
    ...message,
    attachments: ['Loonstrook_oktober_JdV.pdf'],
    leads: [...message.leads, { category: 'hr', keyword: 'loonstro*', source: 'attachment' }],
  };
  return report;
}

function pageWith(read: PdfText, words: string): string {
  return read.pageTexts.find((page) => page.includes(words)) ?? '';
}

describe('leads on the kind of data in the PDF', () => {
  let english: PdfText;
  beforeAll(async () => {
    english = await readPdf(await renderPdf(withAttachment()));
  }, 120_000);

  it('marks the message under its subject, with the attachment names the evidence gives', () => {
    expect(english.text).toContain(
      `${PAYSLIPS} Attachments: Loonstrook_oktober_JdV.pdf Lead for review: HR and salary`,
    );
    expect(english.compact).toContain(
      'graagterugbellenoverIBAN-wijzigingLeadforreview:Financialandbankdetails',
    );
  });

  it('marks the people those messages name', () => {
    const people = pageWith(english, 'Data subjects Every person named');
    expect(people).toContain(
      'j.devries@kwizzy.nl Jeroen de Vries Lead for review: Financial and bank details; HR and salary',
    );
  });

  it('counts messages and people per kind of data, with the keywords that found them', () => {
    const section = pageWith(english, 'Keywords in the subjects');
    expect(section).toContain('These are leads for review, never findings');
    expect(section).toContain("with 1 of the case file's own (report.sensitiveKeywords)");
    expect(section).toContain(
      'Kind of data Messages People Keywords found Financial and bank details 1 2 iban* (1) HR and salary 1 1 loonstro* (1), salaris* (1)',
    );
  });

  it.each([
    [
      'nl',
      'Soort gegevens: aanwijzingen om na te gaan',
      'Bijlagen: Loonstrook_oktober_JdV.pdf Aanwijzing om na te gaan: Personeelszaken en salaris',
      'Financiële en bankgegevens 1 2 iban* (1)',
    ],
    [
      'de',
      'Art der Daten: Hinweise zur Prüfung',
      'Anhänge: Loonstrook_oktober_JdV.pdf Hinweis zur Prüfung: Personalwesen und Gehalt',
      'Finanz- und Bankdaten 1 2 iban* (1)',
    ],
  ] as const)(
    'words them in %s',
    async (locale, heading, under, row) => {
      const read = await readPdf(await renderPdf(withAttachment(locale)));
      expect(read.text).toContain(heading);
      expect(read.text).toContain(under);
      expect(read.text).toContain(row);
      expect(read.text).not.toContain('Lead for review');
    },
    120_000,
  );

  it('keeps the kind of data but not the keyword when subjects are withheld', async () => {
    const plain = withAttachment();
    const redacted = redactSubjects({ ...plain, case: { ...plain.case, redactSubjects: true } });
    const read = await readPdf(await renderPdf(redacted));
    const section = pageWith(read, 'Keywords in the subjects');
    expect(section).toContain('HR and salary 1 1 withheld with the subjects');
    for (const secret of ['salaris*', 'loonstro*', 'Loonstrook_oktober_JdV.pdf', PAYSLIPS]) {
      expect(read.text).not.toContain(secret);
    }
  }, 120_000);

  it('draws a report.json written before leads existed', async () => {
    const older = fixtureReport() as unknown as Record<string, unknown> & Report;
    delete (older as Partial<Report>).dataLeadRules;
    delete (older.summary as Partial<Report['summary']>).dataLeads;
    delete (older.case as Partial<Report['case']>).sensitiveKeywords;
    for (const message of older.messages) {
      delete (message as Partial<ExposedMessage>).leads;
      delete (message as Partial<ExposedMessage>).attachments;
    }
    const read = await readPdf(await renderPdf(completeOlderReport(older)));
    expect(read.text).toContain(
      'No subject or attachment name of an exposed message holds a keyword.',
    );
  }, 120_000);
});

describe('leads on the kind of data in the workbook', () => {
  async function workbookOf(report: Report, name: string): Promise<ExcelJS.Workbook> {
    const path = join(dir, name);
    await renderWorkbook(report, path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    return book;
  }

  function column(book: ExcelJS.Workbook, sheet: string, header: string): unknown[] {
    const worksheet = book.getWorksheet(sheet);
    if (worksheet === undefined) throw new Error(`no sheet ${sheet}`);
    const headers = worksheet.getRow(1).values as unknown[];
    const at = headers.indexOf(header);
    if (at < 1) throw new Error(`no column ${header} in ${sheet}`);
    const values: unknown[] = [];
    worksheet.eachRow((row, number) => {
      if (number > 1) values.push(row.getCell(at).value ?? null);
    });
    return values;
  }

  it('gives each message its attachments and leads, each person their kinds of data', async () => {
    const report = withAttachment();
    const book = await workbookOf(report, 'leads.xlsx');
    const at = report.messages.findIndex((message) => message.subject === PAYSLIPS);
    expect(column(book, 'Messages', 'Attachments')[at]).toBe('Loonstrook_oktober_JdV.pdf');
    expect(column(book, 'Messages', 'Leads for review')[at]).toBe(
      'HR and salary: salaris* in the subject\nHR and salary: loonstro* in an attachment name',
    );
    const person = report.dataSubjects.findIndex(
      (subject) => subject.address === 'j.devries@kwizzy.nl',
    );
    expect(column(book, 'Data subjects', 'Leads for review')[person]).toBe(
      'Financial and bank details\nHR and salary',
    );
  });

  it('lists every keyword with where it comes from and what it found', async () => {
    const report = withAttachment();
    const book = await workbookOf(report, 'keywords.xlsx');
    const keywords = column(book, 'Lead keywords', 'Keyword');
    const row = (keyword: string): unknown[] => {
      const at = keywords.indexOf(keyword);
      return ['Kind of data', 'Keyword', 'From', 'Messages'].map(
        (header) => column(book, 'Lead keywords', header)[at],
      );
    };
    expect(keywords).toHaveLength(
      report.dataLeadRules.reduce((total, rule) => total + rule.keywords.length, 0),
    );
    expect(row('salaris*')).toEqual(['HR and salary', 'salaris*', 'built in', 1]);
    expect(row('13e maand')).toEqual(['HR and salary', '13e maand', 'case file', 0]);
    expect(row('gehalt*')).toEqual(['HR and salary', 'gehalt*', 'built in', 0]);

    const redacted = await workbookOf(
      redactSubjects({ ...report, case: { ...report.case, redactSubjects: true } }),
      'redacted.xlsx',
    );
    const counts = column(redacted, 'Lead keywords', 'Messages');
    expect(counts.every((count) => count === null)).toBe(true);
    const at = report.messages.findIndex((message) => message.subject === PAYSLIPS);
    expect(column(redacted, 'Messages', 'Leads for review')[at]).toBe('HR and salary');
    expect(column(redacted, 'Messages', 'Attachments')[at]).toBeNull();
  });
});
