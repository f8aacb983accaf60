import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** A problem found in the case file, placed by its key path rather than by line. */
export interface CaseIssue {
  path: readonly PropertyKey[];
  message: string;
  /** Point at the key itself rather than at its value (an unknown key). */
  atKey?: boolean;
}

export interface Position {
  line: number;
  column: number;
}

/**
 * Where an issue's path is in the YAML source, 1-based. A path that leads to a value points at
 * that value; one whose last keys are missing points at the deepest mapping that exists (where
 * the key should be added); an empty value points just after its key's colon.
 */
export function locateIssue(
  doc: Document,
  lineCounter: LineCounter,
  issue: CaseIssue,
): Position | null {
  let node: Node | null = doc.contents;
  let key: Node | null = null;
  for (const segment of issue.path) {
    const current = isAlias(node) ? node.resolve(doc) : node;
    const next = childOf(current, segment);
    if (next === null) break;
    [key, node] = next;
  }
  const target = issue.atKey === true && key !== null ? key : (node ?? key);
  const offset = target?.range?.[0];
  if (offset === undefined) return doc.contents === null ? { line: 1, column: 1 } : null;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** The key node (null for a list item) and value node under `segment`, or null when absent. */
function childOf(node: unknown, segment: PropertyKey): [Node | null, Node | null] | null {
  if (isMap(node)) {
    for (const pair of node.items) {
      const keyText = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (keyText === String(segment)) {
        const key = pair.key as Node;
        return [key, (pair.value as Node | null) ?? key];
      }
    }
    return null;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment] as Node | null | undefined;
    return item === undefined || item === null ? null : [null, item];
  }
  return null;
}

/** `threatActor.ips[1]` for `['threatActor', 'ips', 1]`; null for the whole file. */
export function formatKeyPath(path: readonly PropertyKey[]): string | null {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? null : text;
}
