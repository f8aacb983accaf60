import type { Report } from '../../model/index.js';
import type { ReportText } from './report-text.js';

/** Where a figure's detail is: the section of the report that lists what it counts. */
export type FigureSection =
  'activity' | 'messages' | 'folders' | 'throttling' | 'dataSubjects' | 'sessions' | 'timeline';

export interface KeyFigure {
  /** What the figure is, for picking some of them (the notification worksheet). */
  key:
    | 'mailboxes'
    | 'forwarded'
    | 'confirmed'
    | 'presumedSync'
    | 'presumedThrottled'
    | 'dataSubjects'
    | 'nonPersons'
    | 'sessions'
    | 'firstAccess'
    | 'lastAccess'
    | 'unresolved'
    | 'throttledWindows';
  label: string;
  value: string;
  section: FigureSection;
}

/**
 * Page 1's figures, each saying what it counts; "at least" marks a lower bound (a whole folder
 * or mailbox whose messages the evidence cannot all name). Every message counts once, at its
 * strongest level, so the figures add up to the messages listed in the report. Shared by page 1
 * and the notification worksheet, so both say the same.
 */
export function keyFigures(report: Report, text: ReportText): KeyFigure[] {
  const { summary } = report;
  const time = (iso: string | null): string =>
    iso === null ? text.label('none') : text.zoned.dateTime(iso);
  const count = (name: string, value: number): Record<string, unknown> => ({
    [name]: text.count(value),
    [`${name}Count`]: value,
  });
  const figure = (key: KeyFigure['key'], value: string, section: FigureSection): KeyFigure[] => [
    { key, label: text.label(`figure.${key}`), value, section },
  ];
  // Older report.json files have no forwarded level.
  const forwarded = summary.forwardedMessages as number | undefined;
  return [
    ...figure('mailboxes', text.count(summary.mailboxes), 'sessions'),
    ...(forwarded !== undefined && forwarded > 0
      ? figure('forwarded', text.count(forwarded), 'activity')
      : []),
    ...figure('confirmed', text.count(summary.confirmedMessages), 'messages'),
    ...(summary.presumedFolders > 0
      ? figure(
          'presumedSync',
          text.label(
            summary.unlistedFolders === summary.presumedFolders
              ? 'figure.presumedSyncUnlisted'
              : 'figure.presumedSyncValue',
            {
              ...count('folders', summary.presumedFolders),
              ...count('messages', summary.presumedSyncMessages),
            },
          ),
          'folders',
        )
      : []),
    ...(summary.throttledMailboxes > 0
      ? figure(
          'presumedThrottled',
          text.label(
            summary.presumedThrottledMessages === 0
              ? 'figure.presumedThrottledUnknown'
              : 'figure.presumedThrottledValue',
            {
              ...count('mailboxes', summary.throttledMailboxes),
              ...count('messages', summary.presumedThrottledMessages),
            },
          ),
          'throttling',
        )
      : []),
    ...figure(
      'dataSubjects',
      text.label(
        summary.lowerBounds.dataSubjects
          ? 'figure.dataSubjectsAtLeast'
          : 'figure.dataSubjectsValue',
        {
          total: text.count(summary.personDataSubjects),
          internal: text.count(summary.internalPersonDataSubjects),
          external: text.count(summary.externalPersonDataSubjects),
          whole: summary.presumedFolders + summary.throttledMailboxes > 0,
          unresolved: summary.unresolvedMessages > 0,
        },
      ),
      'dataSubjects',
    ),
    ...(summary.nonPersonDataSubjects > 0
      ? figure(
          'nonPersons',
          text.label('figure.nonPersonsValue', {
            count: text.count(summary.nonPersonDataSubjects),
          }),
          'dataSubjects',
        )
      : []),
    ...figure(
      'sessions',
      summary.sessionMailboxRows === summary.sessions
        ? text.count(summary.sessions)
        : text.label('figure.sessionsValue', {
            ...count('sessions', summary.sessions),
            ...count('rows', summary.sessionMailboxRows),
          }),
      'sessions',
    ),
    ...figure('firstAccess', time(summary.firstAttackerAccess), 'timeline'),
    ...figure('lastAccess', time(summary.lastAttackerAccess), 'timeline'),
    ...figure('unresolved', text.count(summary.unresolvedMessages), 'messages'),
    ...figure(
      'throttledWindows',
      text.label('figure.throttledWindowsValue', {
        ...count('windows', summary.throttledWindows),
        ...count(
          'attributed',
          report.throttledWindows.filter((window) => window.attributed).length,
        ),
      }),
      'throttling',
    ),
  ];
}
