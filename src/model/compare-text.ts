/**
 * Code-unit order. Unlike `localeCompare` it gives the same result on every machine and in
 * every locale, which a reproducible report needs. Every sort of text in the pipeline uses it.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
