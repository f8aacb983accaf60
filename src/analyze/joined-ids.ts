/** Session ids (as text, or by number) joined into groups (union-find with path halving). */
export class JoinedIds<Id = string> {
  private readonly parent = new Map<Id, Id>();

  /**
   * Joins the ids into one group and returns the id naming it; `absorbed` hears of each group
   * that stops being named by its own id, so a caller can carry what it knows about it over.
   */
  join(ids: readonly Id[], absorbed?: (group: Id, into: Id) => void): Id | undefined {
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
  groupOf(id: Id): Id {
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

  has(id: Id): boolean {
    return this.parent.has(id);
  }

  ids(): Iterable<Id> {
    return this.parent.keys();
  }
}
