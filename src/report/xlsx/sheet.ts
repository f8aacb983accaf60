import type { Report } from '../../model/index.js';
import type { ReportText } from '../format/index.js';

export type CellValue = string | number | boolean | Date | null;

/**
 * `text` cells are formatted as Text (`@`), so even a subject starting with `=`, `+`, `-`
 * or `@` stays text when someone edits the cell in Excel; `date` cells are real Excel dates
 * holding the case time zone's wall-clock time (or UTC, when the header says so); `list` and
 * `prose` cells are text that wraps: one item per line, or paragraphs.
 */
export type ColumnKind = 'text' | 'number' | 'date' | 'flag' | 'prose' | 'list';

export interface ColumnSpec {
  header: string;
  width: number;
  kind: ColumnKind;
}

export interface SheetSpec {
  name: string;
  columns: ColumnSpec[];
  rows: Iterable<CellValue[]>;
  /** Tables get an autofilter; prose sheets (Summary, Method) do not. */
  filter: boolean;
}

/**
 * What builds a sheet: the report and its words in, a sheet definition out, or null for a
 * sheet that has no place in this report (Changes, without a previous report).
 */
export type SheetBuilder = (report: Report, text: ReportText) => SheetSpec | null;
