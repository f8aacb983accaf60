import type { Content, CustomTableLayout, StyleDictionary, TableCell } from 'pdfmake/interfaces.js';

/** Light rules between rows, a shaded header: readable in print and on screen. */
export const TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: (row, node) => (row === 0 || row === node.table.body.length ? 0.6 : 0.3),
  vLineWidth: () => 0,
  hLineColor: (row, node) => (row <= (node.table.headerRows ?? 0) ? '#555555' : '#c8c8c8'),
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
  fillColor: (row, node) => (row < (node.table.headerRows ?? 0) ? '#eeeeee' : null),
};

export const styles: StyleDictionary = {
  classification: { fontSize: 9, bold: true, color: '#9b1c1c', margin: [0, 0, 0, 18] },
  title: { fontSize: 20, bold: true, margin: [0, 0, 0, 4] },
  subtitle: { fontSize: 12, color: '#444444', margin: [0, 0, 0, 14] },
  h1: { fontSize: 14, bold: true, margin: [0, 14, 0, 6] },
  h2: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
  paragraph: { margin: [0, 0, 0, 6] },
  note: { fontSize: 8, italics: true, color: '#444444', margin: [0, 2, 0, 6] },
  table: { fontSize: 7.5, margin: [0, 2, 0, 8] },
  tableHeader: { bold: true, fontSize: 7.5 },
  caption: { bold: true, fontSize: 9 },
  figure: { bold: true },
  strong: { bold: true },
  plain: {},
  emphasis: { italics: true },
  confirmed: { bold: true, color: '#9b1c1c' },
  presumed: { color: '#8a4b00' },
  muted: { color: '#666666' },
  lead: { fontSize: 6.5, italics: true, color: '#1f4e79' },
  cutNote: { italics: true, color: '#9b1c1c' },
  answer: { fontSize: 10.5, margin: [0, 0, 0, 6] },
  warning: { bold: true, color: '#9b1c1c', margin: [0, 0, 0, 6] },
};

/** Width inside the margins of an A4 page. */
export const CONTENT_WIDTH = { portrait: 515, landscape: 762 } as const;
const CELL_PADDING = 6;

export interface Column {
  header: string;
  /** Points, or '*' to share what the other columns leave. */
  width: number | '*';
  alignment?: 'right';
}

/**
 * A table whose header row repeats on every page and whose rows never split across pages.
 * Every width is fixed: pdfmake widens a '*' column to its longest word (a long URL in a
 * subject would push the table off the page), but wraps words inside a fixed column.
 */
export function dataTable(
  columns: Column[],
  rows: TableCell[][],
  orientation: keyof typeof CONTENT_WIDTH = 'portrait',
  caption: string | null = null,
): Content {
  const fixed = columns.reduce((sum, column) => sum + (column.width === '*' ? 0 : column.width), 0);
  const stars = columns.filter((column) => column.width === '*').length;
  const share =
    (CONTENT_WIDTH[orientation] - fixed - CELL_PADDING * columns.length) / Math.max(1, stars);
  // A caption row (the mailbox of a message table) repeats with the header on every page.
  const captionRows: TableCell[][] =
    caption === null
      ? []
      : [
          [
            { text: caption, colSpan: columns.length, style: 'caption' },
            ...columns.slice(1).map((): TableCell => ({})),
          ],
        ];
  return {
    style: 'table',
    layout: TABLE_LAYOUT,
    table: {
      headerRows: captionRows.length + 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: columns.map((column) => (column.width === '*' ? Math.max(20, share) : column.width)),
      body: [
        ...captionRows,
        columns.map((column) => ({
          text: column.header,
          style: 'tableHeader',
          ...(column.alignment === undefined ? {} : { alignment: column.alignment }),
        })),
        ...rows,
      ],
    },
  };
}

/**
 * A section heading: in the table of contents and the PDF outline, optionally on a new page
 * (in the orientation given, else in that of the page before). Like a sub-heading, it never
 * ends a page (document.ts).
 */
export function heading(
  text: string,
  id: string,
  page: { orientation?: 'portrait' | 'landscape' } | null = null,
): Content {
  return {
    text,
    id,
    style: 'h1',
    headlineLevel: 1,
    tocItem: true,
    outline: true,
    ...(page === null ? {} : { pageBreak: 'before' as const }),
    ...(page?.orientation === undefined ? {} : { pageOrientation: page.orientation }),
  };
}

/** A heading inside a section: it moves to the next page rather than end one (document.ts). */
export function subheading(text: string): Content {
  return { text, style: 'h2', headlineLevel: 2 };
}

/** A heading and the first block after it on one page: no heading alone at a page's foot. */
export function keepWithNext(head: Content, blocks: Content[]): Content[] {
  const [first, ...rest] = blocks;
  return first === undefined ? [head] : [{ stack: [head, first], unbreakable: true }, ...rest];
}

export function paragraphs(texts: string[], style = 'paragraph'): Content[] {
  return texts.map((text) => ({ text, style }));
}

/** Where a label puts a page number that `withPageReference` fills in: at its very end. */
export const PAGE_SLOT = '\u0000page\u0000';

/**
 * A label's text with the page slot that ends it turned into a reference to the page of
 * `id`. pdfmake fills in a page number only on the first line of a paragraph and does not
 * move what follows it on the line, so the slot must end a label short enough for one line.
 */
export function withPageReference(text: string, id: string): Content[] {
  if (!text.endsWith(PAGE_SLOT)) throw new Error(`a page reference must end the text: ${text}`);
  return [text.slice(0, -PAGE_SLOT.length), { pageReference: id }];
}
