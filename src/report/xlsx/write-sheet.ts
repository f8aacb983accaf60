import type ExcelJS from 'exceljs';
import type { CellValue, ColumnKind, SheetSpec } from './sheet.js';

/** Excel's row limit; a longer table continues on `Name (2)`, header repeated. */
export const EXCEL_ROWS = 1_048_576;

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

const COLUMN_STYLES: Record<ColumnKind, Partial<ExcelJS.Style>> = {
  text: { numFmt: '@' },
  number: { numFmt: '#,##0' },
  date: { numFmt: DATE_FORMAT },
  flag: {},
  prose: { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } },
};

function openWorksheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: SheetSpec,
  name: string,
): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  worksheet.columns = spec.columns.map((column) => ({
    width: column.width,
    style: COLUMN_STYLES[column.kind],
  }));
  const header = worksheet.addRow(spec.columns.map((column) => column.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
    cell.numFmt = '@';
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

/** Rows between pauses that let the zip stream drain what was written. */
const ROWS_PER_PAUSE = 2_000;

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
    // A date in a mixed column (the Summary's values) needs its own date format.
    values.forEach((value, index) => {
      if (value instanceof Date && spec.columns[index]?.kind !== 'date') {
        row.getCell(index + 1).numFmt = DATE_FORMAT;
      }
    });
    row.commit();
    rows += 1;
    if (rows % ROWS_PER_PAUSE === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  closeWorksheet(worksheet, spec, rows);
}
