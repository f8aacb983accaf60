import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/analyze/index.js';
import { buildReport } from '../../src/report/index.js';
import { input, record } from './build.js';

describe('rule 2: the attacker sessions', () => {
  it('groups attributed records by session id, mailbox and actor, in order of first activity', () => {
    const audit = [
      record({
        id: 'r2',
        ip: '203.0.113.7:50123',
        sessionId: 'S-1',
        creationTime: '2026-10-03T10:05:00Z',
        clientInfo: 'Client=REST;Client=RESTSystem;',
      }),
      record({
        id: 'r1',
        ip: '198.51.100.20',
        sessionId: 's-1',
        creationTime: '2026-10-03T10:00:00Z',
      }),
      record({
        id: 'r3',
        ip: '192.0.2.10',
        sessionId: 's-1',
        operation: 'New-InboxRule',
        mailAccessType: null,
        creationTime: '2026-10-03T10:09:00Z',
      }),
      // The same session reading a mailbox delegated to the compromised account: its own row.
      record({ id: 'r4', ip: '203.0.113.7', sessionId: 's-1', mailbox: 'ceo@kwizzy.nl' }),
      // Legacy protocol without any session id.
      record({
        id: 'r5',
        ip: '203.0.113.7',
        clientInfo: 'Client=POP3/IMAP4;Protocol=IMAP4',
        creationTime: '2026-10-03T09:40:00Z',
      }),
      record({ id: 'r6', ip: '192.0.2.10', sessionId: 's-own' }),
    ];
    expect(analyzeCase(input({ audit })).sessions).toEqual([
      {
        session: 1,
        sessionId: null,
        mailbox: 'finance.lead@kwizzy.nl',
        actor: 'finance.lead@kwizzy.nl',
        ips: ['203.0.113.7'],
        firstSeen: '2026-10-03T09:40:00Z',
        lastSeen: '2026-10-03T09:40:00Z',
        attributedBy: ['ip'],
        clientInfo: ['Client=POP3/IMAP4;Protocol=IMAP4'],
        records: 1,
        auditRecordIds: ['r5'],
      },
      {
        session: 2,
        sessionId: 's-1',
        mailbox: 'ceo@kwizzy.nl',
        actor: 'finance.lead@kwizzy.nl',
        ips: ['203.0.113.7'],
        firstSeen: '2026-10-03T10:00:00Z',
        lastSeen: '2026-10-03T10:00:00Z',
        attributedBy: ['ip'],
        clientInfo: ['Client=OWA;Action=ViaProxy'],
        records: 1,
        auditRecordIds: ['r4'],
      },
      {
        session: 2,
        sessionId: 's-1',
        mailbox: 'finance.lead@kwizzy.nl',
        actor: 'finance.lead@kwizzy.nl',
        ips: ['192.0.2.10', '198.51.100.20', '203.0.113.7'],
        firstSeen: '2026-10-03T10:00:00Z',
        lastSeen: '2026-10-03T10:09:00Z',
        attributedBy: ['ip', 'session'],
        clientInfo: ['Client=OWA;Action=ViaProxy', 'Client=REST;Client=RESTSystem;'],
        records: 3,
        auditRecordIds: ['r1', 'r2', 'r3'],
      },
    ]);
  });

  it('counts a session once across mailboxes and ids, and keys records without id by app or address', () => {
    const audit = [
      // One Exchange session and its Entra sign-in session, then the sign-in session alone
      // reading a delegate mailbox: one session on two mailboxes.
      record({
        id: 'a1',
        ip: '203.0.113.7',
        sessionId: 'exo-1',
        aadSessionId: 'aad-1',
        creationTime: '2026-10-03T10:00:00Z',
      }),
      record({
        id: 'a2',
        ip: '203.0.113.7',
        aadSessionId: 'aad-1',
        mailbox: 'invoices@kwizzy.nl',
        creationTime: '2026-10-03T10:05:00Z',
      }),
      // Legacy IMAP without session ids from two attacker addresses: two sessions.
      record({ id: 'b1', ip: '198.51.100.8', creationTime: '2026-10-04T09:00:00Z' }),
      record({ id: 'b2', ip: '198.51.100.9', creationTime: '2026-10-04T09:10:00Z' }),
      // The attacker's app reading over Graph from changing addresses: one session.
      record({
        id: 'c1',
        ip: '198.51.100.20',
        appIds: ['8c3f6a2e-1d94-4b7a-9e05-3f7b1c8d2a6e'],
        creationTime: '2026-10-05T09:00:00Z',
      }),
      record({
        id: 'c2',
        ip: '198.51.100.21',
        appIds: ['8c3f6a2e-1d94-4b7a-9e05-3f7b1c8d2a6e'],
        creationTime: '2026-10-05T09:30:00Z',
      }),
    ];
    const sessions = analyzeCase(input({ audit })).sessions;
    expect(
      sessions.map((session) => [
        session.session,
        session.sessionId,
        session.mailbox,
        session.auditRecordIds,
      ]),
    ).toEqual([
      [1, 'exo-1', 'finance.lead@kwizzy.nl', ['a1']],
      [1, 'aad-1', 'invoices@kwizzy.nl', ['a2']],
      [2, null, 'finance.lead@kwizzy.nl', ['b1']],
      [3, null, 'finance.lead@kwizzy.nl', ['b2']],
      [4, null, 'finance.lead@kwizzy.nl', ['c1', 'c2']],
    ]);
    const report = buildReport({
      caseFile: input({ audit }).caseFile,
      inputs: [],
      analysis: analyzeCase(input({ audit })),
      problems: [],
      generatedAt: '2026-11-01T00:00:00Z',
      tool: { name: 'mailexposure', version: 'test' },
      collection: null,
      previous: null,
    });
    expect([report.summary.sessions, report.summary.sessionMailboxRows]).toEqual([4, 5]);
  });
});
