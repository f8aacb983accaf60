import { describe, expect, it } from 'vitest';
import { joinedGaps } from '../../src/collect/index.js';
import type { CollectionGap, GapPart } from '../../src/model/index.js';

const CEO = 'ceo@kwizzy.nl';

function delegateDay(day: number, cause: CollectionGap['cause'] = 'query-failed'): CollectionGap {
  const part: GapPart = {
    kind: 'delegate',
    mailbox: CEO,
    start: `2026-10-0${String(day)}T00:00:00Z`,
    end: `2026-10-0${String(day + 1)}T00:00:00Z`,
  };
  return {
    status: null,
    code: null,
    cause,
    meaning: 'its audit log query ended cancelled 3 times',
    step: 'audit',
    part,
    missing: `the audit records of ${CEO}'s own account from ${part.start} to ${part.end} were not collected`,
  };
}

describe('the gaps a report states', () => {
  it('joins the days of one mailbox that failed alike into one period, whatever their order', () => {
    const joined = joinedGaps([delegateDay(3), delegateDay(1), delegateDay(2)]);
    expect(joined).toHaveLength(1);
    const gap = joined[0];
    expect(gap?.part).toEqual({
      kind: 'delegate',
      mailbox: CEO,
      start: '2026-10-01T00:00:00Z',
      end: '2026-10-04T00:00:00Z',
    });
    expect(gap?.missing).toMatch(/from 2026-10-01T00:00:00Z to 2026-10-04T00:00:00Z/);
  });

  it('keeps apart periods with a day between them, or that failed for another cause', () => {
    const parts = joinedGaps([delegateDay(1), delegateDay(3), delegateDay(4, 'service-fault')]).map(
      (gap) => gap.part,
    );
    expect(parts.map((part) => (part.kind === 'delegate' ? part.start.slice(0, 10) : ''))).toEqual([
      '2026-10-01',
      '2026-10-03',
      '2026-10-04',
    ]);
  });
});
