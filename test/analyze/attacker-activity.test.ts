import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/analyze/index.js';
import { activityAnalysis, activityId } from './activity-fixture.js';
import { input } from './build.js';

const MAILBOX = 'finance.lead@kwizzy.nl';
const FORWARD_TO = 'kwizzy.finance@outlook-mail.example';
const REDIRECT_TO = 'payments@kwizzy-nl.example';
const MAILBOX_FORWARD_TO = 'kwizzy.backup@proton-mail.example';
const SENT_ID =
  'AM9PR05MB2209AF85AF43EABD64533BB6EEB2168908C4@AM9PR05MB2209.eurprd05.prod.outlook.com';

describe('rule 10: what else the attacker did', () => {
  it('follows an inbox rule from creation by the attacker to its removal by the owner', async () => {
    const { activity } = await activityAnalysis();
    const rule = activity.inboxRules.find((found) => found.name === '.');
    expect(rule).toMatchObject({
      mailbox: MAILBOX,
      conditions: ['SubjectOrBodyContainsWords: invoice;factuur;IBAN'],
      forwardTargets: [FORWARD_TO, REDIRECT_TO],
      externalTargets: [FORWARD_TO, REDIRECT_TO],
      createdAt: '2026-10-03T09:05:31Z',
      stoppedAt: '2026-10-09T10:30:00Z',
      state: 'removed',
      sessions: ['c0a1e5f2-3b47-4d8e-9a61-5f2d7b3e8c14'],
    });
    expect(rule?.actions.map((action) => [action.kind, action.targets, action.folder])).toEqual([
      ['forward', [FORWARD_TO], null],
      ['move', [], '\\RSS Feeds'],
      ['mark-read', [], null],
      ['stop-processing', [], null],
      ['redirect', [REDIRECT_TO], null],
    ]);
    expect(rule?.events.map((event) => [event.kind, event.operation, event.attributed])).toEqual([
      ['created', 'New-InboxRule', true],
      ['changed', 'Set-InboxRule', true],
      ['disabled', 'Disable-InboxRule', false],
      ['removed', 'Remove-InboxRule', false],
    ]);
  });

  it('reads a rule whose parameters are one string, and an Outlook rule named by its id', async () => {
    const { activity } = await activityAnalysis();
    expect(activity.inboxRules.map((rule) => [rule.name, rule.state])).toEqual([
      ['.', 'removed'],
      ['Bank', 'active'],
      ['-5764607523034234879', 'active'],
    ]);
    const bank = activity.inboxRules[1];
    expect(bank?.conditions).toEqual(['From: relatiebeheer@noordzeebank.nl']);
    expect(bank?.actions.map((action) => action.kind)).toEqual(['delete', 'stop-processing']);
    const outlook = activity.inboxRules[2];
    expect(outlook?.conditions).toEqual(['{(SubString IgnoreCase(SubjectProperty)=betaling)}']);
    expect(outlook?.actions).toEqual([
      { kind: 'forward', targets: [FORWARD_TO], folder: null, text: `Forward: ${FORWARD_TO}` },
    ]);
  });

  it('follows mailbox forwarding until someone else clears it', async () => {
    const { activity } = await activityAnalysis();
    expect(activity.mailboxForwarding).toEqual([
      expect.objectContaining({
        mailbox: MAILBOX,
        target: MAILBOX_FORWARD_TO,
        external: true,
        keepsCopy: true,
        setAt: '2026-10-03T09:07:02Z',
        stoppedAt: '2026-10-09T10:35:40Z',
        state: 'removed',
        auditRecordIds: [activityId('07'), activityId('08')],
      }),
    ]);
    const [cleared] = activity.mailboxForwarding[0]?.events.slice(1) ?? [];
    expect(cleared).toMatchObject({
      kind: 'cleared',
      actor: 'it.admin@kwizzy.nl',
      attributed: false,
    });
  });

  it('lists sent mail with recipients from message trace, else from the record', async () => {
    const { activity } = await activityAnalysis();
    expect(
      activity.sentMessages.map((sent) => [
        sent.operation,
        sent.mailbox,
        sent.sentAs,
        sent.internetMessageId,
        sent.recipients,
        sent.recipientsFrom,
      ]),
    ).toEqual([
      [
        'Send',
        MAILBOX,
        null,
        SENT_ID,
        ['buchhaltung@lindqvist-spielwaren.de', 'einkauf@lindqvist-spielwaren.de'],
        'message-trace',
      ],
      [
        'SendAs',
        'invoices@kwizzy.nl',
        'invoices@kwizzy.nl',
        'AM9PR05MB2209BB85AF43EABD64533BB6EEB2168908C5@AM9PR05MB2209.eurprd05.prod.outlook.com',
        ['buchhaltung@lindqvist-spielwaren.de', 'einkauf@lindqvist-spielwaren.de'],
        'audit-record',
      ],
    ]);
  });

  it('lists the search terms and says searches were audited', async () => {
    const { activity } = await activityAnalysis();
    expect(activity.searchesAudited).toBe(true);
    expect(activity.searches).toEqual([
      expect.objectContaining({
        searchedAt: '2026-10-03T08:31:07Z',
        queryText: 'IBAN',
        querySource: 'OWA',
        auditRecordIds: [activityId('11')],
      }),
    ]);
  });

  it('lists what the attacker deleted, purged and moved to a hidden folder', async () => {
    const { activity } = await activityAnalysis();
    expect(
      activity.hiddenMessages.map((hidden) => [
        hidden.kind,
        hidden.internetMessageId?.slice(0, 20) ?? null,
        hidden.fromFolder,
        hidden.toFolder,
      ]),
    ).toEqual([
      ['moved', '389939859.05636.Java', '\\Inbox\\Bank', '\\RSS Feeds'],
      ['deleted', 'AM9PR05MB2209AF85AF4', '\\Sent Items', '\\Deleted Items'],
      ['soft-deleted', 'AM9PR05MB2209AF85AF4', '\\Deleted Items', null],
      ['purged', 'AM9PR05MB2209AF85AF4', '\\Recoverable Items\\Deletions', null],
    ]);
  });

  it('cites every activity record it reports', async () => {
    const { auditRecords } = await activityAnalysis();
    const cited = new Set(auditRecords.map((record) => record.id));
    for (let n = 1; n <= 15; n += 1)
      expect(cited.has(activityId(String(n).padStart(2, '0')))).toBe(true);
  });

  it('says when searches were not audited at all', () => {
    expect(analyzeCase(input()).activity.searchesAudited).toBe(false);
  });
});
