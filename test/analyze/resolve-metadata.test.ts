import { describe, expect, it } from 'vitest';
import { analyzeCase, resolveMetadata } from '../../src/analyze/index.js';
import type { ExposureFinding } from '../../src/analyze/index.js';
import { input, lookup, record, traceRow } from './build.js';

const MAILBOX = 'finance.lead@kwizzy.nl';

function finding(id: string, fields: Partial<ExposureFinding> = {}): ExposureFinding {
  return {
    mailbox: MAILBOX,
    internetMessageId: id,
    exposure: 'confirmed',
    firstAccess: '2026-10-06T10:00:00Z',
    lastAccess: '2026-10-06T10:00:00Z',
    accessCount: 1,
    sessions: [],
    folder: '\\Inbox',
    auditRecordIds: ['rec-1'],
    auditSubject: null,
    auditDate: null,
    ...fields,
  };
}

const COVERAGE = [
  traceRow('<first-day@acme.example>', MAILBOX, { received: '2026-10-05T00:10:00Z' }),
  traceRow('<last-day@acme.example>', MAILBOX, { received: '2026-10-14T23:50:00Z' }),
];

describe('rule 7: metadata', () => {
  it('aggregates the one-row-per-recipient message trace into one message', () => {
    const trace = [
      traceRow('<q3-forecast@kwizzy.nl>', 'cfo@kwizzy.nl', {
        sender: 'Finance.Lead@kwizzy.nl',
        received: '2026-10-06T08:00:02Z',
      }),
      traceRow('<q3-forecast@kwizzy.nl>', 'advisor@bank.example', {
        sender: 'finance.lead@kwizzy.nl',
        received: '2026-10-06T08:00:01Z',
      }),
      traceRow('<q3-forecast@kwizzy.nl>', 'board@kwizzy.nl', {
        sender: 'finance.lead@kwizzy.nl',
        received: '2026-10-06T08:00:03Z',
      }),
    ];
    const { messages } = resolveMetadata([finding('q3-forecast@kwizzy.nl')], {
      trace: [...trace].reverse(),
      lookups: [],
      folderListings: [],
    });
    expect(messages[0]).toMatchObject({
      sender: 'finance.lead@kwizzy.nl',
      recipients: ['advisor@bank.example', 'board@kwizzy.nl', 'cfo@kwizzy.nl'],
      subject: 'Invoice 2026-118',
      date: '2026-10-06T08:00:01Z',
      metadataSource: 'message-trace',
      unresolvedReason: null,
    });
  });

  it('prefers a Graph lookup in the mailbox to the message trace', () => {
    const { messages } = resolveMetadata([finding('payroll@kwizzy.nl')], {
      trace: [traceRow('<payroll@kwizzy.nl>', MAILBOX)],
      lookups: [lookup(MAILBOX, '<payroll@kwizzy.nl>', { metadataSource: 'graph-recoverable' })],
      folderListings: [],
    });
    expect(messages[0]).toMatchObject({
      sender: 'hr@kwizzy.nl',
      subject: 'Payroll October',
      metadataSource: 'graph-recoverable',
    });
  });

  it('keeps an unresolved message with the lookup’s reason and the span the trace covers', () => {
    const { messages } = resolveMetadata(
      [
        finding('old@acme.example', {
          auditSubject: 'RE: bank details',
          auditDate: '2026-09-01T08:00:00Z',
        }),
      ],
      {
        trace: COVERAGE,
        lookups: [
          lookup(MAILBOX, 'old@acme.example', {
            found: false,
            metadataSource: null,
            reason: 'not found in mailbox or recoverable items',
          }),
        ],
        folderListings: [],
      },
    );
    expect(messages[0]).toMatchObject({
      subject: 'RE: bank details',
      sender: null,
      recipients: [],
      date: '2026-09-01T08:00:00Z',
      metadataSource: 'audit-record',
      unresolvedReason:
        'not found in mailbox or recoverable items; not found in message trace (trace covers 2026-10-05…2026-10-14)',
    });
    expect(messages[0]?.unresolvedReasons).toEqual([
      { code: 'lookup-not-found', detail: 'not found in mailbox or recoverable items' },
      {
        code: 'not-in-message-trace',
        traceFrom: expect.stringMatching(/^2026-10-05T.*Z$/) as unknown,
        traceTo: expect.stringMatching(/^2026-10-14T.*Z$/) as unknown,
      },
    ]);
  });

  it('says so when there is no message trace at all, and keeps a message with no metadata', () => {
    const { messages } = resolveMetadata([finding('bare@acme.example')], {
      trace: [],
      lookups: [],
      folderListings: [],
    });
    expect(messages[0]).toMatchObject({
      subject: null,
      metadataSource: null,
      unresolvedReason: 'no message trace was provided',
      unresolvedReasons: [{ code: 'no-message-trace' }],
    });
  });

  it('says which source named nobody when a found message has no sender or recipient', () => {
    const { messages } = resolveMetadata([finding('draft@kwizzy.nl')], {
      trace: COVERAGE,
      lookups: [lookup(MAILBOX, '<draft@kwizzy.nl>', { sender: null, recipients: [] })],
      folderListings: [],
    });
    expect(messages[0]).toMatchObject({
      subject: 'Payroll October',
      metadataSource: 'graph-mailbox',
      unresolvedReasons: [
        {
          code: 'not-in-message-trace',
          traceFrom: '2026-10-05T00:10:00Z',
          traceTo: '2026-10-14T23:50:00Z',
        },
        { code: 'source-names-nobody', source: 'graph-mailbox' },
      ],
    });
  });

  it('counts the trace rows that gave metadata as used', () => {
    const analysis = analyzeCase(
      input({
        audit: [
          record({
            ip: '203.0.113.7',
            folders: [{ path: '\\Inbox', items: [] }],
            item: {
              subject: 'x',
              parentFolder: '\\Inbox',
              internetMessageId: '<m@x.example>',
              attachments: [],
            },
          }),
        ],
        trace: [
          traceRow('<m@x.example>', MAILBOX),
          traceRow('<m@x.example>', 'b@kwizzy.nl'),
          ...COVERAGE,
        ],
      }),
    );
    expect(analysis.messages.map((m) => m.metadataSource)).toEqual(['message-trace']);
    expect(analysis.inputUse['evidence/trace/trace.csv']).toEqual({
      inScope: 2,
      duplicates: 0,
      used: 2,
    });
  });
});
