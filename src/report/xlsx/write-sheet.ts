import type ExcelJS from 'exceljs';
import type { CellValue, ColumnKind, SheetSpec } from './sheet.js';

/** Excel's row limit; a longer table continues on `Name (2)`, header repeated. */
export const EXCEL_ROWS = 1_048_576;

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** Every cell reads from the top, so a row made tall by a list still lines up. */
const TOP: Partial<ExcelJS.Alignment> = { vertical: 'top' };
const WRAPPED: Partial<ExcelJS.Style> = {
  numFmt: '@',
  alignment: { wrapText: true, vertical: 'top' },
};

/**
 * One style object per kind, shared by every cell of that kind: exceljs recognises a style
 * object it has seen before, which keeps 100,000-row sheets fast. Never mutated.
 */
const STYLES: Record<ColumnKind, Partial<ExcelJS.Style>> = {
  text: { numFmt: '@', alignment: TOP },
  number: { alignment: TOP },
  date: { numFmt: DATE_FORMAT, alignment: TOP },
  flag: { alignment: TOP },
  prose: WRAPPED,
  list: WRAPPED,
};
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  numFmt: '@',
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } },
};

/** Measured at 100,000 messages: 8 s and 140 MB above the report itself (BENCHMARKS.md). */
const ROWS_PER_PAUSE = 100;
const PAUSE_MS = 1;

/**
 * exceljs pushes rows into the zip without backpressure, and the deflate stream advances one
 * chunk per turn of the event loop: without pauses the pending output piles up (150 MB at
 * 100,000 messages). A short timer pause lets compression keep pace.
 */
async function pause(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
}

function openWorksheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: SheetSpec,
  name: string,
): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  worksheet.columns = spec.columns.map((column) => ({ width: column.width }));
  const header = worksheet.addRow(spec.columns.map((column) => column.header));
  header.eachCell((cell) => {
    cell.style = HEADER_STYLE;
  });
  header.commit();
  return worksheet;
}

function closeWorksheet(worksheet: ExcelJS.Worksheet, spec: SheetSpec, rows: number): void {
  if (spec.filter) {
    worksheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: rows + 1, column: spec.columns.length },
    };
  }
  worksheet.commit();
}

/** Streams one sheet's rows into the workbook, committing each row as it goes. */
export async function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: SheetSpec,
): Promise<void> {
  let part = 1;
  let worksheet = openWorksheet(workbook, spec, spec.name);
  let rows = 0;
  for (const values of spec.rows) {
    if (rows === EXCEL_ROWS - 1) {
      closeWorksheet(worksheet, spec, rows);
      part += 1;
      worksheet = openWorksheet(workbook, spec, `${spec.name} (${part})`);
      rows = 0;
    }
    const row = worksheet.addRow(values.map((value: CellValue) => value ?? null));
    values.forEach((value, index) => {
      const kind = spec.columns[index]?.kind ?? 'text';
      // A date in a mixed column (the Summary's values) needs the date format all the same.
      row.getCell(index + 1).style = STYLES[value instanceof Date ? 'date' : kind];
    });
    row.commit();
    rows += 1;
    if (rows % ROWS_PER_PAUSE === 0) await pause();
  }
  closeWorksheet(worksheet, spec, rows);
}
