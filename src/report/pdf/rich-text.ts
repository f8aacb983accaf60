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
