/**
 * While records are still being read: the session ids known so far to be the attacker's, by
 * the session pivot over the keys seen so far (ids joined when one record carries both, a group
 * grounded when one of its records is attributed by its own evidence). Only ever grows, and is
 * a subset of the final answer: it decides which records are worth keeping whole as they pass,
 * so that few must be read again once the final answer is known.
 */
export class RunningSessions {
  private readonly parent = new Map<string, string>();
  private readonly grounded = new Set<string>();

  constructor(listed: Iterable<string>) {
    for (const id of listed) this.grounded.add(this.root(id));
  }

  /** A key's ids were seen on a record concerning a case account, grounded when attributed. */
  add(ids: readonly string[], grounded: boolean): void {
    const [first, ...rest] = ids;
    if (first === undefined) return;
    const root = this.root(first);
    for (const id of rest) {
      const other = this.root(id);
      if (other === root) continue;
      this.parent.set(other, root);
      if (this.grounded.delete(other)) this.grounded.add(root);
    }
    if (grounded) this.grounded.add(root);
  }

  isAttackers(ids: readonly string[]): boolean {
    return ids.some((id) => this.parent.has(id) && this.grounded.has(this.root(id)));
  }

  private root(id: string): string {
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
}
