import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/analyze/index.js';
import { folder, input, record } from './build.js';

const ATTACKER = '203.0.113.7';
const OFFICE = '192.0.2.10';

describe('rule 1: scope', () => {
  it('includes records exactly at both ends of the window and excludes those 1 s outside', () => {
    const audit = [
      // The start written with a fraction: as text it sorts before `…00:00Z`, as an instant it is equal.
      record({ id: 'at-start', ip: ATTACKER, creationTime: '2026-10-01T00:00:00.0000000Z' }),
      record({ id: 'at-end', ip: ATTACKER, creationTime: '2026-10-15T00:00:00Z' }),
      record({ id: 'before', ip: ATTACKER, creationTime: '2026-09-30T23:59:59Z' }),
      record({ id: 'after', ip: ATTACKER, creationTime: '2026-10-15T00:00:01Z' }),
    ];
    const analysis = analyzeCase(input({ audit }));
    expect(analysis.recordsInScope).toBe(2);
    expect(analysis.sessions.flatMap((session) => session.auditRecordIds)).toEqual([
      'at-end',
      'at-start',
    ]);
    expect(analysis.firstAttackerAccess).toBe('2026-10-01T00:00:00Z');
    expect(analysis.lastAttackerAccess).toBe('2026-10-15T00:00:00Z');
  });

  it('takes records whose actor or whose mailbox is a case account, not other mailboxes', () => {
    const audit = [
      record({
        id: 'as-actor',
        ip: ATTACKER,
        actor: 'finance.lead@kwizzy.nl',
        mailbox: 'ceo@kwizzy.nl',
      }),
      record({
        id: 'on-mailbox',
        ip: OFFICE,
        actor: 'it.admin@kwizzy.nl',
        mailbox: 'finance.lead@kwizzy.nl',
      }),
      record({ id: 'unrelated', ip: ATTACKER, actor: 'sales@kwizzy.nl' }),
    ];
    expect(analyzeCase(input({ audit })).recordsInScope).toBe(2);
  });

  it('brings a mailbox the attacker reached through a case account into scope, with its throttling', () => {
    const delegated = record({
      id: 'delegate-bind',
      ip: ATTACKER,
      actor: 'finance.lead@kwizzy.nl',
      mailbox: 'accounts@kwizzy.nl',
      logonType: 2,
      folders: [folder('\\Inbox', '<iban-change@acme.example>')],
    });
    const ownerThrottled = record({
      id: 'owner-throttled',
      ip: OFFICE,
      actor: 'accounts@kwizzy.nl',
      creationTime: '2026-10-04T08:00:00Z',
      isThrottled: true,
    });
    const analysis = analyzeCase(input({ audit: [delegated, ownerThrottled] }));
    expect(analysis.recordsInScope).toBe(2);
    expect(analysis.throttledWindows).toEqual([
      {
        mailbox: 'accounts@kwizzy.nl',
        start: '2026-10-04T08:00:00Z',
        end: '2026-10-05T08:00:00Z',
        openedAt: '2026-10-04T08:00:00Z',
        attributed: false,
        auditRecordIds: ['owner-throttled'],
      },
    ]);
    // The owner's own record is in scope but not the attacker's.
    expect(analysis.sessions.flatMap((session) => session.auditRecordIds)).toEqual([
      'delegate-bind',
    ]);
  });

  it('does not bring in a mailbox the case account reached legitimately (not attributed)', () => {
    const audit = [
      record({ ip: OFFICE, actor: 'finance.lead@kwizzy.nl', mailbox: 'accounts@kwizzy.nl' }),
      record({ ip: OFFICE, actor: 'accounts@kwizzy.nl', isThrottled: true }),
    ];
    const analysis = analyzeCase(input({ audit }));
    expect(analysis.recordsInScope).toBe(1);
    expect(analysis.throttledWindows).toEqual([]);
  });

  it('counts a record read from two overlapping exports once and cites both places', () => {
    const first = record({ id: 'dup', ip: ATTACKER, folders: [folder('\\Inbox', '<a@x>')] });
    const second = { ...first, source: { input: 'evidence/audit/ual-2.csv', line: 7 } };
    const analysis = analyzeCase(input({ audit: [first, second] }));
    expect(analysis.recordsInScope).toBe(1);
    expect(analysis.messages[0]?.accessCount).toBe(1);
    // Sources are listed by input path, then line.
    expect(analysis.auditRecords[0]?.sources).toEqual([second.source, first.source]);
    expect(analysis.inputUse).toEqual({
      'evidence/audit/ual-2.csv': { inScope: 0, duplicates: 1, used: 0 },
      'evidence/audit/ual.json': { inScope: 1, duplicates: 0, used: 1 },
    });
    expect(analysis.problems).toEqual([]);
  });

  it('keeps the copy of the input listed first, whatever the input paths', () => {
    const first = record({ id: 'dup', ip: ATTACKER });
    const second = { ...first, source: { input: 'evidence/audit/a-later-export.csv', line: 2 } };
    const use = analyzeCase(input({ audit: [first, second] })).inputUse;
    expect(use['evidence/audit/ual.json']).toEqual({ inScope: 1, duplicates: 0, used: 1 });
    expect(use['evidence/audit/a-later-export.csv']).toEqual({
      inScope: 0,
      duplicates: 1,
      used: 0,
    });
  });

  it('keeps the same copy of a conflicting duplicate whatever the inputs are named or ordered', () => {
    // Two exports disagree about one record: which copy counts must not hinge on file names.
    const base = record({ id: 'dup', ip: ATTACKER, folders: [folder('\\Inbox', '<a@x>')] });
    const other = { ...base, clientIp: OFFICE, clientIps: [OFFICE], clientIpRaw: OFFICE };
    const kept = new Set<string>();
    for (const [first, second] of [
      ['evidence/audit/a.json', 'evidence/audit/b.json'],
      ['evidence/audit/b.json', 'evidence/audit/a.json'],
    ] as const) {
      for (const copies of [
        [
          { ...base, source: { input: first, line: 3 } },
          { ...other, source: { input: second, line: 9 } },
        ],
        [
          { ...other, source: { input: second, line: 9 } },
          { ...base, source: { input: first, line: 3 } },
        ],
      ]) {
        const analysis = analyzeCase(input({ audit: copies }));
        const [problem] = analysis.problems;
        expect(analysis.problems).toHaveLength(1);
        expect(problem).toMatchObject({ code: 'conflicting-duplicate' });
        expect(problem?.message).toContain('differs in clientIp, clientIpRaw, clientIps');
        // The problem sits at the copy not used and names the copy used.
        const used = copies.find((copy) => copy.source.line !== problem?.line);
        expect(problem?.message).toContain(`${used?.source.input}:${used?.source.line}`);
        kept.add(used?.clientIp ?? '');
        expect(analysis.recordsInScope).toBe(1);
      }
    }
    expect(kept.size).toBe(1);
  });
});
