import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/analyze/index.js';
import { scopeRecords } from '../../src/analyze/scope-records.js';
import { threatActorOf } from '../../src/analyze/threat-actor.js';
import type { AuditRecord, SignInRecord } from '../../src/model/index.js';
import { caseFile, folder, input, record, signIn } from './build.js';

/**
 * The analysis decides scope and attribution (rules 1 and 2) over one representative per scope
 * key, and only over the keys an attacker could reach (scope-keys.ts); every other key is
 * decided by rule 1 alone. Whatever the records, that must be what the rules decide over every
 * record: the same records in scope, the same records attributed, on the same grounds.
 */
const ACCOUNTS = ['finance.lead@kwizzy.nl', 'j.devries@kwizzy.nl'];
const MAILBOXES = [...ACCOUNTS, 'shared.finance@kwizzy.nl', 'ceo@kwizzy.nl'];
const ACTORS = [...ACCOUNTS, 'ceo@kwizzy.nl', 'NT AUTHORITY\\SYSTEM (Microsoft.Exchange.Store)'];
// GUIDs as the readers lower-case them, and a session id that is no GUID, written with and
// without spaces around it: the pivot compares ids trimmed.
const SESSIONS = [
  '5f0c3a1e-6b2d-4c8f-9a71-2e4d6b8f0a13',
  '7a9e1c3b-4d5f-4e6a-8b7c-9d0e1f2a3b4c',
  '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  ' owa-session-17 ',
  'owa-session-17',
  null,
];
const ADDRESSES = ['203.0.113.7', '198.51.100.40', '192.0.2.15', undefined];
const TIMES = [
  '2026-10-03T10:00:00Z',
  '2026-10-14T23:59:59Z',
  '2026-09-30T14:00:00Z', // 10 hours before the window: throttling reaches into it
  '2026-09-29T20:00:00Z', // 28 hours before: out of reach
  '2026-10-15T00:00:01Z',
];

const pick = <T>(values: readonly T[]) =>
  fc.nat({ max: values.length - 1 }).map((at) => values[at] as T);

const recordFacts = fc.record({
  mailbox: pick(MAILBOXES),
  actor: pick(ACTORS),
  sessionId: pick(SESSIONS),
  aadSessionId: pick(SESSIONS),
  ip: pick(ADDRESSES),
  time: pick(TIMES),
  throttled: fc.boolean(),
});

const GUIDS = SESSIONS.slice(0, 3).filter((id) => id !== null);

const caseFacts = fc.record({
  records: fc.array(recordFacts, { minLength: 1, maxLength: 40 }),
  listed: fc.subarray(GUIDS, { maxLength: 1 }),
  signedIn: fc.subarray(GUIDS, { maxLength: 2 }),
});

describe('the scope decision over scope keys', () => {
  it('puts in scope and attributes exactly the records the rules do over every record', () => {
    fc.assert(
      fc.property(caseFacts, ({ records: facts, listed, signedIn }) => {
        const kwizzy = caseFile({
          accounts: ACCOUNTS,
          threatActor: { ips: ['203.0.113.0/24'], sessionIds: listed, appIds: [] },
        });
        const audit: AuditRecord[] = facts.map((fact, at) =>
          record({
            id: `rec-${String(at)}`,
            mailbox: fact.mailbox,
            actor: fact.actor,
            sessionId: fact.sessionId,
            aadSessionId: fact.aadSessionId,
            ip: fact.ip,
            creationTime: fact.time,
            isThrottled: fact.throttled,
            folders: [folder('Inbox', `<m-${String(at)}@kwizzy.nl>`)],
          }),
        );
        const signIns: SignInRecord[] = signedIn.map((session) =>
          signIn('203.0.113.9', { sessionId: session }),
        );
        const expected = scopeRecords(audit, kwizzy, threatActorOf(kwizzy).threatActor, signIns);
        const analysis = analyzeCase(input({ caseFile: kwizzy, audit, signIns }));

        expect(analysis.recordsInScope).toBe(
          expected.records.length + expected.throttledBefore.length,
        );
        const attributed = new Map(
          analysis.auditRecords
            .filter((cited) => cited.attributedBy.length > 0)
            .map((cited) => [cited.id, cited.attributedBy]),
        );
        const expectedAttributed = new Map(
          [...expected.records, ...expected.throttledBefore]
            .filter((inScope) => expected.attribution.reasons.has(inScope.id))
            .map((inScope) => [inScope.id, expected.attribution.reasons.get(inScope.id)]),
        );
        expect(attributed).toEqual(expectedAttributed);
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });
});
