/**
 * Characters that draw nothing, or silently reorder the text after them (U+202E turns
 * `invoice‮fdp.exe` into `invoiceexe.pdf`): control characters other than the line break,
 * bidirectional controls, byte order marks and lone surrogates.
 */
const INVISIBLE = /(?!\n)\p{Cc}|[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]|\p{Cs}/gu;

/**
 * No text is drawn longer than this: fit-content cuts it there and says so, so what lies
 * beyond is not even looked at (one character more is kept to show that there was more).
 */
export const TEXT_CHARACTER_LIMIT = 10_000;

/** pdfmake splits an unbroken word by measuring ever shorter prefixes: keep words short. */
export const UNBROKEN_LIMIT = 40;

const BREAK = /[\s\u200b]/u;
/** A break here would separate a character from what completes it. */
const JOINS_BEFORE = /\p{M}|\u200c|\u200d/u;

/** `[U+202E]`: what the reader sees instead of an invisible character. */
export function placeholder(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`;
}

/**
 * Evidence text made safe to draw: every invisible character shown as its code, and a
 * zero-width break opportunity after every `UNBROKEN_LIMIT` characters of an unbroken run, so
 * that laying a cell out costs time in proportion to its length, whatever it holds.
 */
export function drawableText(text: string): string {
  const kept = text.length > TEXT_CHARACTER_LIMIT ? text.slice(0, TEXT_CHARACTER_LIMIT + 1) : text;
  const visible = kept.replace(INVISIBLE, placeholder);
  let result = '';
  let run = 0;
  let pending = false;
  for (const char of visible) {
    if (pending && !JOINS_BEFORE.test(char) && !BREAK.test(char)) {
      result += '\u200b';
      run = 0;
    }
    result += char;
    run = BREAK.test(char) ? 0 : run + 1;
    pending = run >= UNBROKEN_LIMIT;
  }
  return result;
}
