import type { Report } from '../model/index.js';
import { compareText } from '../model/index.js';

const HEADER = ['Mailbox', 'InternetMessageId', 'Exposure', 'Date'];

/** A value a spreadsheet would run as a formula when the file is opened (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell as RFC 4180 writes it; one that a spreadsheet would take for a formula is kept text
 * by a leading apostrophe.
 */
function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The review manifest: every exposed message as a review or eDiscovery platform loads it to
 * pull the messages for content review, one row per mailbox and message, sorted by mailbox
 * then id. The id is written as Exchange stores it, in angle brackets; the exposure level as
 * report.json's code; the date (when the message was received or sent) in UTC, empty when
 * unknown. UTF-8 without a byte order mark, CRLF line ends.
 */
export function renderReviewManifest(report: Report): string {
  const rows = [...report.messages]
    .sort(
      (a, b) =>
        compareText(a.mailbox, b.mailbox) || compareText(a.internetMessageId, b.internetMessageId),
    )
    .map((message) => [
      message.mailbox,
      `<${message.internetMessageId}>`,
      message.exposure,
      message.date ?? '',
    ]);
  const lines: string[] = [HEADER.join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
