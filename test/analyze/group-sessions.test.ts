import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/analyze/index.js';
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
});
