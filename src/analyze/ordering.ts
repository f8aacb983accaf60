import type { SourcePosition } from '../model/index.js';

import { compareText } from '../model/index.js';

export { compareText };

/** Like compareText, with null before every string. */
export function compareOptionalText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compareText(a, b);
}

/** By input path, then line. */
export function comparePositions(a: SourcePosition, b: SourcePosition): number {
  return compareText(a.input, b.input) || a.line - b.line;
}

export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

/** Positions sorted by input then line, each place once. */
export function sortedUniquePositions(positions: Iterable<SourcePosition>): SourcePosition[] {
  const unique = new Map<string, SourcePosition>();
  for (const position of positions) {
    unique.set(`${position.input}\n${position.line}`, {
      input: position.input,
      line: position.line,
    });
  }
  return [...unique.values()].sort(comparePositions);
}
