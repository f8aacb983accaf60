import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/analyze/index.js';
import { folder, input, record } from './build.js';

const ATTACKER = '203.0.113.7';

describe('rule 3: mailbox and actor', () => {
  it('places a message read through delegation in the owner’s mailbox, not the actor’s', () => {
    const delegated = record({
      ip: ATTACKER,
      actor: 'finance.lead@kwizzy.nl',
      mailbox: 'ceo@kwizzy.nl',
      logonType: 2,
      folders: [folder('\\Inbox', '<board-minutes@kwizzy.nl>')],
    });
    const [message] = analyzeCase(input({ audit: [delegated] })).messages;
    expect(message?.mailbox).toBe('ceo@kwizzy.nl');
    expect(message?.internetMessageId).toBe('board-minutes@kwizzy.nl');
  });
});

describe('rule 4: confirmed exposure', () => {
  it('exposes every listed message id of an attributed Bind, compared without brackets or escapes', () => {
    const audit = [
      record({
        id: 'b1',
        ip: ATTACKER,
        sessionId: 's-1',
        creationTime: '2026-10-03T10:00:00Z',
        operationCount: 7,
        folders: [
          folder('\\Inbox', '\\u003cinvoice-118@acme.example\\u003e', '<payroll@kwizzy.nl>'),
          folder('\\Sent Items', 'reply-1@kwizzy.nl'),
        ],
      }),
      record({
        id: 'b2',
        ip: ATTACKER,
        sessionId: 's-2',
        creationTime: '2026-10-04T11:30:00Z',
        folders: [folder('\\Inbox\\Projects', '<invoice-118@acme.example>')],
      }),
    ];
    const messages = analyzeCase(input({ audit })).messages;
    expect(
      messages.map((m) => [
        m.internetMessageId,
        m.exposure,
        m.accessCount,
        m.folder,
        m.auditRecordIds,
      ]),
    ).toEqual([
      ['invoice-118@acme.example', 'confirmed', 2, '\\Inbox', ['b1', 'b2']],
      ['payroll@kwizzy.nl', 'confirmed', 1, '\\Inbox', ['b1']],
      ['reply-1@kwizzy.nl', 'confirmed', 1, '\\Sent Items', ['b1']],
    ]);
    expect(messages[0]).toMatchObject({
      firstAccess: '2026-10-03T10:00:00Z',
      lastAccess: '2026-10-04T11:30:00Z',
      sessions: ['s-1', 's-2'],
    });
  });

  it('exposes nothing from a Bind that is not the attacker’s', () => {
    const own = record({ ip: '192.0.2.10', folders: [folder('\\Inbox', '<a@kwizzy.nl>')] });
    expect(analyzeCase(input({ audit: [own] })).messages).toEqual([]);
  });

  it('keeps other attributed operations in the session but exposes nothing through them', () => {
    const rule = record({
      ip: ATTACKER,
      operation: 'New-InboxRule',
      mailAccessType: null,
      item: { subject: 'x', parentFolder: '\\Inbox', internetMessageId: null, attachments: [] },
    });
    const analysis = analyzeCase(input({ audit: [rule] }));
    expect(analysis.messages).toEqual([]);
    expect(analysis.sessions[0]?.auditRecordIds).toEqual([rule.id]);
    expect(analysis.firstAttackerAccess).toBeNull();
  });

  it('counts a MailItemsAccessed record without MailAccessType as Bind, with a notice', () => {
    const untyped = record({
      ip: ATTACKER,
      mailAccessType: null,
      folders: [folder('\\Inbox', '<a@kwizzy.nl>')],
    });
    const analysis = analyzeCase(input({ audit: [untyped] }));
    expect(analysis.messages.map((m) => m.exposure)).toEqual(['confirmed']);
    expect(analysis.problems).toMatchObject([{ code: 'notice', line: untyped.source.line }]);
  });
});
