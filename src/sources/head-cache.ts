/**
 * Every reader's `detect` looks at the same head; the work of reading it (parsing a CSV
 * header, a first JSON record) is done once per head and reused.
 */
export function cachedForHead<T>(compute: (head: string) => T): (head: string) => T {
  let lastHead: string | null = null;
  let lastResult: T | undefined;
  return (head) => {
    if (head !== lastHead || lastResult === undefined) {
      lastResult = compute(head);
      lastHead = head;
    }
    return lastResult;
  };
}
