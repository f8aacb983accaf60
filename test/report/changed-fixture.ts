import type { Report } from '../../src/model/index.js';
import { fixtureReport } from './fixture.js';

/** The fixture as an earlier run saw it: one message fewer, one at another level, ... */
export function earlierAndLater(): { earlier: Report; later: Report } {
  const later = fixtureReport();
  const earlier = fixtureReport();
  earlier.generatedAt = '2026-10-10T09:00:00Z';
  // Found since: the second message of ap@ (and its sender, a new person).
  earlier.messages.splice(1, 1);
  // Seen more surely since: a presumed-throttled message is now confirmed.
  const throttled = later.messages.find((message) => message.exposure === 'presumed-throttled');
  if (throttled === undefined) throw new Error('fixture has no throttled message');
  throttled.exposure = 'confirmed';
  // Resolved since: message trace now names the sender.
  const resolved = earlier.messages.find((message) =>
    message.internetMessageId.startsWith('AM0PR06MB5090AA11'),
  );
  if (resolved === undefined) throw new Error('fixture lacks AM0PR06MB5090AA11');
  resolved.sender = null;
  resolved.recipients = [];
  // No longer listed: a message only the earlier report had.
  const [first] = earlier.messages;
  const [audit, api, trace] = earlier.inputs;
  if (first === undefined || audit === undefined || api === undefined || trace === undefined) {
    throw new Error('fixture has too few messages or inputs');
  }
  earlier.messages.push({
    ...first,
    internetMessageId: 'gone@kwizzy.nl',
    exposure: 'confirmed',
  });
  earlier.dataSubjects = earlier.dataSubjects.filter(
    (subject) => subject.address !== 'sales@gulf-trading.example.ae',
  );
  earlier.dataSubjects.push({
    address: 'former@example.org',
    displayName: null,
    internal: false,
    messages: 1,
    forwardedMessages: 0,
    confirmedMessages: 1,
    presumedMessages: 0,
    mailboxes: ['ap@kwizzy.nl'],
    nonPerson: null,
    leads: [],
  });
  // Inputs: the trace was re-exported, an input was added, one dropped.
  earlier.inputs = [
    audit,
    { ...trace, sha256: '0'.repeat(64) },
    { ...api, path: 'evidence/audit/old.json' },
  ];
  // A figure an earlier version did not write.
  delete (earlier.summary as Partial<Report['summary']>).forwardedMessages;
  return { earlier, later };
}
