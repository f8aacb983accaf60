import { DATA_CATEGORIES, type Analysis } from '../analyze/index.js';
import type {
  DataSubject,
  ExposedMessage,
  Exposure,
  ReportInput,
  ReportSummary,
} from '../model/index.js';

/**
 * report.json's summary: the figures page 1, the workbook and the command line show. Every
 * message counts once, at its strongest level; a figure that rests on evidence that cannot be
 * complete (a whole synchronised folder, a whole throttled mailbox) is flagged a lower bound.
 */
export function summarize(analysis: Analysis, inputs: readonly ReportInput[]): ReportSummary {
  const { messages, dataSubjects, folders, activity } = analysis;
  const atLevel = (exposure: Exposure): number =>
    messages.filter((message) => message.exposure === exposure).length;
  const folderKey = (folder: { mailbox: string; path: string }): string =>
    JSON.stringify([folder.mailbox, folder.path.toLowerCase()]);
  const presumedFolders = new Set(folders.map(folderKey));
  const listedFolders = new Set(folders.filter((folder) => folder.listed).map(folderKey));
  const throttledMailboxes = new Set(
    analysis.throttledWindows.filter((window) => window.attributed).map((window) => window.mailbox),
  ).size;
  const unresolvedMessages = messages.filter((message) => message.unresolvedReason !== null).length;
  const people = dataSubjects.filter((subject) => subject.nonPerson === null);
  const presumedSyncMessages = atLevel('presumed-sync');
  const presumedThrottledMessages = atLevel('presumed-throttled');
  return {
    mailboxes: analysis.mailboxes.length,
    sessions: attackerSessionCount(analysis),
    sessionMailboxRows: analysis.sessions.length,
    forwardedMessages: atLevel('forwarded'),
    confirmedMessages: atLevel('confirmed'),
    presumedMessages: presumedSyncMessages + presumedThrottledMessages,
    presumedSyncMessages,
    presumedThrottledMessages,
    syncedFolders: folders.length,
    presumedFolders: presumedFolders.size,
    unlistedFolders: [...presumedFolders].filter((key) => !listedFolders.has(key)).length,
    throttledWindows: analysis.throttledWindows.length,
    throttledMailboxes,
    dataSubjects: dataSubjects.length,
    unresolvedMessages,
    internalDataSubjects: dataSubjects.filter((subject) => subject.internal).length,
    externalDataSubjects: dataSubjects.filter((subject) => !subject.internal).length,
    personDataSubjects: people.length,
    internalPersonDataSubjects: people.filter((subject) => subject.internal).length,
    externalPersonDataSubjects: people.filter((subject) => !subject.internal).length,
    nonPersonDataSubjects: dataSubjects.length - people.length,
    firstAttackerAccess: analysis.firstAttackerAccess,
    lastAttackerAccess: analysis.lastAttackerAccess,
    recordsRead: sum(
      inputs.filter((input) => input.kind === 'audit').map((input) => input.records),
    ),
    recordsInScope: analysis.recordsInScope,
    recordsRejected: sum(inputs.map((input) => input.rejected)),
    inboxRules: activity.inboxRules.length,
    mailboxForwarding: activity.mailboxForwarding.length,
    sentMessages: activity.sentMessages.length,
    sentRecipients: new Set(activity.sentMessages.flatMap((sent) => sent.recipients)).size,
    searches: activity.searches.length,
    hiddenMessages: activity.hiddenMessages.length,
    dataLeads: dataLeadCounts(messages, dataSubjects),
    lowerBounds: {
      presumedSyncMessages: presumedFolders.size > 0,
      presumedThrottledMessages: throttledMailboxes > 0,
      dataSubjects: presumedFolders.size > 0 || throttledMailboxes > 0 || unresolvedMessages > 0,
    },
  };
}

/** Per category with any lead: the messages with such a lead, and the people they name. */
export function dataLeadCounts(
  messages: readonly ExposedMessage[],
  dataSubjects: readonly DataSubject[],
): ReportSummary['dataLeads'] {
  return DATA_CATEGORIES.flatMap((category) => {
    const leading = messages.filter((message) =>
      message.leads.some((lead) => lead.category === category),
    ).length;
    const people = dataSubjects.filter(
      (subject) => subject.nonPerson === null && subject.leads.includes(category),
    ).length;
    return leading === 0 ? [] : [{ category, messages: leading, people }];
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Attacker sessions, each counted once however many mailboxes it reached. */
export function attackerSessionCount(analysis: Pick<Analysis, 'sessions'>): number {
  return new Set(analysis.sessions.map((session) => session.session)).size;
}
