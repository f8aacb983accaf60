import { JoinedIds } from './joined-ids.js';

/**
 * While records are still being read: the session ids known so far to be the attacker's, by
 * the session pivot over the keys seen so far (ids joined when one record carries both, a group
 * grounded when one of its records is attributed by its own evidence). Only ever grows, and is
 * a subset of the final answer: it decides which records are worth keeping whole as they pass,
 * so that few must be read again once the final answer is known.
 */
export class RunningSessions {
  private readonly joined = new JoinedIds();
  private readonly grounded = new Set<string>();
  private readonly carryGround = (group: string, into: string) => {
    if (this.grounded.delete(group)) this.grounded.add(into);
  };

  constructor(listed: Iterable<string>) {
    for (const id of listed) this.grounded.add(this.joined.groupOf(id));
  }

  /** A key's ids were seen on a record concerning a case account, grounded when attributed. */
  add(ids: readonly string[], grounded: boolean): void {
    const group = this.joined.join(ids, this.carryGround);
    if (group !== undefined && grounded) this.grounded.add(group);
  }

  isAttackers(ids: readonly string[]): boolean {
    return ids.some((id) => this.joined.has(id) && this.grounded.has(this.joined.groupOf(id)));
  }
}
