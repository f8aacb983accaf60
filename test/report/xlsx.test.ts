import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { createZonedTime } from '../../src/report/format/index.js';
import { renderWorkbook } from '../../src/report/xlsx/index.js';
import { fixtureReport } from './fixture.js';

const report = fixtureReport();
const zoned = createZonedTime(report.case.timezone, 'en');
const dir = mkdtempSync(join(tmpdir(), 'mailexposure-xlsx-'));
let workbook: ExcelJS.Workbook;

async function render(changed: Report, name: string): Promise<ExcelJS.Workbook> {
  const path = join(dir, name);
  await renderWorkbook(changed, path);
  const read = new ExcelJS.Workbook();
  await read.xlsx.readFile(path);
  return read;
}

function sheet(name: string, book = workbook): ExcelJS.Worksheet {
  const found = book.getWorksheet(name);
  if (found === undefined) throw new Error(`no sheet ${name}`);
  return found;
}

/** A cell as report.json would hold it: dates back to seconds, empty cells as null. */
function value(cell: ExcelJS.Cell): unknown {
  const raw = cell.value;
  if (raw instanceof Date) return Math.round(raw.getTime() / 1000);
  return raw ?? null;
}

function rowValues(worksheet: ExcelJS.Worksheet, row: number, columns: number): unknown[] {
  return Array.from({ length: columns }, (_, index) =>
    value(worksheet.getRow(row).getCell(index + 1)),
  );
}

/** What the English workbook says for report.json's codes. */
const EXPOSURE: Record<string, string> = {
  confirmed: 'Confirmed',
  'presumed-sync': 'Presumed (folder sync)',
  'presumed-throttled': 'Presumed (throttled)',
};
const METADATA_SOURCE: Record<string, string> = {
  'message-trace': 'Message trace (export)',
  'graph-mailbox': 'Mailbox, looked up live',
  'graph-recoverable': 'Recoverable items, looked up live',
  'audit-record': 'Audit record',
};
const ATTRIBUTION: Record<string, string> = {
  ip: 'attacker IP address',
  session: 'attacker session',
  app: 'attacker application',
  signIn: 'sign-in from attacker IP',
};
const INPUT_KIND: Record<string, string> = {
  audit: 'Audit log',
  messageTrace: 'Message trace',
  signIns: 'Sign-ins',
};

const PROBLEM: Record<string, string> = {
  'unreadable-row': 'Unreadable row',
  'missing-field': 'Missing field',
  'invalid-field': 'Invalid field',
};

function wall(iso: string | null): number | null {
  return iso === null ? null : Math.round(zoned.wallClock(iso).getTime() / 1000);
}

beforeAll(async () => {
  workbook = await render(report, 'report.xlsx');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('renderWorkbook', () => {
  it('has the sheets in order, each with a frozen header row', () => {
    expect(workbook.worksheets.map((worksheet) => worksheet.name)).toEqual([
      'Summary',
      'Messages',
      'Inbox rules',
      'Mailbox forwarding',
      'Sent by attacker',
      'Searches',
      'Deleted or hidden',
      'Sessions',
      'Folders',
      'Throttling',
      'Data subjects',
      'Lead keywords',
      'Notification',
      'Evidence',
      'Rejected rows',
      'Audit records',
      'Method',
    ]);
    for (const worksheet of workbook.worksheets) {
      expect(worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    expect(sheet('Messages').autoFilter).toBeTruthy();
  });

  it('lists every exposed message, row for row as in report.json', () => {
    const messages = sheet('Messages');
    expect(messages.rowCount).toBe(report.messages.length + 1);
    report.messages.forEach((message, index) => {
      expect(rowValues(messages, index + 2, 18)).toEqual([
        index + 1,
        message.mailbox,
        EXPOSURE[message.exposure],
        wall(message.firstAccess),
        wall(message.lastAccess),
        message.accessCount,
        wall(message.date),
        message.sender,
        message.recipients.length === 0 ? null : message.recipients.join('\n'),
        message.subject,
        message.attachments.length === 0 ? null : message.attachments.join('\n'),
        message.leads.length === 0 ? null : expect.any(String),
        message.folder,
        message.sessions.length === 0 ? null : message.sessions.join('\n'),
        message.metadataSource === null ? null : METADATA_SOURCE[message.metadataSource],
        message.unresolvedReasons.length === 0 ? null : expect.any(String),
        message.internetMessageId,
        message.auditRecordIds.join('\n'),
      ]);
    });
  });

  it('says why a message is unresolved in words, with the dates the message trace covers', () => {
    const messages = sheet('Messages');
    const row = report.messages.findIndex((message) => message.unresolvedReasons.length === 2) + 2;
    expect(messages.getRow(row).getCell(16).value).toBe(
      'not found when looked up live (not found in the mailbox or its recoverable items); ' +
        'not in the message trace, which covers 4 Oct 2026 to 14 Oct 2026',
    );
  });

  it('writes times as real dates in the case time zone', () => {
    const first = report.messages[0];
    const cell = sheet('Messages').getRow(2).getCell(4);
    expect(cell.value).toBeInstanceOf(Date);
    // Amsterdam is two hours ahead of UTC in early October.
    expect((cell.value as Date).toISOString().slice(11, 19)).toBe(
      new Date(Date.parse(first?.firstAccess ?? '') + 2 * 3_600_000).toISOString().slice(11, 19),
    );
    expect(sheet('Messages').getRow(1).getCell(4).text).toContain(report.case.timezone);
  });

  it('writes every time as a real date, none as text', () => {
    const isoText: string[] = [];
    for (const worksheet of workbook.worksheets) {
      worksheet.eachRow((row, index) => {
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:/.test(cell.value)) {
            isoText.push(`${worksheet.name}!${cell.address} (row ${index})`);
          }
        });
      });
    }
    expect(isoText).toEqual([]);
    const utc = sheet('Audit records').getRow(2).getCell(4);
    expect(utc.value).toEqual(new Date(report.auditRecords[0]?.creationTime ?? ''));
    expect(utc.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
  });

  it('wraps the cells that hold one item per line, so each shows in full', () => {
    const wrapped = (name: string, header: string): boolean[] => {
      const worksheet = sheet(name);
      let column = 0;
      worksheet.getRow(1).eachCell((cell, index) => {
        if (cell.value === header) column = index;
      });
      expect(column).toBeGreaterThan(0);
      const flags: boolean[] = [];
      worksheet.eachRow((row, index) => {
        if (index > 1) flags.push(row.getCell(column).alignment.wrapText === true);
      });
      return flags;
    };
    for (const [name, header] of [
      ['Messages', 'Recipients'],
      ['Messages', 'Sessions'],
      ['Messages', 'Audit record ids'],
      ['Sessions', 'IP addresses'],
      ['Sessions', 'Client'],
      ['Sessions', 'Audit record ids'],
      ['Folders', 'Audit record ids'],
      ['Throttling', 'Audit record ids'],
      ['Audit records', 'Read from (file:line)'],
    ] as const) {
      const flags = wrapped(name, header);
      expect(flags.length).toBeGreaterThan(0);
      expect(flags.every(Boolean)).toBe(true);
    }
  });

  it('keeps subjects that look like formulas as text', () => {
    const messages = sheet('Messages');
    const risky = report.messages
      .map((message, index) => ({ subject: message.subject ?? '', row: index + 2 }))
      .filter(({ subject }) => /^[=+\-@]/.test(subject));
    expect(risky.map(({ subject }) => subject[0]).sort()).toEqual(['+', '-', '=', '@']);
    for (const { subject, row } of risky) {
      const cell = messages.getRow(row).getCell(10);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(subject);
      expect(cell.numFmt).toBe('@');
    }
  });

  it('matches the other tables of report.json row for row', () => {
    const sessions = sheet('Sessions');
    report.sessions.forEach((session, index) => {
      expect(rowValues(sessions, index + 2, 11)).toEqual([
        session.session,
        session.sessionId,
        session.mailbox,
        session.actor,
        session.ips.join('\n'),
        wall(session.firstSeen),
        wall(session.lastSeen),
        session.attributedBy.map((reason) => ATTRIBUTION[reason]).join('\n'),
        session.clientInfo.join('\n'),
        session.records,
        session.auditRecordIds.join('\n'),
      ]);
    });
    report.folders.forEach((folder, index) => {
      expect(rowValues(sheet('Folders'), index + 2, 7)).toEqual([
        folder.mailbox,
        folder.path,
        wall(folder.syncedAt),
        folder.sessionId,
        folder.listed,
        folder.messages,
        folder.auditRecordIds.join('\n'),
      ]);
    });
    report.throttledWindows.forEach((window, index) => {
      expect(rowValues(sheet('Throttling'), index + 2, 5)).toEqual([
        window.mailbox,
        wall(window.start),
        wall(window.end),
        window.attributed,
        window.auditRecordIds.join('\n'),
      ]);
    });
    report.dataSubjects.forEach((subject, index) => {
      expect(rowValues(sheet('Data subjects'), index + 2, 15)).toEqual([
        subject.address,
        subject.displayName,
        subject.internal,
        subject.nonPerson === null ? null : expect.any(String),
        subject.confirmedMessages > 0 ? 'Confirmed' : 'Presumed',
        subject.forwardedMessages,
        subject.confirmedMessages,
        subject.presumedMessages,
        subject.messages,
        subject.mailboxes.join('\n'),
        subject.leads.length === 0 ? null : expect.any(String),
        null,
        null,
        null,
        null,
      ]);
    });
    report.inputs.forEach((input, index) => {
      expect(rowValues(sheet('Evidence'), index + 2, 9)).toEqual([
        input.path,
        INPUT_KIND[input.kind],
        input.format,
        input.sha256,
        input.bytes,
        input.records,
        input.inScope,
        input.duplicates,
        input.rejected,
      ]);
    });
    report.problems.forEach((problem, index) => {
      expect(rowValues(sheet('Rejected rows'), index + 2, 4)).toEqual([
        problem.input,
        problem.line,
        PROBLEM[problem.code],
        problem.message,
      ]);
    });
    report.auditRecords.forEach((record, index) => {
      expect(rowValues(sheet('Audit records'), index + 2, 12)).toEqual([
        `R${index + 1}`,
        record.id,
        wall(record.creationTime),
        Math.round(Date.parse(record.creationTime) / 1000),
        record.operation,
        record.mailAccessType,
        record.mailbox,
        record.actor,
        record.clientIp,
        record.sessionId,
        record.attributedBy.length === 0
          ? null
          : record.attributedBy.map((reason) => ATTRIBUTION[reason]).join('\n'),
        record.sources.map((source) => `${source.input}:${source.line}`).join('\n'),
      ]);
    });
  });

  it('states the summary figures and the method', () => {
    const summary = sheet('Summary');
    const items = new Map<string, unknown>();
    summary.eachRow((row) => items.set(row.getCell(1).text, value(row.getCell(2))));
    expect(items.get('Case id')).toBe(report.case.id);
    const { summary: figures } = report;
    expect(items.get('Confirmed: messages the audit log shows the attacker opened')).toBe(
      figures.confirmedMessages,
    );
    expect(items.get('Presumed by folder sync: whole folders')).toBe(figures.presumedFolders);
    expect(items.get('Presumed by throttling: whole mailbox for 24 h')).toBe(
      figures.throttledMailboxes,
    );
    expect(items.get('Further messages known in those mailboxes (at least)')).toBe(
      figures.presumedThrottledMessages,
    );
    expect(items.get('Data subjects: people named in these messages')).toBe(
      figures.personDataSubjects,
    );
    expect(items.get('Other addresses named: likely not a person')).toBe(
      figures.nonPersonDataSubjects,
    );
    expect(items.get('Attacker sessions')).toBe(figures.sessions);
    expect(items.get(`Attacker's first mail access (${report.case.timezone})`)).toBe(
      wall(report.summary.firstAttackerAccess),
    );
    const method: string[] = [];
    sheet('Method').eachRow((row) => method.push(row.getCell(2).text));
    expect(method).toEqual(expect.arrayContaining(['Inputs', 'Attribution', 'Throttling']));
  });

  it('withholds subjects when the case redacts them', async () => {
    const redacted = await render(
      { ...report, case: { ...report.case, redactSubjects: true } },
      'redacted.xlsx',
    );
    const subjects: unknown[] = [];
    sheet('Messages', redacted).eachRow((row, index) => {
      if (index > 1) subjects.push(row.getCell(10).value);
    });
    expect(subjects).toEqual(
      report.messages.map((message) => (message.subject === null ? null : '[subject withheld]')),
    );
  });

  it('keeps control characters visible instead of dropping them', async () => {
    const changed = fixtureReport();
    const first = changed.messages[0];
    if (first === undefined) throw new Error('fixture has no messages');
    first.subject = 'Invoice\u0007 overdue';
    const book = await render(changed, 'control.xlsx');
    expect(sheet('Messages', book).getRow(2).getCell(10).value).toBe('Invoice\u2407 overdue');
  });

  it('uses generatedAt as its only clock: the same bytes twice', async () => {
    expect(workbook.created.toISOString()).toBe(new Date(report.generatedAt).toISOString());
    expect(workbook.modified.toISOString()).toBe(new Date(report.generatedAt).toISOString());
    const path = join(dir, 'again.xlsx');
    // Zip entry times have two-second resolution: wait past it so a clock would show.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await renderWorkbook(report, path);
    expect(readFileSync(path).equals(readFileSync(join(dir, 'report.xlsx')))).toBe(true);
  });
});
