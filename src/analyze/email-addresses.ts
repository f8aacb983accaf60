const ADDRESS = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;

/**
 * The addresses a recipient value names, lower-cased, in order, once each: `smtp:` prefixes,
 * display names, brackets and separators (`;`, `,`) fall away. A value naming no address (an
 * Exchange legacy DN, an alias) is kept whole, so a target is never silently lost.
 */
export function targetsIn(text: string | null): string[] {
  const value = text?.trim() ?? '';
  if (value === '' || value === '$null') return [];
  const found = [
    ...new Set([...value.matchAll(ADDRESS)].map(([address]) => address.toLowerCase())),
  ];
  return found.length > 0 ? found : [value];
}

/** True for text that is an address (a target named only by alias is not). */
export function isAddress(text: string): boolean {
  return text.includes('@') && !/\s/.test(text);
}
