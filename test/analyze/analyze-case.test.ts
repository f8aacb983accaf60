import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/analyze/index.js';
import type { AnalysisInput } from '../../src/analyze/index.js';
import { folder, input, listing, lookup, record, signIn, traceRow } from './build.js';

const MAILBOX = 'finance.lead@kwizzy.nl';

/** A small case touching every rule: two exports overlapping, Bind, Sync, throttling, sign-ins. */
function evidence(): AnalysisInput {
  const bind = record({
    id: 'bind-1',
    ip: '[2001:db8:66::5]:443',
    sessionId: 's-web',
    creationTime: '2026-10-03T10:00:00Z',
    folders: [folder('\\Inbox', '\\u003cinvoice@acme.example\\u003e', '<payroll@kwizzy.nl>')],
  });
  const bindCopy = { ...bind, source: { input: 'evidence/audit/ual-2.csv', line: 2 } };
  const sync = record({
    id: 'sync-1',
    ip: '192.0.2.10',
    aadSessionId: 'aad-outlook',
    mailAccessType: 'Sync',
    clientInfo: 'Client=MSExchangeRPC',
    creationTime: '2026-10-04T09:00:00Z',
    folders: [folder('\\Sent Items')],
  });
  const throttle = record({
    id: 'throttle-1',
    ip: '203.0.113.7',
    sessionId: 's-web',
    isThrottled: true,
    creationTime: '2026-10-05T12:00:00Z',
  });
  const own = record({ id: 'own-1', ip: '192.0.2.10', sessionId: 's-own' });
  return input({
    audit: [bind, sync, throttle, own, bindCopy],
    trace: [
      traceRow('<invoice@acme.example>', MAILBOX, { sender: 'billing@acme.example' }),
      traceRow('<invoice@acme.example>', 'ap@kwizzy.nl', { sender: 'billing@acme.example' }),
      traceRow('<old@acme.example>', MAILBOX, { received: '2026-09-28T07:00:00Z' }),
    ],
    signIns: [signIn('198.51.100.8', { sessionId: 'AAD-OUTLOOK' })],
    lookups: [lookup(MAILBOX, '<payroll@kwizzy.nl>')],
    folderListings: [
      listing(MAILBOX, '\\Sent Items', [{ id: 'reply@kwizzy.nl', date: '2026-10-03T11:00:00Z' }]),
    ],
  });
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('rule 9: every finding cites its audit records', () => {
  it('gives each message, folder, window and session sorted record ids, all of them cited', () => {
    const analysis = analyzeCase(evidence());
    expect(
      analysis.messages.map((m) => [m.internetMessageId, m.exposure, m.auditRecordIds]),
    ).toEqual([
      ['invoice@acme.example', 'confirmed', ['bind-1']],
      ['payroll@kwizzy.nl', 'confirmed', ['bind-1']],
      ['reply@kwizzy.nl', 'presumed-sync', ['sync-1']],
      ['old@acme.example', 'presumed-throttled', ['throttle-1']],
    ]);
    expect(analysis.folders.map((f) => f.auditRecordIds)).toEqual([['sync-1']]);
    expect(analysis.throttledWindows.map((w) => w.auditRecordIds)).toEqual([['throttle-1']]);
    expect(analysis.sessions.map((s) => [s.sessionId, s.auditRecordIds])).toEqual([
      ['s-web', ['bind-1', 'throttle-1']],
      ['aad-outlook', ['sync-1']],
    ]);
    expect(analysis.auditRecords).toEqual([
      {
        id: 'bind-1',
        creationTime: '2026-10-03T10:00:00Z',
        operation: 'MailItemsAccessed',
        mailAccessType: 'Bind',
        mailbox: MAILBOX,
        actor: MAILBOX,
        clientIp: '2001:db8:66::5',
        sessionId: 's-web',
        attributedBy: ['ip'],
        sources: [
          { input: 'evidence/audit/ual-2.csv', line: 2 },
          { input: 'evidence/audit/ual.json', line: expect.any(Number) as number },
        ],
      },
      expect.objectContaining({ id: 'sync-1', attributedBy: ['signIn'] }),
      expect.objectContaining({ id: 'throttle-1', attributedBy: ['ip'] }),
    ]);
  });

  it('sums up inputs, mailboxes, people and the attacker’s first and last access', () => {
    const analysis = analyzeCase(evidence());
    expect(analysis.recordsInScope).toBe(4);
    expect(analysis.inputUse).toEqual({
      'evidence/audit/ual-2.csv': { inScope: 0, duplicates: 1, used: 0 },
      'evidence/audit/ual.json': { inScope: 4, duplicates: 0, used: 3 },
      'evidence/signins.json': { inScope: 1, duplicates: 0, used: 1 },
      'evidence/trace/trace.csv': { inScope: 3, duplicates: 0, used: 3 },
      'out/evidence/folders.jsonl': { inScope: 1, duplicates: 0, used: 1 },
      'out/evidence/lookups.jsonl': { inScope: 1, duplicates: 0, used: 1 },
    });
    expect(analysis.mailboxes).toEqual([MAILBOX]);
    expect(analysis.firstAttackerAccess).toBe('2026-10-03T10:00:00Z');
    expect(analysis.lastAttackerAccess).toBe('2026-10-05T12:00:00Z');
    expect(analysis.dataSubjects.map((s) => [s.address, s.internal, s.messages])).toEqual([
      ['ap@kwizzy.nl', true, 1],
      ['billing@acme.example', false, 1],
      ['colleague@kwizzy.nl', true, 1],
      [MAILBOX, true, 4],
      ['hr@kwizzy.nl', true, 1],
      ['supplier@acme.example', false, 1],
    ]);
    expect(analysis.problems).toEqual([]);
  });
});

describe('determinism', () => {
  it('gives the identical analysis whatever the order of records within the inputs', () => {
    const given = evidence();
    const expected = JSON.stringify(analyzeCase(given));
    // Inputs keep their order (it decides which copy of a duplicate is kept); records do not.
    const inputs = [...new Set(given.audit.map((r) => r.source.input))];
    for (const seed of [1, 7, 42, 1234, 99991]) {
      const audit = inputs.flatMap((path) =>
        shuffled(
          given.audit.filter((r) => r.source.input === path),
          seed,
        ),
      );
      const reordered: AnalysisInput = {
        ...given,
        audit,
        trace: shuffled(given.trace, seed),
        signIns: shuffled(given.signIns, seed),
        lookups: shuffled(given.lookups, seed),
        folderListings: shuffled(given.folderListings, seed),
      };
      expect(JSON.stringify(analyzeCase(reordered))).toBe(expected);
    }
  });
});
