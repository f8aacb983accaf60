import { hasGlyph, type FontName } from './fonts.js';

export interface TextRun {
  text: string;
  font: FontName;
}

const RTL_LETTER = /[\p{Script=Hebrew}\p{Script=Arabic}]/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const MARK = /\p{M}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
/**
 * Latin up to Extended-B (printable, below U+0250) and the zero-width space are in Roboto:
 * the common case, fast.
 */
const ROBOTO_ONLY = /^[\u0020-\u024f\n\u200b]*$/;

/**
 * Han characters are shared by Chinese, Japanese and Korean but drawn differently; kana or
 * hangul elsewhere in the same text tells which font the reader expects.
 */
function fallbackOrder(text: string): FontName[] {
  const han: FontName[] = KANA.test(text)
    ? ['NotoSansJP', 'NotoSansSC', 'NotoSansKR']
    : HANGUL.test(text)
      ? ['NotoSansKR', 'NotoSansJP', 'NotoSansSC']
      : ['NotoSansSC', 'NotoSansJP', 'NotoSansKR'];
  return ['Roboto', ...han, 'NotoSansHebrew', 'NotoNaskhArabic'];
}

/**
 * pdfmake lays words out left to right and fontkit mirrors each right-to-left word's glyphs,
 * so a passage of right-to-left words reads correctly once its word order is reversed (as the
 * Unicode bidi algorithm does for an RTL run in a left-to-right line). Digits and punctuation
 * between such words belong to the passage.
 */
function visualOrder(text: string): string[] {
  const tokens = text.split(/(\s+)/).filter((token) => token.length > 0);
  const isRtl = (token: string): boolean => RTL_LETTER.test(token);
  const joins = (token: string): boolean => isRtl(token) || !LETTER.test(token);
  const ordered: string[] = [];
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index] ?? '';
    if (!isRtl(token)) {
      ordered.push(token);
      index += 1;
      continue;
    }
    // Numbers after a right-to-left word join the passage; other neutrals only between words.
    let end = index;
    for (let next = index + 1; next < tokens.length && joins(tokens[next] ?? ''); next += 1) {
      const candidate = tokens[next] ?? '';
      if (isRtl(candidate) || (DIGIT.test(candidate) && end === next - 2)) end = next;
    }
    for (let back = end; back >= index; back -= 1) ordered.push(tokens[back] ?? '');
    index = end + 1;
  }
  return ordered;
}

/** A folder path's separators: its folders keep their order, each read in its own direction. */
const PATH_SEPARATOR = /([\\/])/;

function visualTokens(text: string, path: boolean): string[] {
  if (!RTL_LETTER.test(text)) return [text];
  if (!path) return visualOrder(text);
  const tokens: string[] = [];
  for (const part of text.split(PATH_SEPARATOR)) {
    for (const token of visualOrder(part)) tokens.push(token);
  }
  return tokens;
}

function isRtlFont(font: FontName): boolean {
  return font === 'NotoSansHebrew' || font === 'NotoNaskhArabic';
}

/**
 * Splits text into runs, each in a font that has its glyphs, in the order to draw them. A
 * `path` (`\\Inbox\\לקוחות 2026\\חוזים`) keeps its folders in order, left to right.
 */
export function textRuns(text: string, { path = false } = {}): TextRun[] {
  if (ROBOTO_ONLY.test(text)) return [{ text, font: 'Roboto' }];
  const order = fallbackOrder(text);
  const runs: TextRun[] = [];
  for (const token of visualTokens(text, path)) {
    const whitespace = token.trim().length === 0;
    for (const char of token) {
      const codePoint = char.codePointAt(0) ?? 0;
      const last = runs.at(-1);
      // Marks and neutral characters stay with the run before them when its font can draw them.
      const keep =
        last !== undefined &&
        (MARK.test(char) || !LETTER.test(char)) &&
        hasGlyph(last.font, codePoint) &&
        // A space must not join a right-to-left run: fontkit would mirror it to the far side.
        !(whitespace && isRtlFont(last.font));
      const font = keep
        ? last.font
        : whitespace
          ? 'Roboto'
          : (order.find((candidate) => hasGlyph(candidate, codePoint)) ?? 'Roboto');
      if (last?.font === font) {
        last.text += char;
      } else {
        runs.push({ text: char, font });
      }
    }
  }
  return runs;
}
