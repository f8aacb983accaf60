import type { IdNumbers } from './id-numbers.js';
import { JoinedIds } from './joined-ids.js';

/**
 * While records are still being read: the session ids known so far to be the attacker's, by
 * the session pivot over the keys seen so far (ids joined when one record carries both, a group
 * grounded when one of its records is attributed by its own evidence). Only ever grows, and is
 * a subset of the final answer: it decides which records are worth keeping whole as they pass,
 * so that few must be read again once the final answer is known. Ids are held by their number
 * (IdNumbers), not as text: a million records hold a few hundred thousand sessions.
 */
export class RunningSessions {
  private readonly joined = new JoinedIds<number>();
  private readonly grounded = new Set<number>();
  private readonly carryGround = (group: number, into: number) => {
    if (this.grounded.delete(group)) this.grounded.add(into);
  };

  constructor(
    listed: Iterable<string>,
    private readonly numbers: IdNumbers,
  ) {
    for (const id of listed) this.grounded.add(this.joined.groupOf(numbers.add(id)));
  }

  /** A key's ids were seen on a record concerning a case account, grounded when attributed. */
  add(ids: readonly string[], grounded: boolean): void {
    const numbers: number[] = [];
    for (const id of ids) numbers.push(this.numbers.add(id));
    const group = this.joined.join(numbers, this.carryGround);
    if (group !== undefined && grounded) this.grounded.add(group);
  }

  isAttackers(ids: readonly string[]): boolean {
    for (const id of ids) {
      const number = this.numbers.find(id);
      if (
        number !== -1 &&
        this.joined.has(number) &&
        this.grounded.has(this.joined.groupOf(number))
      ) {
        return true;
      }
    }
    return false;
  }
}
