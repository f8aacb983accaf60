import {
  dataLeadRules,
  dataSubjects as subjectsOf,
  withDataLeads,
} from '../../src/analyze/index.js';
import { dataLeadCounts } from '../../src/report/index.js';
import type {
  CitedAuditRecord,
  ExposedMessage,
  Exposure,
  Report,
  ReportSession,
} from '../../src/model/index.js';
import { noActivity } from '../../src/model/index.js';

/** A small deterministic generator (mulberry32): the same n gives the same report. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SUBJECTS = [
  'Überweisungsfreigabe Q4 – Lieferant Müller & Söhne GmbH',
  'Zażółć gęślą jaźń — faktura 2026/10/117',
  'Προσφορά για το έργο στην Αθήνα',
  '会議の議事録について（10月分）',
  'Счёт на оплату № 4471',
  'Salarisstroken oktober – vertrouwelijk',
  'RE: Updated bank details for invoice INV-2026-0042',
  'FW: Contract renewal terms and conditions for the next fiscal year',
  '关于合同付款的通知',
  '=SUM(A1:A9) weekly payment overview',
];
const MAILBOXES = ['ap@kwizzy.nl', 'finance.lead@kwizzy.nl', 'j.devries@kwizzy.nl'];
const DOMAINS = [
  'kwizzy.nl',
  'supplier-one.example.de',
  'client-two.example.com',
  'bank.example.nl',
];
const FOLDERS = ['\\Inbox', '\\Inbox\\Leveranciers', '\\Sent Items', '\\Archive\\2025'];
const MESSAGES_PER_RECORD = 5;
const EXPOSURES: Exposure[] = [
  'confirmed',
  'confirmed',
  'confirmed',
  'presumed-sync',
  'presumed-throttled',
];

function pick<T>(next: () => number, values: readonly T[]): T {
  const value = values[Math.floor(next() * values.length)];
  if (value === undefined) throw new Error('empty list');
  return value;
}

function iso(base: number, offsetSeconds: number): string {
  return new Date(base + offsetSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** A report with `n` exposed messages, shaped like the analysis's output, for benchmarks. */
export function generateReport(n: number): Report {
  const next = random(n);
  const start = Date.parse('2026-10-03T06:00:00Z');
  const records: CitedAuditRecord[] = [];
  const sessions: ReportSession[] = MAILBOXES.map((mailbox, index) => ({
    session: index + 1,
    sessionId: `00000000-0000-4000-8000-00000000000${index}`,
    mailbox,
    actor: 'finance.lead@kwizzy.nl',
    ips: ['203.0.113.7'],
    firstSeen: iso(start, 0),
    lastSeen: iso(start, 4 * 86_400),
    attributedBy: ['ip'],
    clientInfo: ['Client=OWA;Action=ViaProxy'],
    records: 0,
    auditRecordIds: [],
  }));
  const people = Math.max(20, Math.floor(n / 10));
  const address = (index: number): string =>
    `person${index}@${DOMAINS[index % DOMAINS.length] ?? 'kwizzy.nl'}`;
  const messages: ExposedMessage[] = [];
  for (let index = 0; index < n; index += 1) {
    const second = Math.floor((index / n) * 4 * 86_400);
    const session = pick(next, sessions);
    // One Bind record lists several messages, as Microsoft aggregates them.
    if (index % MESSAGES_PER_RECORD === 0) {
      const id = `rec-${index.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
      records.push({
        id,
        creationTime: iso(start, second),
        operation: 'MailItemsAccessed',
        mailAccessType: 'Bind',
        mailbox: session.mailbox,
        actor: session.actor,
        clientIp: '203.0.113.7',
        sessionId: session.sessionId,
        attributedBy: ['ip'],
        sources: [{ input: 'evidence/audit/export.csv', line: index + 2 }],
      });
      session.auditRecordIds.push(id);
      session.records += 1;
    }
    const recipients = Array.from({ length: 1 + Math.floor(next() * 4) }, () =>
      address(Math.floor(next() * people)),
    );
    messages.push({
      mailbox: session.mailbox,
      internetMessageId: `msg-${index}@mail.example.net`,
      exposure: pick(next, EXPOSURES),
      firstAccess: iso(start, second),
      lastAccess: iso(start, second + 600),
      accessCount: 1 + Math.floor(next() * 3),
      sessions: session.sessionId === null ? [] : [session.sessionId],
      folder: pick(next, FOLDERS),
      subject: index % 50 === 49 ? null : `${pick(next, SUBJECTS)} #${index}`,
      subjectWithheld: false,
      sender: address(Math.floor(next() * people)),
      recipients,
      date: iso(start, second - 3_600),
      metadataSource: index % 50 === 49 ? null : 'message-trace',
      unresolvedReason: index % 50 === 49 ? 'no message trace was provided' : null,
      unresolvedReasons: index % 50 === 49 ? [{ code: 'no-message-trace' }] : [],
      auditRecordIds: [records.at(-1)?.id ?? 'none'],
      forwarding: null,
      attachments: [],
      leads: [],
    });
  }
  // report.json lists messages by mailbox, then time.
  messages.sort(
    (a, b) =>
      (a.mailbox < b.mailbox ? -1 : a.mailbox > b.mailbox ? 1 : 0) ||
      (a.firstAccess < b.firstAccess ? -1 : a.firstAccess > b.firstAccess ? 1 : 0),
  );
  const withLeads = withDataLeads(messages, dataLeadRules({}), new Map());
  const dataSubjects = subjectsOf(withLeads, {
    domains: ['kwizzy.nl'],
    names: new Map(),
    hints: { nonPersonAddresses: [], personAddresses: [], sharedMailboxes: new Set() },
  });
  const persons = dataSubjects.filter((subject) => subject.nonPerson === null);
  const confirmed = messages.filter((message) => message.exposure === 'confirmed').length;
  const presumedSync = messages.filter((message) => message.exposure === 'presumed-sync').length;
  const internal = dataSubjects.filter((subject) => subject.internal).length;
  return {
    tool: { name: 'mailexposure', version: '0.1.0' },
    generatedAt: '2026-10-16T14:30:00Z',
    case: {
      id: 'BENCH-1',
      title: `Benchmark with ${n} exposed messages`,
      organization: 'Kwizzy B.V.',
      timezone: 'Europe/Amsterdam',
      locale: 'en',
      domains: ['kwizzy.nl'],
      window: { start: '2026-10-01T00:00:00Z', end: '2026-10-15T00:00:00Z' },
      accounts: ['finance.lead@kwizzy.nl'],
      preparedFor: 'Counsel',
      preparedBy: 'Incident response',
      classification: 'Confidential — prepared at the request of counsel',
      nonPersonAddresses: [],
      personAddresses: [],
      caseFileSha256: '0'.repeat(64),
      formats: ['pdf', 'xlsx', 'json'],
      redactSubjects: false,
      sensitiveKeywords: {},
      pdfMessageLimit: 2000,
      threatActor: { ips: ['203.0.113.7'], sessionIds: [], appIds: [] },
      measures: [],
    },
    inputs: [
      {
        path: 'evidence/audit/export.csv',
        sha256: 'a'.repeat(64),
        format: 'purview-csv',
        kind: 'audit',
        bytes: n * 2_000,
        records: n,
        inScope: n,
        duplicates: 0,
        rejected: 0,
      },
    ],
    summary: {
      mailboxes: MAILBOXES.length,
      sessions: sessions.length,
      sessionMailboxRows: sessions.length,
      forwardedMessages: 0,
      confirmedMessages: confirmed,
      presumedMessages: n - confirmed,
      presumedSyncMessages: presumedSync,
      presumedThrottledMessages: n - confirmed - presumedSync,
      syncedFolders: 0,
      presumedFolders: 0,
      unlistedFolders: 0,
      throttledWindows: 0,
      throttledMailboxes: 0,
      dataSubjects: dataSubjects.length,
      unresolvedMessages: messages.filter((message) => message.subject === null).length,
      internalDataSubjects: internal,
      externalDataSubjects: dataSubjects.length - internal,
      personDataSubjects: persons.length,
      internalPersonDataSubjects: persons.filter((subject) => subject.internal).length,
      externalPersonDataSubjects: persons.filter((subject) => !subject.internal).length,
      nonPersonDataSubjects: dataSubjects.length - persons.length,
      firstAttackerAccess: records[0]?.creationTime ?? null,
      lastAttackerAccess: records.at(-1)?.creationTime ?? null,
      recordsRead: n,
      recordsInScope: n,
      recordsRejected: 0,
      dataLeads: dataLeadCounts(withLeads, dataSubjects),
      lowerBounds: {
        presumedSyncMessages: false,
        presumedThrottledMessages: false,
        dataSubjects: false,
      },
      inboxRules: 0,
      mailboxForwarding: 0,
      sentMessages: 0,
      sentRecipients: 0,
      searches: 0,
      hiddenMessages: 0,
    },
    sessions,
    messages: withLeads,
    folders: [],
    throttledWindows: [],
    dataSubjects,
    dataLeadRules: dataLeadRules({}),
    activity: noActivity(),
    auditRecords: records,
    problems: [],
    collection: null,
    changes: null,
  };
}
