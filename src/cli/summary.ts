import { relative } from 'node:path';
import { plural, type Problem, type Report, type ReportChanges } from '../model/index.js';
import type { WriteResult } from '../pipeline/index.js';

const shownProblems = 5;

/** What to do about rejected rows: the rest of each input was used, these were not. */
const rejectedAdvice =
  '  Rejected rows are counted in report.json and listed in the report; the rest of each input was used. To analyse them, export those records again (not through Excel) and run again.';

/** The one-screen answer printed after a run. */
export function formatSummary(report: Report, result: WriteResult, cwd: string): string {
  const s = report.summary;
  const attributedWindows = report.throttledWindows.filter((window) => window.attributed).length;
  const lines = [
    `${report.case.id}: ${report.case.title}`,
    `Window ${report.case.window.start} to ${report.case.window.end} (times in UTC; reports use ${report.case.timezone})`,
    '',
    row(
      'Inputs',
      `${plural(report.inputs.length, 'file', 'files')}, ${plural(s.recordsRead, 'audit record', 'audit records')} read, ${s.recordsInScope} in scope, ${s.recordsRejected} rejected`,
    ),
    row('Attacker sessions', sessionsLine(report)),
    row(
      'Attacker access',
      s.firstAttackerAccess === null
        ? 'none found'
        : `${s.firstAttackerAccess} to ${s.lastAttackerAccess ?? ''}`,
    ),
    ...(s.forwardedMessages > 0
      ? [
          row(
            'Forwarded out',
            `${plural(s.forwardedMessages, 'message', 'messages')} sent outside by the attacker's forwarding`,
          ),
        ]
      : []),
    row(
      'Confirmed',
      `${plural(s.confirmedMessages, 'message', 'messages')} opened by the attacker`,
    ),
    ...(s.presumedFolders > 0 ? [row('Presumed (sync)', syncLine(report))] : []),
    ...(s.throttledMailboxes > 0 ? [row('Presumed (throttle)', throttleLine(report))] : []),
    row('Without metadata', String(s.unresolvedMessages)),
    row(
      'Throttled windows',
      `${s.throttledWindows}${attributedWindows > 0 ? ` (${attributedWindows} caused by the attacker)` : ''}`,
    ),
    row('Data subjects', dataSubjectsLine(report)),
    ...(report.changes === null
      ? []
      : [
          row(
            'Since previous',
            `${messageChangesLine(report.changes)} (report of ${report.changes.previous.generatedAt})`,
          ),
        ]),
    row('Other activity', activityLine(report)),
    '',
    `Written: ${[...result.written.map((written) => relative(cwd, written.path)), relative(cwd, result.manifestPath)].join(', ')}`,
  ];
  if (result.unavailable.length > 0) {
    lines.push(`Not written (not available in this version): ${result.unavailable.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Rejected rows and notices, for stderr: the first few, and where the rest are. */
export function formatProblems(problems: readonly Problem[]): string {
  if (problems.length === 0) return '';
  const lines = problems.slice(0, shownProblems).map((problem) => {
    const place = [problem.input, problem.line].filter((part) => part !== null).join(':');
    return `  ${place === '' ? '' : `${place}: `}${problem.code}: ${problem.message}`;
  });
  if (problems.length > shownProblems) {
    lines.push(`  ... and ${problems.length - shownProblems} more: see "problems" in report.json`);
  }
  if (problems.some((problem) => problem.code !== 'notice')) lines.push(rejectedAdvice);
  return `warning: ${problems.length} problem${problems.length === 1 ? '' : 's'} with the inputs:\n${lines.join('\n')}\n`;
}

/** `--json`: the summary and what was written, for scripts. */
export function summaryJson(report: Report, result: WriteResult): string {
  return `${JSON.stringify(
    {
      case: report.case.id,
      summary: report.summary,
      written: result.written.map(({ format, path, sha256 }) => ({ format, path, sha256 })),
      manifest: result.manifestPath,
      unavailable: result.unavailable,
      problems: report.problems.length,
    },
    null,
    2,
  )}\n`;
}

/** Distinct sessions; a session that reached several mailboxes is one row per mailbox. */
function sessionsLine(report: Report): string {
  const s = report.summary;
  const mailboxes = plural(s.mailboxes, 'mailbox', 'mailboxes');
  return s.sessionMailboxRows === s.sessions
    ? `${s.sessions} on ${mailboxes}`
    : `${s.sessions} on ${mailboxes} (${s.sessionMailboxRows} session-mailbox rows)`;
}

/** Whole folders: how many, and how many of their messages are known beyond the confirmed. */
function syncLine(report: Report): string {
  const s = report.summary;
  const folders = `${plural(s.presumedFolders, 'whole folder', 'whole folders')} presumed seen`;
  return s.unlistedFolders === s.presumedFolders
    ? `${folders} (contents not listed)`
    : `${folders} (at least ${plural(s.presumedSyncMessages, 'more message', 'more messages')} known)`;
}

function throttleLine(report: Report): string {
  const s = report.summary;
  const mailboxes = `${plural(s.throttledMailboxes, 'whole mailbox', 'whole mailboxes')} presumed seen for 24 hours`;
  return s.presumedThrottledMessages === 0
    ? `${mailboxes} (no evidence names its other messages)`
    : `${mailboxes} (at least ${plural(s.presumedThrottledMessages, 'more message', 'more messages')} known to have been there)`;
}

/** The people named, "at least" when whole folders, mailboxes or unresolved messages hide some. */
function dataSubjectsLine(report: Report): string {
  const s = report.summary;
  const hidden = [
    ...(s.presumedFolders + s.throttledMailboxes > 0 ? ['the whole folders and mailboxes'] : []),
    ...(s.unresolvedMessages > 0 ? ['messages without metadata'] : []),
  ];
  const people = `${plural(s.personDataSubjects, 'person', 'people')} (${s.internalPersonDataSubjects} internal, ${s.externalPersonDataSubjects} external)`;
  const others =
    s.nonPersonDataSubjects > 0
      ? ` and ${plural(s.nonPersonDataSubjects, 'address', 'addresses')} likely not a person`
      : '';
  return s.lowerBounds.dataSubjects
    ? `at least ${people}${others}, not counting ${hidden.join(' or ')}`
    : `${people}${others}`;
}

/** The attacker's other activity, one count per kind. */
function activityLine(report: Report): string {
  const s = report.summary;
  return [
    plural(s.inboxRules, 'inbox rule', 'inbox rules'),
    plural(s.mailboxForwarding, 'mailbox forwarding', 'mailbox forwardings'),
    plural(s.sentMessages, 'message sent', 'messages sent'),
    plural(s.searches, 'search', 'searches'),
    `${s.hiddenMessages} deleted or hidden`,
  ].join(', ');
}

/** The messages that changed since an earlier report, in a line. */
export function messageChangesLine({ messages }: ReportChanges): string {
  return `${plural(messages.added.length, 'message', 'messages')} newly exposed, ${messages.changed.length} at another level, ${messages.removed.length} no longer listed, ${messages.resolved.length} with sender and recipients now known`;
}

/** A line of a one-screen summary: label, then value in a column. */
export function row(label: string, value: string): string {
  return `${label.padEnd(21)}${value}`;
}
