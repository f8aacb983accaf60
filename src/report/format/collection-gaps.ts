import type { CollectionGap, Report } from '../../model/index.js';
import type { ReportText } from './report-text.js';

/**
 * One sentence per part of a live collection that is missing: what is missing, what that
 * means for the conclusions, and what Graph answered, in the report's language. Empty for
 * exported evidence and for a collection without gaps.
 */
export function collectionGapSentences(report: Report, text: ReportText): string[] {
  return (report.collection?.gaps ?? []).map((gap) => {
    const missing = text.label(`gap.${gap.step}.${gap.part.kind}`, partFields(gap, text));
    const cause = text.label(`gapCause.${gap.cause}`);
    const answer = [gap.status, gap.code].filter((part) => part !== null).join(' ');
    return `${missing} ${
      answer === '' ? text.label('gapWhy', { cause }) : text.label('gapAnswer', { answer, cause })
    }`;
  });
}

function partFields(gap: CollectionGap, text: ReportText): Record<string, string> {
  const { part } = gap;
  switch (part.kind) {
    case 'period':
      return { start: text.zoned.dateTime(part.start), end: text.zoned.dateTime(part.end) };
    case 'delegate':
      return {
        mailbox: part.mailbox,
        start: text.zoned.dateTime(part.start),
        end: text.zoned.dateTime(part.end),
      };
    case 'signIns':
      return { account: part.account, signInType: text.label(`signInType.${part.signInType}`) };
    case 'mailbox':
      return { mailbox: part.mailbox };
    case 'folder':
      return { mailbox: part.mailbox, path: part.path };
    case 'step':
      return {};
  }
}
