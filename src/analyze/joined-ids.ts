/** Session ids joined into groups (union-find with path halving). */
export class JoinedIds {
  private readonly parent = new Map<string, string>();

  /**
   * Joins the ids into one group and returns the id naming it; `absorbed` hears of each group
   * that stops being named by its own id, so a caller can carry what it knows about it over.
   */
  join(
    ids: readonly string[],
    absorbed?: (group: string, into: string) => void,
  ): string | undefined {
    const [first, ...rest] = ids;
    if (first === undefined) return undefined;
    const root = this.groupOf(first);
    for (const id of rest) {
      const other = this.groupOf(id);
      if (other === root) continue;
      this.parent.set(other, root);
      absorbed?.(other, root);
    }
    return root;
  }

  /** The id naming the group `id` belongs to (itself when never joined). */
  groupOf(id: string): string {
    let current = id;
    if (!this.parent.has(current)) this.parent.set(current, current);
    for (;;) {
      const up = this.parent.get(current) ?? current;
      if (up === current) return current;
      const upper = this.parent.get(up) ?? up;
      this.parent.set(current, upper);
      current = upper;
    }
  }

  has(id: string): boolean {
    return this.parent.has(id);
  }

  ids(): Iterable<string> {
    return this.parent.keys();
  }
}
