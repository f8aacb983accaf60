import type { Report } from '../../src/model/index.js';
import { fixtureReport } from './fixture.js';

/** `messages#3#`: marks row 3 of a table, at the start of a cell that is far too long. */
function mark(table: string, row: number, filler: string): string {
  return `${table}#${row}#${filler}`;
}

/**
 * Every table's rows, each with a cell longer than a page can hold; `rows` holds, per table,
 * the text that marks each of its rows.
 */
export function hostileReport(filler: string): {
  report: Report;
  rows: Record<string, string[]>;
} {
  const report = fixtureReport();
  report.sessions.forEach((session, row) => {
    session.clientInfo = [mark('sessions', row, filler)];
  });
  report.messages.forEach((message, row) => {
    if (message.subject === null) message.internetMessageId = mark('messages', row, filler);
    else message.subject = mark('messages', row, filler);
    message.folder = `\\Inbox\\${filler}`;
    message.recipients = [`${filler}@example.com`, ...message.recipients];
  });
  report.folders.forEach((folder, row) => {
    folder.path = mark('folders', row, filler);
  });
  report.throttledWindows.forEach((window, row) => {
    window.mailbox = `${mark('throttled', row, filler)}@kwizzy.nl`;
  });
  report.dataSubjects.forEach((subject, row) => {
    subject.address = `someone@${mark('domains', row, filler)}.example`;
  });
  report.inputs.forEach((input, row) => {
    input.path = mark('inputs', row, filler);
  });
  report.problems.forEach((problem, row) => {
    problem.message = mark('problems', row, filler);
  });
  report.auditRecords.forEach((record, row) => {
    record.sources = [{ input: mark('records', row, filler), line: row + 1 }];
  });
  const { activity } = report;
  activity.inboxRules.forEach((rule, row) => {
    rule.name = mark('rules', row, filler);
  });
  activity.mailboxForwarding.forEach((item, row) => {
    item.target = `${mark('forwarding', row, filler)}@freemail.example`;
  });
  activity.sentMessages.forEach((sent, row) => {
    sent.subject = mark('sent', row, filler);
  });
  activity.searches.forEach((search, row) => {
    search.queryText = mark('searches', row, filler);
  });
  activity.hiddenMessages.forEach((hidden, row) => {
    hidden.subject = mark('hidden', row, filler);
  });
  report.collection = {
    tenantId: 'kwizzy.onmicrosoft.com',
    cloud: 'global',
    apiVersion: 'v1.0',
    operations: ['MailItemsAccessed'],
    chunks: [0, 1].map((row) => ({
      start: '2026-10-01T00:00:00Z',
      end: '2026-10-02T00:00:00Z',
      status: 'complete',
      // Chunks hold no text from the evidence: their record counts mark them.
      records: 4_242_420 + row,
      isRecordCountLimitExceeded: false,
      delegate: null,
    })),
    runs: [],
    lookups: { lookedUp: 0, notFound: 0 },
    limitations: [],
    gaps: [],
    delegates: [],
    problems: [],
  };
  const markers = (table: string, count: number): string[] =>
    Array.from({ length: count }, (_, row) => `${table}#${row}#`);
  const rows = {
    sessions: markers('sessions', report.sessions.length),
    messages: markers('messages', report.messages.length),
    folders: markers('folders', report.folders.length),
    throttled: markers('throttled', report.throttledWindows.length),
    // One row per domain, and each subject here has a domain of its own.
    domains: markers('domains', report.dataSubjects.length),
    inputs: markers('inputs', report.inputs.length),
    problems: markers('problems', report.problems.length),
    records: markers('records', report.auditRecords.length),
    rules: markers('rules', activity.inboxRules.length),
    forwarding: markers('forwarding', activity.mailboxForwarding.length),
    sent: markers('sent', activity.sentMessages.length),
    searches: markers('searches', activity.searches.length),
    hidden: markers('hidden', activity.hiddenMessages.length),
    chunks: ['4,242,420', '4,242,421'],
  };
  return { report, rows };
}
