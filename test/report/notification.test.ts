import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { renderPdf } from '../../src/report/pdf/index.js';
import { renderWorkbook } from '../../src/report/xlsx/index.js';
import { fixtureReport, readPdf, type PdfText } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'mailexposure-notification-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const report = fixtureReport();

/** The worksheet's text: from its heading to the next section. */
function worksheet(read: PdfText, heading: string, next: string): string {
  const start = read.text.lastIndexOf(heading);
  expect(start).toBeGreaterThan(0);
  return read.text.slice(start, read.text.indexOf(next, start));
}

describe('the notification worksheet (GDPR Art. 33(3)) in the PDF', () => {
  let section: string;
  beforeAll(async () => {
    const read = await readPdf(await renderPdf(report));
    section = worksheet(read, 'Notification worksheet (GDPR Art. 33(3))', 'Method Inputs.');
  }, 120_000);

  it('prefills the nature and period of the breach from the analysis', () => {
    expect(section).toContain(
      'Nature of the breach Unauthorised access to e-mail (a breach of confidentiality): an attacker signed in to 3 mailboxes of Kwizzy B.V. (ap@kwizzy.nl, finance.lead@kwizzy.nl, j.devries@kwizzy.nl) in 3 sessions',
    );
    expect(section).toContain('In the name of finance.lead@kwizzy.nl the attacker sent 1 message');
    expect(section).toContain(
      "Period The attacker's mail access runs from 3 Oct 2026, 08:12:44 UTC+02:00 to 7 Oct 2026, 17:26:48 UTC+02:00",
    );
  });

  it('gives the people and messages as page 1 does, lower bounds said', () => {
    expect(section).toContain(
      'At least 8 people named as sender or recipient of the exposed messages: 4 with an address of Kwizzy B.V.',
    );
    expect(section).toContain('Besides them 12 addresses are likely not a person.');
    expect(section).toContain('in the 2 messages without known sender and recipients');
    expect(section).toContain(
      'Messages concerned: approximate number Confirmed: messages the audit log shows the attacker opened: 12 Presumed by folder sync: whole folders: 2 folders (at least 2 messages known) Presumed by throttling: whole mailbox for 24 h: 1 mailbox (at least 2 messages known to have been there) Exposed messages without sender or subject: 2',
    );
  });

  it('names the kinds of data from the leads, what is known and what cannot be', () => {
    expect(section).toContain(
      'give leads for review on: Financial and bank details (1 message); HR and salary (1 message).',
    );
    expect(section).toContain('What the evidence shows The audit log proves which messages');
    expect(section).toContain('What cannot be known from the evidence Access that is not logged.');
    expect(section).toContain('Rejected records. 3 input rows could not be read');
  });

  it("lists the case's measures and leaves counsel's items blank", () => {
    expect(section).toContain(
      'Measures taken 2026-10-08: password of finance.lead@kwizzy.nl reset and all sessions revoked 2026-10-08: inbox rule "Boekhouding"',
    );
    for (const item of [
      'When the organisation became aware of the breach, and any reasons for a notification after 72 hours',
      'Name and contact details of the data protection officer or other contact point',
      'Likely consequences of the breach for the data subjects',
      'Measures proposed, including to mitigate possible adverse effects',
      'Communication to the data subjects (Art. 34): decision and reasons',
    ]) {
      expect(section).toContain(`${item} For counsel`);
    }
  });

  it.each([
    ['nl', 'Werkblad melding (AVG art. 33 lid 3)', 'Methode', 'Genomen maatregelen 2026-10-08'],
    [
      'de',
      'Arbeitsblatt Meldung (Art. 33 Abs. 3 DSGVO)',
      'Methode',
      'Ergriffene Maßnahmen 2026-10-08',
    ],
  ] as const)(
    'is in %s',
    async (locale, heading, next, measures) => {
      const localised: Report = { ...report, case: { ...report.case, locale } };
      const text = worksheet(await readPdf(await renderPdf(localised)), heading, next);
      expect(text).toContain(measures);
      expect(text).not.toContain('For counsel');
      expect(text).not.toContain('Nature of the breach');
    },
    120_000,
  );

  it('says when the case file lists no measures', async () => {
    const none: Report = { ...report, case: { ...report.case, measures: [] } };
    const read = await readPdf(await renderPdf(none));
    expect(read.text).toContain('Measures taken The case file lists none (measures:).');
  }, 120_000);
});

describe('the notification worksheet in the workbook', () => {
  it('has each item, what the analysis gives and an empty column for counsel', async () => {
    const path = join(dir, 'notification.xlsx');
    await renderWorkbook(report, path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.getWorksheet('Notification');
    if (sheet === undefined) throw new Error('no Notification sheet');
    const rows: unknown[][] = [];
    sheet.eachRow((row) => {
      rows.push([1, 2, 3].map((column) => row.getCell(column).value ?? null));
    });
    expect(rows[0]).toEqual(['Item', 'From the analysis', "Counsel's answer"]);
    const byItem = new Map(rows.slice(1).map((row) => [row[0], row.slice(1)]));
    expect(byItem.get('Measures taken')).toEqual([
      '2026-10-08: password of finance.lead@kwizzy.nl reset and all sessions revoked\n\n2026-10-08: inbox rule "Boekhouding" and forwarding to fl.backup@freemail.example removed',
      null,
    ]);
    expect(byItem.get('Likely consequences of the breach for the data subjects')).toEqual([
      null,
      null,
    ]);
    expect(String(byItem.get('Messages concerned: approximate number')?.[0])).toContain(
      'Confirmed: messages the audit log shows the attacker opened: 12\n\nPresumed by folder sync',
    );
    expect(rows).toHaveLength(14);
  });
});
