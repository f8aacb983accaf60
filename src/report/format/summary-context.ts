import type { Report } from '../../model/index.js';
import { collectionGapSentences } from './collection-gaps.js';
import type { ReportText } from './report-text.js';

/** Mailboxes the report speaks about, wherever they appear, sorted. */
export function concernedMailboxes(report: Report): string[] {
  const mailboxes = new Set<string>([
    ...report.sessions.map((session) => session.mailbox),
    ...report.messages.map((message) => message.mailbox),
    ...report.folders.map((folder) => folder.mailbox),
    ...report.throttledWindows.map((window) => window.mailbox),
  ]);
  return [...mailboxes].sort();
}

/**
 * The figures of the executive summary as template fields: each count both as a number (for
 * plural choice) and formatted for the locale, each time in the case zone with its offset.
 * Shared by the PDF and the workbook so both say the same thing.
 */
export function summaryContext(report: Report, text: ReportText): Record<string, unknown> {
  const { summary } = report;
  const counted = (name: string, value: number): Record<string, unknown> => ({
    [name]: text.count(value),
    [`${name}Count`]: value,
  });
  const throttledMailboxes = [
    ...new Set(
      report.throttledWindows.filter((window) => window.attributed).map((window) => window.mailbox),
    ),
  ].sort();
  return {
    organization: report.case.organization,
    timeZone: report.case.timezone,
    windowStart: text.zoned.dateTime(report.case.window.start),
    windowEnd: text.zoned.dateTime(report.case.window.end),
    mailboxList: concernedMailboxes(report).join(', '),
    hasAccess: summary.firstAttackerAccess !== null,
    firstAccess:
      summary.firstAttackerAccess === null ? '' : text.zoned.dateTime(summary.firstAttackerAccess),
    lastAccess:
      summary.lastAttackerAccess === null ? '' : text.zoned.dateTime(summary.lastAttackerAccess),
    ...counted('mailboxes', summary.mailboxes),
    ...counted('sessions', summary.sessions),
    ...counted('confirmed', summary.confirmedMessages),
    ...counted('presumed', summary.presumedMessages),
    ...counted('presumedSync', summary.presumedSyncMessages),
    ...counted('presumedThrottled', summary.presumedThrottledMessages),
    ...counted('presumedFolders', summary.presumedFolders),
    ...counted('unlistedFolders', summary.unlistedFolders),
    allFoldersUnlisted: summary.unlistedFolders === summary.presumedFolders,
    ...counted('throttledMailboxes', summary.throttledMailboxes),
    throttledMailboxList: throttledMailboxes.join(', '),
    wholeAreas: summary.presumedFolders + summary.throttledMailboxes > 0,
    dataSubjectsLowerBound: summary.lowerBounds.dataSubjects,
    ...counted('sessionRows', summary.sessionMailboxRows),
    ...counted('unresolved', summary.unresolvedMessages),
    ...counted('dataSubjects', summary.dataSubjects),
    ...counted('internal', summary.internalDataSubjects),
    ...counted('external', summary.externalDataSubjects),
    ...counted('people', summary.personDataSubjects),
    ...counted('internalPeople', summary.internalPersonDataSubjects),
    ...counted('externalPeople', summary.externalPersonDataSubjects),
    ...counted('nonPersons', summary.nonPersonDataSubjects),
    ...counted('syncedFolders', summary.syncedFolders),
    ...counted('throttledWindows', summary.throttledWindows),
    ...counted(
      'attributedWindows',
      report.throttledWindows.filter((window) => window.attributed).length,
    ),
    ...counted('recordsRead', summary.recordsRead),
    ...counted('recordsInScope', summary.recordsInScope),
    ...counted('recordsRejected', summary.recordsRejected),
    ...counted('inputs', report.inputs.length),
    ...counted('collectionGaps', report.collection?.gaps.length ?? 0),
    ...counted(
      'collectionNotes',
      (report.collection?.gaps.length ?? 0) + delegatesAskedFor(report).length,
    ),
  };
}

/** The summary's fields plus what the method text names: accounts, addresses, apps, domains. */
export function methodContext(report: Report, text: ReportText): Record<string, unknown> {
  return {
    ...summaryContext(report, text),
    accounts: report.case.accounts.join(', '),
    accountsCount: report.case.accounts.length,
    ips: report.case.threatActor.ips.join(', '),
    hasAppIds: report.case.threatActor.appIds.length > 0,
    appIds: report.case.threatActor.appIds.join(', '),
    domains: report.case.domains.join(', '),
    collectionGapSentences: collectionGapSentences(report, text).join(' '),
    collectionDelegates:
      delegatesAskedFor(report).length === 0
        ? ''
        : text.label('collectionDelegates', {
            mailboxes: delegatesAskedFor(report).join(', '),
            count: delegatesAskedFor(report).length,
          }),
  };
}

/** A report.json written before delegate mailboxes were asked for has no `delegates`. */
function delegatesAskedFor(report: Report): string[] {
  return report.collection?.delegates ?? [];
}
