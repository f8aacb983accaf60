import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExposedMessage, Report } from '../../src/model/index.js';
import { noActivity } from '../../src/model/index.js';
import { renderPdf } from '../../src/report/pdf/index.js';
import { renderWorkbook } from '../../src/report/xlsx/index.js';
import { fixtureReport, readPdf, type PdfText } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'mailexposure-activity-'));

/** The fixture with one of its confirmed messages forwarded out by the attacker's rule. */
function withForwarded(): Report {
  const report = fixtureReport();
  const index = report.messages.findIndex((message) => message.exposure === 'confirmed');
  const message = report.messages[index] as ExposedMessage;
  report.messages[index] = {
    ...message,
    exposure: 'forwarded',
    auditRecordIds: [...message.auditRecordIds, 'd84b172e-09fa-4b4c-67ed-8f9aabbccdde'],
    forwarding: {
      by: 'inbox-rule',
      rule: 'Boekhouding',
      targets: ['boekhouding.kwizzy@freemail.example'],
      forwardedAt: '2026-10-07T15:36:00Z',
      link: 'inferred',
      copyId: 'AM9PR05MB1111D1188EDA9A7F40F940D1D4D05C81@AM9PR05MB1111.eurprd05.prod.outlook.com',
      trace: [
        { input: 'evidence/trace/message-trace.csv', line: 88 },
        { input: 'evidence/trace/message-trace.csv', line: 89 },
      ],
    },
  };
  report.summary.forwardedMessages = 1;
  report.summary.confirmedMessages -= 1;
  return report;
}

async function workbookOf(report: Report, name: string): Promise<ExcelJS.Workbook> {
  const path = join(dir, name);
  await renderWorkbook(report, path);
  const read = new ExcelJS.Workbook();
  await read.xlsx.readFile(path);
  return read;
}

function rows(book: ExcelJS.Workbook, name: string): unknown[][] {
  const sheet = book.getWorksheet(name);
  if (sheet === undefined) throw new Error(`no sheet ${name}`);
  const found: unknown[][] = [];
  sheet.eachRow((row) => {
    found.push((row.values as unknown[]).slice(1));
  });
  return found;
}

describe('what else the attacker did, in the PDF', () => {
  let read: PdfText;
  beforeAll(async () => {
    read = await readPdf(await renderPdf(withForwarded()));
  }, 120_000);

  it('says on page 1, a sentence each, where mail went, what was sent, searched and deleted', () => {
    const [page1 = ''] = read.pageTexts;
    expect(page1).toContain(
      'The attacker had mail of finance.lead@kwizzy.nl forwarded to boekhouding.kwizzy@freemail.example, fl.backup@freemail.example; message trace shows 1 message leaving the organisation that way ("forwarded out").',
    );
    expect(page1).toContain(
      'In the name of finance.lead@kwizzy.nl the attacker sent 1 message to 2 recipients.',
    );
    expect(page1).toContain('The attacker searched the mailbox 1 time, for "IBAN wijziging".');
    expect(page1).toContain('The attacker deleted 1 message.');
    expect(page1).toContain(
      "Forwarded: messages the attacker's forwarding sent out of the organisation",
    );
  });

  it('has a section with a table per kind, each row citing its records', () => {
    const section = read.text.slice(read.text.lastIndexOf('What else the attacker did'));
    expect(section).toContain('Boekhouding SubjectContainsWords: factuur;invoice');
    expect(section).toContain('forward to boekhouding.kwizzy@freemail.example');
    expect(section).toContain('move to \\RSS Subscriptions');
    expect(section).toContain('still active at the end of the evidence');
    expect(section).toContain('fl.backup@freemail.example yes');
    expect(section).toContain('Nieuwe bankgegevens / new bank details');
    expect(section).toContain('IBAN wijziging OWA');
    expect(section).toContain('purged: permanently deleted');
    expect(section).toContain('inbox rule "Boekhouding"');
    expect(section).toContain('inferred: forwarded as a new message with the same subject');
    expect(read.compact).toContain(
      'copy:AM9PR05MB1111D1188EDA9A7F40F940D1D4D05C81@AM9PR05MB1111.eurprd05.prod.outlook.com',
    );
    // The copy's id wraps at its dots, never leaving its last letters on a line of their own.
    expect(section).toContain('.outlook.com message trace: 88, 89');
    for (const ref of ['R14', 'R15', 'R16', 'R17', 'R18']) expect(section).toContain(ref);
  });

  it('numbers the appendix without gaps when every record is cited', () => {
    const appendix = read.text.slice(read.text.lastIndexOf('Appendix: Audit records cited'));
    expect(appendix).not.toContain('missing from this list');
    for (let n = 1; n <= 18; n += 1) expect(appendix).toContain(`R${n} `);
    // A long operation name wraps between its words, not inside one.
    expect(appendix).toMatch(/SearchQuery ?Initiated ?Exchange/);
  });

  it('says searches were not audited when the evidence holds none', async () => {
    const report = fixtureReport();
    report.activity = { ...noActivity(), searchesAudited: false };
    const text = (await readPdf(await renderPdf(report))).text;
    expect(text).toContain('Whether the attacker searched the mailbox is not known');
    expect(text).toContain('The evidence holds no search record at all');
    expect(text).toContain(
      'The 5 numbers missing from this list (R14, R15, R16, R17, R18) belong to records of the report that no page of this PDF cites',
    );
  }, 120_000);

  it('renders a report.json written before activity was analysed', async () => {
    const report = fixtureReport();
    delete (report as Partial<Report>).activity;
    const text = (await readPdf(await renderPdf(report))).text;
    expect(text).toContain('The audit records show no forwarding to an outside address');
  }, 120_000);
});

describe('what else the attacker did, in the workbook', () => {
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    book = await workbookOf(withForwarded(), 'activity.xlsx');
  });

  it('has a sheet per kind, row for row as in report.json', () => {
    const [header, rule] = rows(book, 'Inbox rules');
    expect(header?.slice(0, 5)).toEqual([
      'Mailbox',
      'Rule',
      'Which mail',
      'What it does',
      'Forwarded to',
    ]);
    expect(rule?.slice(0, 5)).toEqual([
      'finance.lead@kwizzy.nl',
      'Boekhouding',
      'SubjectContainsWords: factuur;invoice',
      'forward to boekhouding.kwizzy@freemail.example\nmove to \\RSS Subscriptions\nmark as read',
      'boekhouding.kwizzy@freemail.example',
    ]);
    expect(rule?.[6]).toBe('still active at the end of the evidence');
    expect(rows(book, 'Mailbox forwarding')[1]?.slice(0, 3)).toEqual([
      'finance.lead@kwizzy.nl',
      'fl.backup@freemail.example',
      true,
    ]);
    // Both sheets end alike: when it was made, its state, its history and what proves it.
    const forwarding = withForwarded().activity.mailboxForwarding[0];
    const [forwardingHeader, forwarded] = rows(book, 'Mailbox forwarding');
    const tail = [
      'Made (Europe/Amsterdam)',
      'At the end of the evidence',
      'History',
      'Sessions',
      'Audit record ids',
    ];
    expect(header?.slice(5)).toEqual(tail);
    expect(forwardingHeader?.slice(3)).toEqual(tail);
    expect(forwarded?.[3]).toBeInstanceOf(Date);
    expect(forwarded?.[4]).toBe('still active at the end of the evidence');
    expect(forwarded?.[6]).toBe(forwarding?.sessions.join('\n'));
    expect(forwarded?.[7]).toBe(forwarding?.auditRecordIds.join('\n'));
    const sent = rows(book, 'Sent by attacker')[1];
    expect(sent?.[4]).toBe('Nieuwe bankgegevens / new bank details');
    expect(sent?.[5]).toBe(
      'crediteuren@leverancier-voorbeeld.nl\nfinance@muller-soehne-logistik.example.de',
    );
    expect(sent?.[6]).toBe('message trace');
    expect(rows(book, 'Searches')[1]?.[2]).toBe('IBAN wijziging');
    expect(rows(book, 'Deleted or hidden')[1]?.[2]).toBe('purged: permanently deleted');
  });

  it('lists forwarded messages in the Messages sheet with their level and how they left', () => {
    const [header, ...messages] = rows(book, 'Messages');
    const level = header?.indexOf('Exposure') ?? -1;
    const to = header?.indexOf('Forwarded to') ?? -1;
    const link = header?.indexOf('How it is linked to the forward') ?? -1;
    const forwarded = messages.filter((row) => row[level] === 'Forwarded out');
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0]?.[to]).toBe('boekhouding.kwizzy@freemail.example');
    expect(String(forwarded[0]?.[link])).toMatch(
      /^inbox rule "Boekhouding"\ninferred: forwarded as a new message .*\ncopy: AM9PR05MB1111D1188EDA9A7F40F940D1D4D05C81@/,
    );
  });
});
