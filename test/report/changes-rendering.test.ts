import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { reportChanges } from '../../src/report/index.js';
import { renderPdf } from '../../src/report/pdf/index.js';
import { renderWorkbook } from '../../src/report/xlsx/index.js';
import { earlierAndLater } from './changed-fixture.js';
import { readPdf, type PdfText } from './fixture.js';

describe('a report that names a previous one', () => {
  let report: Report;
  let pdf: PdfText;
  let sheet: ExcelJS.Worksheet;

  beforeAll(async () => {
    const { earlier, later } = earlierAndLater();
    report = {
      ...later,
      changes: reportChanges(
        { report: earlier, path: 'previous/report.json', sha256: 'c'.repeat(64) },
        later,
      ),
    };
    pdf = await readPdf(await renderPdf(report));
    const path = join(await mkdtemp(join(tmpdir(), 'mailexposure-changes-')), 'report.xlsx');
    await renderWorkbook(report, path);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const found = workbook.getWorksheet('Changes');
    if (found === undefined) throw new Error('no Changes sheet');
    sheet = found;
  }, 120_000);

  it('says in the PDF what changed since the report of that date', () => {
    expect(pdf.text).toContain('What changed since the report of 10 Oct 2026');
    expect(pdf.text).toContain(
      '1 message was newly found exposed, 1 message is now at another level, 1 message is no longer listed',
    );
    expect(pdf.text).toContain('what that report said about it no longer stands');
    expect(pdf.compact).toContain('gone@kwizzy.nl');
    expect(pdf.compact).toContain('former@example.org');
    expect(pdf.text).toContain('External Role address');
    expect(pdf.text).toMatch(/Presumed \(throttled\) Confirmed/);
  });

  it('lists every change on the Changes sheet, figures first', () => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual([
      'Change',
      'Mailbox, person or input',
      'Internet message id',
      'Date (Europe/Amsterdam)',
      'Previous report',
      'This report',
    ]);
    const changes = report.changes;
    if (changes === null) throw new Error('no changes');
    expect(rows.map((row) => row[0])).toEqual([
      'Change',
      ...changes.figures.map(() => 'Figure'),
      'Newly exposed',
      'Other level',
      'No longer listed',
      'Sender and recipients now known',
      'Newly named',
      'No longer named',
      'Input added',
      'Input changed (other SHA-256)',
      'Input no longer used',
    ]);
    expect(rows.find((row) => row[2] === 'gone@kwizzy.nl')?.slice(4)).toEqual(['Confirmed']);
    expect(rows.find((row) => row[1] === 'sales@gulf-trading.example.ae')?.slice(5)).toEqual([
      'External; Role address',
    ]);
  });
});
