import { describe, expect, it } from 'vitest';
import { analyzeCase, attributeRecords, threatActorOf } from '../../src/analyze/index.js';
import type { AuditRecord, SignInRecord } from '../../src/model/index.js';
import { caseFile, input, record, signIn } from './build.js';

const OFFICE = '192.0.2.10';

function reasonsOf(
  records: AuditRecord[],
  signIns: SignInRecord[] = [],
  threatActor = caseFile().threatActor,
): Record<string, string[]> {
  const actor = threatActorOf(caseFile({ threatActor })).threatActor;
  const { reasons } = attributeRecords(records, signIns, actor);
  return Object.fromEntries(records.map((r) => [r.id, reasons.get(r.id) ?? []]));
}

describe('rule 2: attribution', () => {
  it('matches client addresses as addresses, in every written form and in v4 and v6 ranges', () => {
    const records = [
      record({ id: 'exact', ip: '203.0.113.7' }),
      record({ id: 'v4-port', ip: '198.51.100.77:52311' }),
      record({ id: 'mapped', ip: '::ffff:203.0.113.7' }),
      record({ id: 'mapped-bracketed', ip: '[::ffff:198.51.100.4]:443' }),
      record({ id: 'v6-bracketed-port', ip: '[2001:db8:66:1::5]:443' }),
      record({ id: 'v6-long-form', ip: '2001:0DB8:0066:0000::0001' }),
      record({ id: 'v4-outside', ip: '198.51.101.1' }),
      record({ id: 'v6-outside', ip: '2001:db8:67::1' }),
      record({ id: 'host-name', ip: '[cool.client.local]:12345' }),
    ];
    expect(reasonsOf(records)).toEqual({
      exact: ['ip'],
      'v4-port': ['ip'],
      mapped: ['ip'],
      'mapped-bracketed': ['ip'],
      'v6-bracketed-port': ['ip'],
      'v6-long-form': ['ip'],
      'v4-outside': [],
      'v6-outside': [],
      'host-name': [],
    });
  });

  it('pivots on sessions: a record of an attacker session counts from any address', () => {
    const records = [
      record({ id: 'from-attacker', ip: '203.0.113.7', sessionId: 'AAAA-1111' }),
      record({ id: 'same-session-elsewhere', ip: OFFICE, sessionId: 'aaaa-1111' }),
      record({ id: 'own-session', ip: OFFICE, sessionId: 'bbbb-2222' }),
    ];
    expect(reasonsOf(records)).toEqual({
      // The pivot derives from this record's address: no second, independent ground.
      'from-attacker': ['ip'],
      'same-session-elsewhere': ['session'],
      'own-session': [],
    });
  });

  it('pivots on AADSessionId as well as SessionId', () => {
    const records = [
      record({ id: 'aad-from-attacker', ip: '203.0.113.7', aadSessionId: 'cccc-3333' }),
      record({
        id: 'aad-elsewhere',
        ip: OFFICE,
        sessionId: 'dddd-4444',
        aadSessionId: 'cccc-3333',
      }),
      record({ id: 'top-level-of-that', ip: OFFICE, sessionId: 'dddd-4444' }),
    ];
    expect(reasonsOf(records)).toEqual({
      'aad-from-attacker': ['ip'],
      'aad-elsewhere': ['session'],
      // aad-elsewhere joins dddd-4444 to cccc-3333, seen from an attacker address.
      'top-level-of-that': ['session'],
    });
  });

  it('takes listed sessions and apps from the case, whatever their case', () => {
    const threatActor = {
      ips: ['203.0.113.7'],
      sessionIds: ['eeee-5555'],
      appIds: ['9f1c2b7e-0000-4000-8000-00000000abcd'],
    };
    const records = [
      record({ id: 'listed-session', ip: OFFICE, sessionId: 'EEEE-5555' }),
      record({ id: 'listed-and-ip', ip: '203.0.113.7', sessionId: 'eeee-5555' }),
      record({ id: 'app', ip: OFFICE, appIds: ['9f1c2b7e-0000-4000-8000-00000000abcd'] }),
    ];
    expect(reasonsOf(records, [], threatActor)).toEqual({
      'listed-session': ['session'],
      'listed-and-ip': ['ip', 'session'],
      app: ['app'],
    });
  });

  it('pivots on sign-ins from an attacker address by AADSessionId and by UniqueTokenId', () => {
    const signIns = [
      signIn('[2001:db8:66::9]:443', { sessionId: 'FFFF-6666', uniqueTokenId: 'tok-A1b2' }),
      signIn(OFFICE, { sessionId: 'own-7777', uniqueTokenId: 'tok-own' }),
    ];
    const records = [
      record({ id: 'by-session', ip: OFFICE, aadSessionId: 'ffff-6666' }),
      record({ id: 'by-token', ip: OFFICE, uniqueTokenId: 'tok-A1b2' }),
      record({ id: 'token-other-case', ip: OFFICE, uniqueTokenId: 'TOK-A1B2' }),
      record({ id: 'own-sign-in', ip: OFFICE, aadSessionId: 'own-7777', uniqueTokenId: 'tok-own' }),
      // Only AADSessionId is joined to the Entra session id (FORMATS.md §4), but by-session
      // makes ffff-6666 an attacker session, whichever field names it.
      record({ id: 'top-level-only', ip: OFFICE, sessionId: 'ffff-6666' }),
    ];
    expect(reasonsOf(records, signIns)).toEqual({
      'by-session': ['signIn'],
      'by-token': ['signIn'],
      'token-other-case': [],
      'own-sign-in': [],
      'top-level-only': ['session'],
    });
  });

  it("pivots across ids from a listed session: the id it is seen with is the attacker's too", () => {
    const threatActor = { ips: ['203.0.113.7'], sessionIds: ['listed-1111'], appIds: [] };
    const records = [
      // A rule made in OWA names only the SessionId; the read names both.
      record({ id: 'read', ip: OFFICE, sessionId: 'LISTED-1111', aadSessionId: 'aad-2222' }),
      record({
        id: 'rule-by-aad',
        ip: OFFICE,
        aadSessionId: 'AAD-2222',
        operation: 'New-InboxRule',
      }),
      record({ id: 'unrelated', ip: OFFICE, aadSessionId: 'aad-9999' }),
    ];
    expect(reasonsOf(records, [], threatActor)).toEqual({
      read: ['session'],
      'rule-by-aad': ['session'],
      unrelated: [],
    });
  });

  it('pivots across ids from a sign-in: a SessionId seen with a signed-in AADSessionId', () => {
    const signIns = [signIn('203.0.113.7', { sessionId: 'entra-3333' })];
    const records = [
      record({ id: 'tied', ip: OFFICE, sessionId: 'exo-4444', aadSessionId: 'entra-3333' }),
      record({ id: 'exo-only', ip: OFFICE, sessionId: 'exo-4444' }),
    ];
    expect(reasonsOf(records, signIns)).toEqual({ tied: ['signIn'], 'exo-only': ['session'] });
  });

  it('follows joined ids to a fixed point, whatever the order of the records', () => {
    const records = [
      record({ id: 'c-d', ip: OFFICE, sessionId: 'c', aadSessionId: 'd' }),
      record({ id: 'only-d', ip: OFFICE, aadSessionId: 'd' }),
      record({ id: 'b-c', ip: OFFICE, sessionId: 'c', aadSessionId: 'b' }),
      record({ id: 'a-b', ip: OFFICE, sessionId: 'a', aadSessionId: 'b' }),
      record({ id: 'seen', ip: '203.0.113.7', sessionId: 'a' }),
    ];
    const expected = {
      'c-d': ['session'],
      'only-d': ['session'],
      'b-c': ['session'],
      'a-b': ['session'],
      seen: ['ip'],
    };
    expect(reasonsOf(records)).toEqual(expected);
    expect(reasonsOf([...records].reverse())).toEqual(expected);
  });

  it('lists a session ground on an attacker address only when other evidence gives it', () => {
    const signIns = [signIn('203.0.113.7', { sessionId: 'entra-5555' })];
    const records = [
      record({ id: 'signed-in', ip: OFFICE, sessionId: 'exo-6666', aadSessionId: 'entra-5555' }),
      record({ id: 'from-attacker', ip: '203.0.113.7', sessionId: 'exo-6666' }),
    ];
    expect(reasonsOf(records, signIns)).toEqual({
      // Each is the attacker's by its own ground and, through the joined session, the other's.
      'signed-in': ['session', 'signIn'],
      'from-attacker': ['ip', 'session'],
    });
  });

  it('checks every address a record names: an attacker address in ClientIP alone counts', () => {
    const proxied = record({
      id: 'proxied',
      ip: OFFICE,
      clientIps: [OFFICE, '203.0.113.7'],
      sessionId: 'proxied-session',
    });
    expect(reasonsOf([proxied])).toEqual({ proxied: ['ip'] });
    const [session] = analyzeCase(input({ audit: [proxied] })).sessions;
    expect(session?.ips).toEqual([OFFICE, '203.0.113.7']);
  });

  it('does not attribute a user reading their own mail from their own address', () => {
    const own = record({ ip: OFFICE, sessionId: 'own-8888', aadSessionId: 'own-8888' });
    const analysis = analyzeCase(input({ audit: [own] }));
    expect(analysis.sessions).toEqual([]);
    expect(analysis.messages).toEqual([]);
    expect(analysis.recordsInScope).toBe(1);
  });

  it('counts as used only the sign-ins that tied an in-scope record to the attacker', () => {
    const used = signIn('203.0.113.7', { sessionId: 'ffff-6666' });
    const unmatched = signIn('203.0.113.7', { sessionId: 'never-seen' });
    const analysis = analyzeCase(
      input({
        audit: [record({ ip: OFFICE, aadSessionId: 'ffff-6666' })],
        signIns: [used, unmatched],
      }),
    );
    expect(analysis.inputUse['evidence/signins.json']).toEqual({
      inScope: 1,
      duplicates: 0,
      used: 1,
    });
    expect(analysis.sessions[0]?.attributedBy).toEqual(['signIn']);
  });

  it('reports a threat-actor address that does not parse instead of dropping it silently', () => {
    const threatActor = { ips: ['203.0.113.7', '203.0.113'], sessionIds: [], appIds: [] };
    const { threatActor: actor, problems } = threatActorOf(caseFile({ threatActor }));
    expect(actor.ranges).toHaveLength(1);
    expect(problems).toMatchObject([{ code: 'notice', input: null }]);
  });
});
