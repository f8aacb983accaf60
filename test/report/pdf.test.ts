import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { createZonedTime } from '../../src/report/format/index.js';
import { renderPdf } from '../../src/report/pdf/index.js';
import { fixtureReport, readPdf, type PdfText } from './fixture.js';

const report = fixtureReport();
let pdf: Buffer;
let read: PdfText;

function subjectMatching(pattern: RegExp): string {
  const subject = report.messages.find((message) => pattern.test(message.subject ?? ''))?.subject;
  if (subject == null) throw new Error(`fixture has no subject matching ${pattern}`);
  return subject;
}

// The first render in a process warms up font parsing and shaping: several seconds here.
beforeAll(async () => {
  pdf = await renderPdf(report);
  read = await readPdf(pdf);
}, 120_000);

describe('renderPdf', () => {
  it('states the summary figures in words on page 1', async () => {
    const document = await readPdf(pdf);
    const { summary } = report;
    expect(document.text).toContain(`opened ${summary.confirmedMessages} messages`);
    expect(document.text).toContain(`A further ${summary.presumedMessages} messages`);
    expect(document.text).toContain(
      `These messages name ${summary.dataSubjects} people (data subjects) by e-mail address: ` +
        `${summary.internalDataSubjects} at ${report.case.organization} and ` +
        `${summary.externalDataSubjects} outside it.`,
    );
    const zoned = createZonedTime(report.case.timezone, 'en');
    expect(document.text).toContain(zoned.dateTime(summary.firstAttackerAccess ?? ''));
    expect(document.text).toContain(zoned.dateTime(summary.lastAttackerAccess ?? ''));
  });

  it('names the case time zone with the UTC offset', () => {
    expect(read.text).toContain(report.case.timezone);
    expect(read.text).toMatch(/UTC\+02:00/);
  });

  it('draws Japanese, Greek, Polish, Cyrillic, Chinese and Korean subjects as text', () => {
    for (const pattern of [
      /[\u3040-\u30ff]/u,
      /\p{Script=Greek}/u,
      /ż/u,
      /\p{Script=Cyrillic}/u,
      /^[\p{Script=Han}]+$/u,
      /\p{Script=Hangul}/u,
    ]) {
      expect(read.text).toContain(subjectMatching(pattern));
    }
  });

  it('keeps the words of a Hebrew subject readable', () => {
    const hebrew = subjectMatching(/\p{Script=Hebrew}/u);
    for (const word of hebrew.split(' ').filter((w) => /\p{Script=Hebrew}/u.test(w))) {
      expect(read.text).toContain(word);
    }
  });

  it('lists every exposed message and cites its audit records', () => {
    for (const message of report.messages.filter((m) => m.subject === null)) {
      expect(read.compact).toContain(message.internetMessageId);
    }
    for (const record of report.auditRecords) expect(read.compact).toContain(record.id);
    for (const input of report.inputs) expect(read.compact).toContain(input.sha256);
    expect(read.compact).toContain(report.case.caseFileSha256);
  });

  it('states the limits of the audit log in its limitations', () => {
    expect(read.text).toContain('Access that is not logged');
    expect(read.text).toMatch(/EWS, eDiscovery exports or some search results/);
    expect(read.text).toContain('One-hour de-duplication');
  });

  it('has a table of contents, page numbers and a header', () => {
    expect(read.text).toContain('Contents');
    expect(read.text).toContain(`Page 1 of ${read.pages}`);
    expect(read.text).toContain(`Page ${read.pages} of ${read.pages}`);
    expect(read.text).toContain(report.case.classification ?? '');
  });

  it('sets the document metadata from the report, with generatedAt as the only clock', () => {
    expect(read.info.Title).toBe(`${report.case.id} — ${report.case.title}`);
    expect(read.info.Author).toBe(report.case.preparedBy);
    const stamp = report.generatedAt.replace(/[-:]/g, '').replace('T', '').replace('Z', '');
    expect(String(read.info.CreationDate)).toContain(stamp);
    expect(String(read.info.ModDate)).toContain(stamp);
  });

  it('gives the same bytes for the same report', async () => {
    expect((await renderPdf(report)).equals(pdf)).toBe(true);
  });

  it('caps the message table and says where the full list is', async () => {
    const capped: Report = { ...report, case: { ...report.case, pdfMessageLimit: 3 } };
    const document = await readPdf(await renderPdf(capped));
    expect(document.text).toContain(`first 3 of ${report.messages.length} exposed messages`);
    expect(document.text).toContain('sheet "Messages"');
    const fourth = report.messages[3]?.subject ?? '';
    expect(document.text).not.toContain(fourth);
  });

  it('withholds subjects when the case redacts them', async () => {
    const redacted: Report = { ...report, case: { ...report.case, redactSubjects: true } };
    const document = await readPdf(await renderPdf(redacted));
    expect(document.text).toContain('[subject withheld]');
    expect(document.text).not.toContain(subjectMatching(/ż/u));
    expect(document.text).not.toContain(subjectMatching(/[\u3040-\u30ff]/u));
  });

  it.each([
    ['nl', 'Samenvatting'],
    ['de', 'Zusammenfassung'],
  ])('writes the prose in the case locale %s', async (locale, heading) => {
    const localized: Report = { ...report, case: { ...report.case, locale } };
    const document = await readPdf(await renderPdf(localized));
    expect(document.text).toContain(heading);
  });
});
