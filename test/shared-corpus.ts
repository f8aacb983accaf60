import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The real audit records of ../shared/corpus, beside the checkout. They are never copied into
 * the project, so a clone elsewhere (CI's fresh clone in a temporary directory) has none: tests
 * over them skip, and their name says why.
 */
export function corpusPath(relative: string): string {
  return fileURLToPath(new URL(`../../shared/corpus/${relative}`, import.meta.url));
}

export const corpusPresent = existsSync(corpusPath('records.jsonl'));
if (!corpusPresent) {
  // vitest's summary only counts skipped tests: say which and why where the run is read.
  console.warn(`tests over the real corpus skipped: ${corpusPath('')} is not beside this checkout`);
}

/** A suite name that says, where the corpus is absent, that the suite was skipped and why. */
export function corpusSuite(name: string): string {
  return corpusPresent ? name : `${name} (skipped: ../shared/corpus is not beside this checkout)`;
}
