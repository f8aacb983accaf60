import { compareText } from '../../model/index.js';
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { PdfContext } from './context.js';
import { breakableAddress, breakableId, richText } from './rich-text.js';

/** Cells shared by the tables: times in two lines, addresses that wrap at `@`. */
export function timeCell({ text }: PdfContext, iso: string | null): TableCell {
  if (iso === null) return { text: '—', style: 'muted' };
  return {
    text: `${text.zoned.date(iso)}\n${text.zoned.time(iso)} ${text.zoned.shortOffset(iso)}`,
  };
}

export function addressCell(addresses: string[], limit = addresses.length): TableCell {
  const shown = addresses.slice(0, limit).map(breakableAddress);
  const more = addresses.length - shown.length;
  return { text: richText([...shown, ...(more > 0 ? [`+${more}`] : [])].join('\n')) };
}

export function refsCell(context: PdfContext, ids: string[], limit = 6): TableCell {
  // The first records in time order; only those shown are cited in the appendix.
  const shown = [...ids]
    .sort((a, b) => context.position(a) - context.position(b) || compareText(a, b))
    .slice(0, limit)
    .map((id) => context.ref(id));
  const more = ids.length - shown.length;
  return { text: [...shown, ...(more > 0 ? [`+${more}`] : [])].join(' '), style: 'muted' };
}

export function plainCell(value: string | null): TableCell {
  return value === null ? { text: '—', style: 'muted' } : { text: richText(value) };
}

/** A folder path: its folders stay in order even where their names read right to left. */
export function pathCell(path: string | null): TableCell {
  return path === null ? plainCell(null) : { text: richText(path, { path: true }) };
}

/** A GUID or message id that wraps at its punctuation. */
export function idCell(id: string | null, style?: string): Content {
  if (id === null) return { text: '—', style: 'muted' };
  return { text: richText(breakableId(id)), ...(style === undefined ? {} : { style }) };
}
