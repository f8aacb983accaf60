import { describe, expect, it } from 'vitest';
import { dataSubjects } from '../../src/analyze/index.js';
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
});
