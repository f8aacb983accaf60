import { relative } from 'node:path';
import type { Problem, Report } from '../model/index.js';
import type { WriteResult } from '../pipeline/index.js';

const shownProblems = 5;

/** The one-screen answer printed after a run. */
export function formatSummary(report: Report, result: WriteResult, cwd: string): string {
  const s = report.summary;
  const syncPresumed = count(report, 'presumed-sync');
  const throttledPresumed = count(report, 'presumed-throttled');
  const attributedWindows = report.throttledWindows.filter((window) => window.attributed).length;
  const lines = [
    `${report.case.id}: ${report.case.title}`,
    `Window ${report.case.window.start} to ${report.case.window.end} (times in UTC; reports use ${report.case.timezone})`,
    '',
    row(
      'Inputs',
      `${report.inputs.length} files, ${s.recordsRead} audit records read, ${s.recordsInScope} in scope, ${s.recordsRejected} rejected`,
    ),
    row('Attacker sessions', sessionsLine(report)),
    row(
      'Attacker access',
      s.firstAttackerAccess === null
        ? 'none found'
        : `${s.firstAttackerAccess} to ${s.lastAttackerAccess ?? ''}`,
    ),
    row(
      'Exposed messages',
      `${s.confirmedMessages} confirmed, ${s.presumedMessages} presumed (${syncPresumed} by folder sync, ${throttledPresumed} by throttling)`,
    ),
    row('Without metadata', String(s.unresolvedMessages)),
    row('Synced folders', String(s.syncedFolders)),
    row(
      'Throttled windows',
      `${s.throttledWindows}${attributedWindows > 0 ? ` (${attributedWindows} attributed: whole mailbox presumed exposed for 24 hours)` : ''}`,
    ),
    row(
      'Data subjects',
      `${s.dataSubjects} (${s.internalDataSubjects} internal, ${s.externalDataSubjects} external)`,
    ),
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
  const lines = problems
    .slice(0, shownProblems)
    .map(
      (problem) =>
        `  ${[problem.input, problem.line].filter((part) => part !== null).join(':')} ${problem.code}: ${problem.message}`,
    );
  if (problems.length > shownProblems) {
    lines.push(`  ... and ${problems.length - shownProblems} more: see "problems" in report.json`);
  }
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

/**
 * A session that reached several mailboxes is one row per mailbox in the report; say how many
 * distinct sessions those rows are, so the figure is not read as more sign-ins than there were.
 */
function sessionsLine(report: Report): string {
  const s = report.summary;
  const withId = new Set(report.sessions.flatMap((session) => session.sessionId ?? []));
  const withoutId = report.sessions.filter((session) => session.sessionId === null).length;
  const distinct = withId.size + withoutId;
  const mailboxes = `${s.mailboxes} mailbox${s.mailboxes === 1 ? '' : 'es'}`;
  return distinct === s.sessions
    ? `${s.sessions} on ${mailboxes}`
    : `${distinct} (${s.sessions} session-mailbox rows) on ${mailboxes}`;
}

function row(label: string, value: string): string {
  return `${label.padEnd(19)}${value}`;
}

function count(report: Report, exposure: string): number {
  return report.messages.filter((message) => message.exposure === exposure).length;
}
