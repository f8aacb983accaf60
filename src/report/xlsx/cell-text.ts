/** Excel's limit on the characters in one cell. */
export const CELL_TEXT_LIMIT = 32_767;

/** Characters XML 1.0 cannot carry (tab, line feed and carriage return can). */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to replace
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as a cell can hold it without loss going unnoticed: exceljs silently drops control
 * characters, so they become their visible Control Pictures (U+2400 block); lone surrogates
 * become U+FFFD; text beyond Excel's cell limit is cut with a note (report.json keeps it whole).
 */
export function cellText(value: string): string {
  const visible = value
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(XML_INVALID, (char) =>
      String.fromCharCode(char === '\u007f' ? 0x2421 : 0x2400 + char.charCodeAt(0)),
    );
  if (visible.length <= CELL_TEXT_LIMIT) return visible;
  const note = ` … [cut at Excel's cell limit; ${visible.length} characters in report.json]`;
  return visible.slice(0, CELL_TEXT_LIMIT - note.length) + note;
}

/** A list in one cell, one item per line so that the cell stays filterable by item. */
export function cellList(values: readonly string[]): string {
  return cellText(values.join('\n'));
}
