import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { runCli } from '../cli/run-cli.js';
import { readPdf, type PdfText } from '../report/fixture.js';

/**
 * The demo's attacker used six sessions; session A2 read two mailboxes (invoices@ and
 * finance.lead@), so the session table has seven rows. Every place that counts sessions must
 * say six (cases/demo/EXPECTED.md).
 */
describe('one count of attacker sessions everywhere', () => {
  let report: Report;
  let json: { summary: { sessions: number; sessionMailboxRows: number } };
  let text: string;
  let progress: string;
  let pdf: PdfText;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    const out = await mkdtemp(join(tmpdir(), 'mailexposure-sessions-'));
    const run = runCli(['run', 'cases/demo/case.yaml', '--out', out, '--json', '--quiet']);
    expect(run.status).toBe(0);
    json = JSON.parse(run.stdout) as typeof json;
    const analyze = runCli(['analyze', 'cases/demo/case.yaml', '--out', out]);
    expect(analyze.status).toBe(0);
    text = analyze.stdout;
    progress = analyze.stderr;
    report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
    pdf = await readPdf(await readFile(join(out, 'report.pdf')));
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'report.xlsx'));
  }, 180_000);

  it('in report.json and --json', () => {
    expect(report.summary.sessions).toBe(6);
    expect(new Set(report.sessions.map((session) => session.session)).size).toBe(6);
    expect(report.summary.sessionMailboxRows).toBe(report.sessions.length);
    expect(json.summary).toMatchObject({ sessions: 6, sessionMailboxRows: 7 });
  });

  it('in the command-line summary', () => {
    expect(text).toMatch(/Attacker sessions\s+6 on 4 mailboxes \(7 session-mailbox rows\)/);
    expect(progress).toMatch(/analysed \d+ records in scope: 6 attacker sessions,/);
  });

  it('on page 1 and in the session table of the PDF, each session listed once', () => {
    expect(pdf.pageTexts[0]).toContain(
      'Attacker sessions 6 (7 rows in the session table: one per session and mailbox)',
    );
    for (let number = 1; number <= 6; number += 1) {
      expect(pdf.text).toContain(`Session ${number}`);
    }
    expect(pdf.text).not.toContain('Session 7');
    expect(pdf.text.split('(same session, another mailbox)')).toHaveLength(2);
    // The session that reached two mailboxes: its id appears on its first row only.
    const a2 = '4f8d2c6a-91e3-4b7f-a0d5-3c6e8b1f2a94';
    const sessionPages = pdf.pageTexts
      .filter((page) => page.includes('Attacker sessions A session is'))
      .join('')
      .replace(/\s+/g, '');
    expect(sessionPages.split(a2)).toHaveLength(2);
  });

  it('in the workbook', () => {
    const summary = new Map<string, unknown>();
    workbook.getWorksheet('Summary')?.eachRow((row) => {
      summary.set(row.getCell(1).text, row.getCell(2).value);
    });
    expect(summary.get('Attacker sessions')).toBe(6);
    const numbers = new Set<unknown>();
    workbook.getWorksheet('Sessions')?.eachRow((row, index) => {
      if (index > 1) numbers.add(row.getCell(1).value);
    });
    expect(numbers.size).toBe(6);
  });
});
