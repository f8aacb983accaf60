import type { Content } from 'pdfmake/interfaces.js';
import { drawableText } from './drawable-text.js';
import { textRuns } from './text-runs.js';

/**
 * Text from the evidence, drawn in whichever fonts its scripts need, invisible characters
 * shown by their code.
 */
export function richText(text: string, options: { path?: boolean } = {}): Content {
  const runs = textRuns(drawableText(text), options);
  const [first] = runs;
  if (runs.length === 1 && first?.font === 'Roboto') return first.text;
  return runs.map((run) => ({ text: run.text, font: run.font }));
}

/** A zero-width space after `@` lets a long address wrap between mailbox and domain. */
export function breakableAddress(address: string): string {
  return address.replace('@', '@\u200b');
}

/** Characters after which an id may wrap: GUID groups, host labels, local parts. */
const ID_BREAK_AFTER = /[-.@_$+=/]/;

/**
 * A zero-width space after the punctuation of a long id (GUID, message id) lets it wrap
 * there rather than anywhere, and never so close to its end that a fragment such as "om"
 * stands alone on the last line.
 */
export function breakableId(id: string, minTail = 10): string {
  let out = '';
  for (let index = 0; index < id.length; index += 1) {
    const char = id.charAt(index);
    out += char;
    if (ID_BREAK_AFTER.test(char) && id.length - index - 1 >= minTail) out += '\u200b';
  }
  return out;
}

/** A zero-width space between the words of a name such as SearchQueryInitiatedExchange. */
export function breakableName(name: string): string {
  return name.replace(/(\p{Ll})(?=\p{Lu})/gu, '$1\u200b');
}
