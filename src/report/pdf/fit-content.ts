import type { Content, StyleDictionary, TableCell } from 'pdfmake/interfaces.js';
import { FONT_NAMES, glyphAdvance, lineHeight, type FontName } from './fonts.js';
import { TEXT_CHARACTER_LIMIT } from './drawable-text.js';
import { richText } from './rich-text.js';

/**
 * pdfmake keeps a table row on one page and silently drops a row taller than a page, so
 * every cell is bounded here before layout: a header cell (the caption and column names repeat
 * on every page) to HEADER_CELL_HEIGHT, a body cell to BODY_CELL_HEIGHT, which together leave
 * room on a landscape A4 page (503 pt inside the margins). Text beyond is cut and says so.
 */
const HEADER_CELL_HEIGHT = 48;
const BODY_CELL_HEIGHT = 200;
/** What pdfmake may lay out if the estimate below were ever short: still less than a page. */
const GUARD_FACTOR = 1.5;
/** Characters one cell may hold, however narrow they are (combining marks take no width). */
const CELL_CHARACTER_LIMIT = 2_000;
/** Widths are measured in the regular face; bold and italic faces are up to this much wider. */
const FACE_MARGIN = 1.1;
/** For a '*' or 'auto' column of a table not built by dataTable: a portrait page's width. */
const PAGE_WIDTH = 515;
const CELL_PADDING = 6;

export interface FitOptions {
  styles: StyleDictionary;
  fontSize: number;
  lineSpacing: number;
  /** Shown under text that was cut: where the reader finds the whole of it. */
  cutNote: string;
  cutNoteStyle: string;
}

type Node = Record<string, unknown>;

interface Inline {
  text: string;
  font: FontName;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFontName(value: unknown): value is FontName {
  return FONT_NAMES.some((name) => name === value);
}

/** A node's font size: its own, its style's, or the one it inherits. */
function fontSizeOf(node: Node, inherited: number, options: FitOptions): number {
  if (typeof node.fontSize === 'number') return node.fontSize;
  const names = Array.isArray(node.style) ? node.style : [node.style];
  let size = inherited;
  for (const name of names) {
    const styled = typeof name === 'string' ? options.styles[name]?.fontSize : undefined;
    if (typeof styled === 'number') size = styled;
  }
  return size;
}

/** The inline runs of a text node, each with the font it is drawn in. */
function inlinesOf(text: unknown, font: FontName): Inline[] | null {
  if (typeof text === 'string' || typeof text === 'number') return [{ text: String(text), font }];
  if (isNode(text)) {
    const own = isFontName(text.font) ? text.font : font;
    // A page reference becomes a page number: a few digits.
    return typeof text.text === 'string'
      ? [{ text: text.text, font: own }]
      : [{ text: '000', font }];
  }
  if (!Array.isArray(text)) return null;
  const inlines: Inline[] = [];
  for (const part of text) {
    const inner = inlinesOf(part, font);
    if (inner === null) return null;
    for (const inline of inner) inlines.push(inline);
  }
  return inlines;
}

const BREAK = /[\s\u200b]/u;

/**
 * Lays text out as pdfmake does, greedily: a word that does not fit moves to the next line,
 * a word wider than the line is split, spaces at the end of a line take no room. pdfmake
 * breaks at more places than these (after hyphens, between ideographs), so its lines are
 * never more than counted here. Returns how many UTF-16 units fit in `height`, or null when
 * all do; and the height the whole text takes.
 */
function fit(
  inlines: Inline[],
  box: Box,
  options: FitOptions,
): { fits: number | null; height: number } {
  const scale = box.fontSize * FACE_MARGIN;
  let line = 0;
  let word = 0;
  let lines = 1;
  let tallest = 0;
  let offset = 0;
  for (const inline of inlines) {
    tallest = Math.max(tallest, lineHeight(inline.font) * box.fontSize * options.lineSpacing);
    for (const char of inline.text) {
      const advance = glyphAdvance(inline.font, char.codePointAt(0) ?? 0) * scale;
      if (char === '\n') {
        lines += 1;
        line = 0;
        word = 0;
      } else if (BREAK.test(char)) {
        line += advance;
        word = 0;
      } else {
        if (line + advance > box.width && line > 0 && word < line) {
          // The word moves down whole.
          lines += 1;
          line = word;
        }
        if (line + advance > box.width && line > 0) {
          // It is wider than the line: split where it stands.
          lines += 1;
          line = 0;
          word = 0;
        }
        line += advance;
        word += advance;
      }
      if (lines * tallest > box.height || offset >= box.characters) {
        return { fits: offset, height: lines * tallest };
      }
      offset += char.length;
    }
  }
  return { fits: null, height: lines * tallest };
}

/** The first `length` UTF-16 units of a text node's content, keeping each run's properties. */
function cutText(text: unknown, length: number): { text: unknown; left: number } {
  if (typeof text === 'string' || typeof text === 'number') {
    const value = String(text);
    return { text: value.slice(0, length), left: Math.max(0, length - value.length) };
  }
  if (isNode(text)) {
    if (typeof text.text !== 'string') return { text, left: Math.max(0, length - 3) };
    const cut = cutText(text.text, length);
    return { text: { ...text, text: cut.text }, left: cut.left };
  }
  if (!Array.isArray(text)) return { text, left: length };
  const kept: unknown[] = [];
  let left = length;
  for (const part of text) {
    if (left <= 0) break;
    const cut = cutText(part, left);
    kept.push(cut.text);
    left = cut.left;
  }
  return { text: kept, left };
}

interface Box {
  /** Points inside the cell's padding. */
  width: number;
  height: number;
  characters: number;
  fontSize: number;
  font: FontName;
}

/** A node with its own font size and font in place of the box's. */
function boxOf(node: Node, box: Box, options: FitOptions): Box {
  return {
    ...box,
    fontSize: fontSizeOf(node, box.fontSize, options),
    font: isFontName(node.font) ? node.font : box.font,
  };
}

/**
 * A text node bounded to its box: cut, with the note to go under it, when it would not fit.
 * pdfmake's own bound (`maxHeight`) stays above the box, in case the count above were short.
 */
function fitTextNode(
  given: Node,
  box: Box,
  options: FitOptions,
): { node: Node; note: Node | null } {
  const node = typeof given.text === 'string' ? { ...given, text: richText(given.text) } : given;
  const own = boxOf(node, box, options);
  const inlines = inlinesOf(node.text, own.font);
  if (inlines === null) return { node, note: null };
  const guarded = Number.isFinite(box.height)
    ? { ...node, maxHeight: box.height * GUARD_FACTOR }
    : node;
  if (fit(inlines, own, options).fits === null) return { node: guarded, note: null };
  const note = { text: options.cutNote, style: options.cutNoteStyle };
  const noteHeight = fit(
    [{ text: note.text, font: 'Roboto' }],
    { ...box, height: Infinity },
    options,
  ).height;
  const room = { ...own, height: Math.max(box.height - noteHeight, 0) };
  const kept = fit(inlines, room, options).fits ?? 0;
  return { node: { ...guarded, text: cutText(node.text, kept).text }, note };
}

/** A cell's content bounded to its box; a text cut inside a stack keeps its siblings. */
function fitCell(cell: unknown, box: Box, options: FitOptions): unknown {
  if (typeof cell === 'string' || typeof cell === 'number') {
    return fitCell({ text: String(cell) }, box, options);
  }
  if (!isNode(cell)) return cell;
  if ('text' in cell) {
    const { node, note } = fitTextNode(cell, box, options);
    if (note === null) return node;
    // The note goes under the text, in the same cell: its span, fill and style stay on the cell.
    const { text, maxHeight, ...cellProperties } = node;
    return { ...cellProperties, stack: [{ text, maxHeight }, note] };
  }
  if (Array.isArray(cell.stack)) {
    const own = boxOf(cell, box, options);
    const share = { ...own, height: own.height / Math.max(1, cell.stack.length) };
    return {
      ...cell,
      stack: cell.stack.flatMap((part: unknown) => {
        if (!isNode(part) || !('text' in part)) return [fitCell(part, share, options)];
        const { node, note } = fitTextNode(part, share, options);
        return note === null ? [node] : [node, note];
      }),
    };
  }
  return cell;
}

function columnWidths(widths: unknown, columns: number): number[] {
  const given = Array.isArray(widths) ? widths : Array.from({ length: columns }, () => widths);
  const fixed = given.reduce(
    (sum: number, width) => sum + (typeof width === 'number' ? width : 0),
    0,
  );
  const flexible = given.filter((width) => typeof width !== 'number').length;
  const share = Math.max(20, (PAGE_WIDTH - fixed) / Math.max(1, flexible));
  return given.map((width) => (typeof width === 'number' ? width : share));
}

function fitTable(node: Node, inherited: number, options: FitOptions): Node {
  const table = node.table;
  if (!isNode(table) || !Array.isArray(table.body)) return node;
  const body = table.body as unknown[][];
  const widths = columnWidths(table.widths, body[0]?.length ?? 0);
  const headerRows = typeof table.headerRows === 'number' ? table.headerRows : 0;
  const fontSize = fontSizeOf(node, inherited, options);
  const fitted = body.map((row, rowIndex) =>
    row.map((cell, column): unknown => {
      const span = isNode(cell) && typeof cell.colSpan === 'number' ? cell.colSpan : 1;
      let width = -CELL_PADDING;
      for (let index = column; index < column + span; index += 1) width += widths[index] ?? 0;
      const height = rowIndex < headerRows ? HEADER_CELL_HEIGHT : BODY_CELL_HEIGHT;
      const box: Box = {
        width,
        height,
        characters: CELL_CHARACTER_LIMIT,
        fontSize,
        font: 'Roboto',
      };
      return fitCell(cell, box, options);
    }),
  );
  return { ...node, table: { ...table, body: fitted as TableCell[][] } };
}

/**
 * The content made drawable: every text of the evidence shows each of its characters (see
 * richText), every table row fits on a page, every paragraph is bounded; text beyond a bound is
 * cut and followed by `cutNote`.
 */
export function fitContent(content: Content[], options: FitOptions): Content[] {
  const visit = (value: unknown, fontSize: number): unknown => {
    if (Array.isArray(value)) return value.map((item) => visit(item, fontSize));
    if (!isNode(value)) return value;
    if ('table' in value) return fitTable(value, fontSize, options);
    const size = fontSizeOf(value, fontSize, options);
    if ('text' in value) {
      const box = {
        width: PAGE_WIDTH,
        height: Infinity,
        characters: TEXT_CHARACTER_LIMIT,
        fontSize: size,
        font: 'Roboto' as const,
      };
      const { node, note } = fitTextNode(value, box, options);
      return note === null ? node : { stack: [node, note] };
    }
    for (const key of ['stack', 'columns'] as const) {
      if (Array.isArray(value[key])) return { ...value, [key]: visit(value[key], size) };
    }
    return value;
  };
  return visit(content, options.fontSize) as Content[];
}
