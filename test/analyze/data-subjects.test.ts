import { describe, expect, it } from 'vitest';
import { dataSubjects } from '../../src/analyze/index.js';
import { notAddresses } from '../../src/analyze/data-subjects.js';
import type { ExposedMessage } from '../../src/model/index.js';

function message(sender: string | null, recipients: string[]): ExposedMessage {
  return {
    mailbox: 'finance.lead@kwizzy.nl',
    internetMessageId: `${String(sender)}-${recipients.join(',')}`,
    exposure: 'confirmed',
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
  };
}

describe('rule 8: data subjects', () => {
  it('counts each distinct address once per message and tells internal from external', () => {
    const subjects = dataSubjects(
      [
        message('Supplier@Acme.example', ['finance.lead@kwizzy.nl', 'finance.lead@kwizzy.nl']),
        message('finance.lead@kwizzy.nl', ['supplier@acme.example', 'ops@eu.kwizzy.nl']),
        message('hr@kwizzy.onmicrosoft.com', ['someone@notkwizzy.nl']),
        message(null, []),
      ],
      ['kwizzy.nl', 'kwizzy.onmicrosoft.com'],
    );
    expect(subjects).toEqual([
      { address: 'finance.lead@kwizzy.nl', internal: true, messages: 2 },
      { address: 'hr@kwizzy.onmicrosoft.com', internal: true, messages: 1 },
      { address: 'ops@eu.kwizzy.nl', internal: true, messages: 1 },
      { address: 'someone@notkwizzy.nl', internal: false, messages: 1 },
      { address: 'supplier@acme.example', internal: false, messages: 2 },
    ]);
  });

  it('counts only e-mail addresses, and says which values are not', () => {
    const messages = [
      message('<script>alert(1)</script>', ['finance.lead@kwizzy.nl', 'Finance Lead']),
      message('<script>alert(1)</script>', ['a<b>@kwizzy.nl', 'josé@müller.example']),
    ];
    expect(dataSubjects(messages, ['kwizzy.nl']).map((subject) => subject.address)).toEqual([
      'finance.lead@kwizzy.nl',
      'josé@müller.example',
    ]);
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
