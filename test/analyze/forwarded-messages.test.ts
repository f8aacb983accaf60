import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/analyze/index.js';
import type { TraceRecord } from '../../src/model/index.js';
import { activityAnalysis, activityId } from './activity-fixture.js';
import { activityRecord, folder, input, record, traceRow } from './build.js';

const MAILBOX = 'finance.lead@kwizzy.nl';
const INVOICE = '20261007091402.8D5DB2@mail.druckhaus-rheinland.de';
const REDIRECTED = 'CAK+Rd1rEct@mail.cloudquiz-hosting.eu';
const PAYSLIPS = 'AM9PR05MB7777AAAA01@AM9PR05MB7777.eurprd05.prod.outlook.com';
const ACTIVITY = 'evidence/activity-audit-data.ndjson';
const TRACE = 'evidence/activity-message-trace.csv';

describe('rule 11: forwarded mail', () => {
  it('finds each message forwarded out while the rule or forwarding was in force', async () => {
    const { messages } = await activityAnalysis();
    const forwarded = messages.filter((message) => message.exposure === 'forwarded');
    expect(
      forwarded.map((message) => [
        message.internetMessageId,
        message.forwarding?.by,
        message.forwarding?.link,
        message.forwarding?.targets,
        message.firstAccess,
      ]),
    ).toEqual([
      [
        INVOICE,
        'inbox-rule',
        'inferred',
        ['kwizzy.finance@outlook-mail.example'],
        '2026-10-07T09:14:40Z',
      ],
      [REDIRECTED, 'inbox-rule', 'same-id', ['payments@kwizzy-nl.example'], '2026-10-07T15:20:13Z'],
      [
        PAYSLIPS,
        'mailbox-forwarding',
        'same-id',
        ['kwizzy.backup@proton-mail.example'],
        '2026-10-08T12:00:01Z',
      ],
    ]);
    // A reply sent before any rule existed, and an invoice delivered after the rule was
    // disabled, did not leave through forwarding.
    expect(messages.map((message) => message.internetMessageId)).not.toContain(
      '20261010101010.99AA11@mail.druckhaus-rheinland.de',
    );
    expect(messages.map((message) => message.internetMessageId)).not.toContain(
      '20261002081500.1A2B3C@mail.druckhaus-rheinland.de',
    );
  });

  it('links an inbox-rule forward to its original by subject and time, and says so', async () => {
    const invoice = (await activityAnalysis()).messages.find(
      (m) => m.internetMessageId === INVOICE,
    );
    expect(invoice?.forwarding).toEqual({
      by: 'inbox-rule',
      rule: '.',
      targets: ['kwizzy.finance@outlook-mail.example'],
      forwardedAt: '2026-10-07T09:14:40Z',
      link: 'inferred',
      copyId: 'AM9PR05MB2209C0FFEE01@AM9PR05MB2209.eurprd05.prod.outlook.com',
      trace: [
        { input: TRACE, line: 3 },
        { input: TRACE, line: 5 },
      ],
    });
    // It cites the records that set up and ended both rules forwarding there.
    expect(invoice?.auditRecordIds).toEqual([activityId('01'), activityId('03'), activityId('06')]);
    expect(invoice?.subject).toBe('Rechnung Nr. 4811');
  });

  it('ranks forwarded above confirmed and keeps the read records cited', async () => {
    const read = record({
      id: 'bind-of-invoice',
      ip: '203.0.113.45',
      creationTime: '2026-10-07T10:00:00Z',
      folders: [folder('\\RSS Feeds', `<${INVOICE}>`)],
    });
    const invoice = (await activityAnalysis([read])).messages.find(
      (m) => m.internetMessageId === INVOICE,
    );
    expect(invoice?.exposure).toBe('forwarded');
    expect(invoice?.auditRecordIds).toContain('bind-of-invoice');
    expect(invoice?.auditRecordIds).toContain(activityId('01'));
  });

  it('counts the original people as data subjects, never the forwarding targets', async () => {
    const result = await activityAnalysis();
    const redirected = result.messages.find((m) => m.internetMessageId === REDIRECTED);
    // The trace row to the redirect target is the forwarded copy, not a recipient.
    expect(redirected?.recipients).toEqual([MAILBOX]);
    expect(redirected?.sender).toBe('billing@cloudquiz-hosting.eu');
    expect(result.dataSubjects.map((subject) => subject.address)).toEqual([
      'a.visser@kwizzy.nl',
      'billing@cloudquiz-hosting.eu',
      MAILBOX,
      'invoices@kwizzy.nl',
      'rechnung@druckhaus-rheinland.de',
    ]);
  });

  it('counts the trace rows it used as used evidence', async () => {
    const { inputUse } = await activityAnalysis();
    // Rows 3-9 show forwarding and name the forwarded messages' people; 11-12 name the
    // recipients of the attacker's sent mail. Rows 2 and 10 show nothing the report uses.
    expect(inputUse[TRACE]?.used).toBe(9);
    expect(inputUse[ACTIVITY]?.used).toBe(15);
  });

  it('does not take a forward to an address inside the case domains as leaving', () => {
    const rule = activityRecord(
      'New-InboxRule',
      {
        parameters: [
          { name: 'Name', value: 'copy' },
          { name: 'ForwardTo', value: 'assistant@kwizzy.nl' },
        ],
      },
      { id: 'internal-forward', ip: '203.0.113.7', creationTime: '2026-10-03T09:00:00Z' },
    );
    const rows: TraceRecord[] = [
      traceRow('<orig@acme.example>', MAILBOX, { received: '2026-10-04T08:00:00Z' }),
      traceRow('<orig@acme.example>', 'assistant@kwizzy.nl', {
        received: '2026-10-04T08:00:01Z',
      }),
    ];
    const result = analyzeCase(input({ audit: [rule], trace: rows }));
    expect(result.activity.inboxRules[0]?.externalTargets).toEqual([]);
    expect(result.messages).toEqual([]);
  });
});
