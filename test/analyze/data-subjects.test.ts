import { describe, expect, it } from 'vitest';
import { analyzeCase, dataSubjects, nonPersonKind } from '../../src/analyze/index.js';
import { notAddresses } from '../../src/analyze/data-subjects.js';
import type { ExposedMessage, Exposure } from '../../src/model/index.js';
import { folder, input, record, signIn, traceRow } from './build.js';

function message(
  sender: string | null,
  recipients: string[],
  fields: { exposure?: Exposure; mailbox?: string } = {},
): ExposedMessage {
  return {
    mailbox: fields.mailbox ?? 'finance.lead@kwizzy.nl',
    internetMessageId: [
      String(sender),
      recipients.join(','),
      ...(fields.exposure === undefined ? [] : [fields.exposure]),
    ].join('-'),
    exposure: fields.exposure ?? 'confirmed',
    firstAccess: '2026-10-03T10:00:00Z',
    lastAccess: '2026-10-03T10:00:00Z',
    accessCount: 1,
    sessions: [],
    folder: '\\Inbox',
    subject: null,
    subjectWithheld: false,
    sender,
    recipients,
    date: null,
    metadataSource: null,
    unresolvedReason: null,
    unresolvedReasons: [],
    auditRecordIds: ['rec-1'],
    forwarding: null,
    attachments: [],
    leads: [],
  };
}

const noHints = {
  domains: ['kwizzy.nl', 'kwizzy.onmicrosoft.com'],
  names: new Map<string, string>(),
  hints: { nonPersonAddresses: [], personAddresses: [], sharedMailboxes: new Set<string>() },
};

const hints = (fields: Partial<Parameters<typeof nonPersonKind>[1]> = {}) => ({
  nonPersonAddresses: [],
  personAddresses: [],
  sharedMailboxes: new Set<string>(),
  named: new Set<string>(),
  ...fields,
});

describe('rule 8: data subjects', () => {
  it('counts each distinct address once per message and tells internal from external', () => {
    const subjects = dataSubjects(
      [
        message('Supplier@Acme.example', ['finance.lead@kwizzy.nl', 'finance.lead@kwizzy.nl']),
        message('finance.lead@kwizzy.nl', ['supplier@acme.example', 'ops@eu.kwizzy.nl']),
        message('hr@kwizzy.onmicrosoft.com', ['someone@notkwizzy.nl']),
        message(null, []),
      ],
      noHints,
    );
    expect(
      subjects.map(({ address, internal, messages }) => [address, internal, messages]),
    ).toEqual([
      ['finance.lead@kwizzy.nl', true, 2],
      ['hr@kwizzy.onmicrosoft.com', true, 1],
      ['ops@eu.kwizzy.nl', true, 1],
      ['someone@notkwizzy.nl', false, 1],
      ['supplier@acme.example', false, 2],
    ]);
  });

  it('splits a person’s messages by their strongest level and names the mailboxes', () => {
    const [subject] = dataSubjects(
      [
        message('a.visser@kwizzy.nl', ['x@acme.example']),
        message('a.visser@kwizzy.nl', ['y@acme.example'], {
          exposure: 'presumed-sync',
          mailbox: 'm.kowalska@kwizzy.nl',
        }),
        message('z@acme.example', ['a.visser@kwizzy.nl'], { exposure: 'presumed-throttled' }),
      ],
      { ...noHints, names: new Map([['a.visser@kwizzy.nl', 'Anouk Visser']]) },
    );
    expect(subject).toEqual({
      address: 'a.visser@kwizzy.nl',
      internal: true,
      messages: 3,
      displayName: 'Anouk Visser',
      forwardedMessages: 0,
      confirmedMessages: 1,
      presumedMessages: 2,
      mailboxes: ['finance.lead@kwizzy.nl', 'm.kowalska@kwizzy.nl'],
      nonPerson: null,
      leads: [],
    });
  });

  it('tells addresses that are likely not a person: devices, no-reply, role, shared mailboxes', () => {
    const kinds = Object.fromEntries(
      [
        'scan@kwizzy.onmicrosoft.com',
        'noreply@mx.noordzeebank.nl',
        'do-not-reply@bank.example',
        'invoices@kwizzy.nl',
        'facturen@utrechtse-verpakking.nl',
        'einkauf@lindqvist-spielwaren.de',
        'accounts.payable.notifications@muller.example.de',
        'finance.lead@kwizzy.nl',
        'a.nowak@drukarnia-wisla.pl',
        'cfo@kwizzy.nl',
      ].map((address) => [
        address,
        nonPersonKind(address, hints({ sharedMailboxes: new Set(['invoices@kwizzy.nl']) })),
      ]),
    );
    expect(kinds).toEqual({
      'scan@kwizzy.onmicrosoft.com': 'device',
      'noreply@mx.noordzeebank.nl': 'no-reply',
      'do-not-reply@bank.example': 'no-reply',
      'invoices@kwizzy.nl': 'shared-mailbox',
      'facturen@utrechtse-verpakking.nl': 'role',
      'einkauf@lindqvist-spielwaren.de': 'role',
      'accounts.payable.notifications@muller.example.de': 'role',
      'finance.lead@kwizzy.nl': null,
      'a.nowak@drukarnia-wisla.pl': null,
      'cfo@kwizzy.nl': null,
    });
  });

  it('lets the case file settle it either way, and a signed-in user is a person', () => {
    const settled = hints({
      nonPersonAddresses: ['team.bakker@kwizzy.nl', '*@alerts.example'],
      personAddresses: ['info@one-person-firm.example'],
      named: new Set(['office@kwizzy.nl']),
    });
    expect(nonPersonKind('team.bakker@kwizzy.nl', settled)).toBe('case-file');
    expect(nonPersonKind('j.smith@alerts.example', settled)).toBe('case-file');
    expect(nonPersonKind('info@one-person-firm.example', settled)).toBeNull();
    expect(nonPersonKind('office@kwizzy.nl', settled)).toBeNull();
  });

  it('takes display names from the sign-in log and counts people apart in the analysis', () => {
    const bind = record({
      id: 'bind',
      ip: '203.0.113.7',
      folders: [folder('\\Inbox', '<m1@kwizzy.nl>')],
    });
    const row = traceRow('m1@kwizzy.nl', 'finance.lead@kwizzy.nl', {
      sender: 'scan@kwizzy.onmicrosoft.com',
    });
    const analysis = analyzeCase(
      input({
        audit: [bind],
        trace: [row],
        signIns: [signIn('192.0.2.10', { userDisplayName: 'Sanne Bakker' })],
      }),
    );
    expect(
      analysis.dataSubjects.map(({ address, displayName, nonPerson }) => [
        address,
        displayName,
        nonPerson,
      ]),
    ).toEqual([
      ['finance.lead@kwizzy.nl', 'Sanne Bakker', null],
      ['scan@kwizzy.onmicrosoft.com', null, 'device'],
    ]);
  });

  it('counts only e-mail addresses, and says which values are not', () => {
    const messages = [
      message('<script>alert(1)</script>', ['finance.lead@kwizzy.nl', 'Finance Lead']),
      message('<script>alert(1)</script>', ['a<b>@kwizzy.nl', 'josé@müller.example']),
    ];
    expect(
      dataSubjects(messages, { ...noHints, domains: ['kwizzy.nl'] }).map(
        (subject) => subject.address,
      ),
    ).toEqual(['finance.lead@kwizzy.nl', 'josé@müller.example']);
    const notices = notAddresses(messages);
    expect(notices.map((notice) => notice.code)).toEqual(['notice', 'notice', 'notice']);
    expect(notices[0]?.message).toBe(
      '"<script>alert(1)</script>" is not an e-mail address: it stays as sender or recipient of 2 exposed messages, the first <script>alert(1)</script>-finance.lead@kwizzy.nl,Finance Lead in finance.lead@kwizzy.nl, but is not counted as a data subject',
    );
    expect(notices.map((notice) => notice.message.split('"')[1])).toEqual([
      '<script>alert(1)</script>',
      'finance lead',
      'a<b>@kwizzy.nl',
    ]);
  });
});
