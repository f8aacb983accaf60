import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/analyze/index.js';
import { folder, input, listing, lookup, record, traceRow } from './build.js';

const ATTACKER = '203.0.113.7';
const OFFICE = '192.0.2.10';

function throttled(id: string, ip: string, creationTime: string) {
  return record({ id, ip, creationTime, isThrottled: true, sessionId: `session-${ip}` });
}

describe('rule 6: presumed exposure while throttled', () => {
  it('opens a 24-hour window per throttled record, marked attributed or not', () => {
    const analysis = analyzeCase(
      input({
        audit: [
          throttled('t-owner', OFFICE, '2026-10-02T12:00:00Z'),
          throttled('t-attacker', ATTACKER, '2026-10-03T10:00:00Z'),
        ],
      }),
    );
    expect(analysis.throttledWindows).toEqual([
      {
        mailbox: 'finance.lead@kwizzy.nl',
        start: '2026-10-02T12:00:00Z',
        end: '2026-10-03T12:00:00Z',
        openedAt: '2026-10-02T12:00:00Z',
        attributed: false,
        auditRecordIds: ['t-owner'],
      },
      {
        mailbox: 'finance.lead@kwizzy.nl',
        start: '2026-10-03T10:00:00Z',
        end: '2026-10-04T10:00:00Z',
        openedAt: '2026-10-03T10:00:00Z',
        attributed: true,
        auditRecordIds: ['t-attacker'],
      },
    ]);
  });

  it('reports a window opened up to 24 hours before the case window, from the window start', () => {
    const mailbox = 'finance.lead@kwizzy.nl';
    const analysis = analyzeCase(
      input({
        audit: [
          // The case window opens 2026-10-01T00:00:00Z.
          throttled('t-before', ATTACKER, '2026-09-30T18:30:00Z'),
          throttled('t-too-early', ATTACKER, '2026-09-29T23:59:59Z'),
          record({ id: 'bind-before', ip: ATTACKER, creationTime: '2026-09-30T18:29:00Z' }),
        ],
        trace: [traceRow('<early@acme.example>', mailbox, { received: '2026-10-01T03:00:00Z' })],
      }),
    );
    expect(analysis.throttledWindows).toEqual([
      {
        mailbox,
        start: '2026-10-01T00:00:00Z',
        end: '2026-10-01T18:30:00Z',
        openedAt: '2026-09-30T18:30:00Z',
        attributed: true,
        auditRecordIds: ['t-before'],
      },
    ]);
    expect(analysis.messages.map((m) => [m.internetMessageId, m.exposure, m.firstAccess])).toEqual([
      ['early@acme.example', 'presumed-throttled', '2026-10-01T00:00:00Z'],
    ]);
    // The throttled record is cited and counted; the records before the window stay out.
    expect(analysis.auditRecords.map((r) => [r.id, r.attributedBy])).toEqual([
      ['t-before', ['ip']],
    ]);
    expect(analysis.recordsInScope).toBe(1);
    expect(analysis.sessions).toEqual([]);
  });

  it('attributes a throttled record before the window by the sessions seen inside it', () => {
    const analysis = analyzeCase(
      input({
        audit: [
          record({
            id: 't-before',
            ip: OFFICE,
            sessionId: 's-1',
            creationTime: '2026-09-30T20:00:00Z',
            isThrottled: true,
          }),
          record({
            id: 'read',
            ip: ATTACKER,
            sessionId: 's-1',
            creationTime: '2026-10-01T09:00:00Z',
          }),
        ],
      }),
    );
    expect(analysis.throttledWindows.map((w) => [w.start, w.openedAt, w.attributed])).toEqual([
      ['2026-10-01T00:00:00Z', '2026-09-30T20:00:00Z', true],
    ]);
    expect(analysis.auditRecords.find((r) => r.id === 't-before')?.attributedBy).toEqual([
      'session',
    ]);
  });

  it('merges overlapping and touching windows of the same attribution, not separate ones', () => {
    const windows = analyzeCase(
      input({
        audit: [
          throttled('t1', ATTACKER, '2026-10-03T10:00:00Z'),
          throttled('t2', ATTACKER, '2026-10-04T09:00:00Z'),
          throttled('t3', ATTACKER, '2026-10-05T09:00:00Z'),
          throttled('t4', ATTACKER, '2026-10-07T09:00:00Z'),
        ],
      }),
    ).throttledWindows;
    expect(windows.map((w) => [w.start, w.end, w.auditRecordIds])).toEqual([
      ['2026-10-03T10:00:00Z', '2026-10-06T09:00:00Z', ['t1', 't2', 't3']],
      ['2026-10-07T09:00:00Z', '2026-10-08T09:00:00Z', ['t4']],
    ]);
  });

  it('presumes exposed the known mail of the mailbox up to the end of an attributed window', () => {
    const mailbox = 'finance.lead@kwizzy.nl';
    const audit = [
      throttled('t-attacker', ATTACKER, '2026-10-03T10:00:00Z'),
      record({
        id: 'bind',
        ip: ATTACKER,
        creationTime: '2026-10-03T09:30:00Z',
        folders: [folder('\\Inbox', '<read@acme.example>')],
      }),
    ];
    const trace = [
      traceRow('<received@acme.example>', mailbox, { received: '2026-09-20T08:00:00Z' }),
      traceRow('<sent@kwizzy.nl>', 'supplier@acme.example', {
        sender: mailbox,
        received: '2026-10-04T09:59:59Z',
      }),
      traceRow('<too-late@acme.example>', mailbox, { received: '2026-10-04T10:00:01Z' }),
      traceRow('<read@acme.example>', mailbox),
      traceRow('<other-mailbox@acme.example>', 'sales@kwizzy.nl'),
    ];
    const lookups = [lookup(mailbox, '<looked-up@kwizzy.nl>', { date: '2026-10-01T07:00:00Z' })];
    const analysis = analyzeCase(input({ audit, trace, lookups }));
    expect(analysis.messages.map((m) => [m.internetMessageId, m.exposure])).toEqual([
      ['read@acme.example', 'confirmed'],
      ['looked-up@kwizzy.nl', 'presumed-throttled'],
      ['received@acme.example', 'presumed-throttled'],
      ['sent@kwizzy.nl', 'presumed-throttled'],
    ]);
    expect(analysis.messages[1]).toMatchObject({
      firstAccess: '2026-10-03T10:00:00Z',
      lastAccess: '2026-10-03T10:00:00Z',
      accessCount: 1,
      sessions: ['session-203.0.113.7'],
      auditRecordIds: ['t-attacker'],
    });
    // The confirmed message does not cite the throttled record: it is proven by its Bind.
    expect(analysis.messages[0]?.auditRecordIds).toEqual(['bind']);
  });

  it('does not presume a message in a mailbox it never reached (failed, quarantined)', () => {
    const mailbox = 'finance.lead@kwizzy.nl';
    const analysis = analyzeCase(
      input({
        audit: [throttled('t-attacker', ATTACKER, '2026-10-03T10:00:00Z')],
        trace: [
          traceRow('<delivered@acme.example>', mailbox),
          traceRow('<bounced@acme.example>', mailbox, { status: 'Failed' }),
          traceRow('<phish@evil.example>', mailbox, {
            sender: 'ceo@evil.example',
            status: 'Quarantined',
          }),
          // A message the mailbox sent is in its Sent Items whether or not it was delivered.
          traceRow('<sent@kwizzy.nl>', 'old.address@acme.example', {
            sender: mailbox,
            status: 'Failed',
          }),
        ],
      }),
    );
    expect(analysis.messages.map((m) => [m.mailbox, m.internetMessageId, m.exposure])).toEqual([
      [mailbox, 'delivered@acme.example', 'presumed-throttled'],
      [mailbox, 'sent@kwizzy.nl', 'presumed-throttled'],
    ]);
    expect(analysis.dataSubjects.map((subject) => subject.address)).not.toContain(
      'ceo@evil.example',
    );
  });

  it('gives a message listed in two folders the same folder whatever the order of listings', () => {
    const mailbox = 'finance.lead@kwizzy.nl';
    const toSelf = { id: '<note-to-self@kwizzy.nl>', date: '2026-10-02T08:00:00Z' };
    const listings = [
      listing(mailbox, '\\Sent Items', [toSelf]),
      listing(mailbox, '\\Inbox', [toSelf]),
    ];
    const folderWith = (order: typeof listings) =>
      analyzeCase(
        input({
          audit: [throttled('t-attacker', ATTACKER, '2026-10-03T10:00:00Z')],
          folderListings: order,
        }),
      ).messages.map((m) => [m.internetMessageId, m.exposure, m.folder]);
    expect(folderWith(listings)).toEqual([
      ['note-to-self@kwizzy.nl', 'presumed-throttled', '\\Sent Items'],
    ]);
    expect(folderWith([...listings].reverse())).toEqual(folderWith(listings));
  });

  it('presumes nothing from a window whose throttled record is not the attacker’s', () => {
    const analysis = analyzeCase(
      input({
        audit: [throttled('t-owner', OFFICE, '2026-10-03T10:00:00Z')],
        trace: [traceRow('<received@acme.example>', 'finance.lead@kwizzy.nl')],
      }),
    );
    expect(analysis.throttledWindows).toHaveLength(1);
    expect(analysis.messages).toEqual([]);
    expect(analysis.mailboxes).toEqual([]);
  });
});
