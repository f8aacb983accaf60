import type { DataSubject } from '../../model/index.js';
import type { ReportText } from '../format/index.js';
import type { SheetBuilder } from './sheet.js';
import { cellList, cellText } from './cell-text.js';

/** The strongest level of any message naming the subject, for the "confirmed only" filter. */
function strongest(subject: DataSubject, text: ReportText): string {
  if (subject.forwardedMessages > 0) return text.label('column.forwarded');
  if (subject.confirmedMessages > 0) return text.label('exposure.confirmed');
  return text.label('exposure.presumed');
}

/**
 * The DPO's register: every data subject with what the analysis knows (as the PDF lists it),
 * then empty columns for the DPO's decision. Filter "Strongest exposure" to Confirmed for the
 * people whose messages the attacker is proven to have opened.
 */
export const dataSubjectsSheet: SheetBuilder = (report, text) => ({
  name: text.label('sheet.dataSubjects'),
  filter: true,
  columns: [
    { header: text.label('column.address'), width: 40, kind: 'text' },
    { header: text.label('register.name'), width: 24, kind: 'text' },
    { header: text.label('internal'), width: 10, kind: 'flag' },
    { header: text.label('register.nonPerson'), width: 22, kind: 'text' },
    { header: text.label('register.strongest'), width: 16, kind: 'text' },
    { header: text.label('column.forwarded'), width: 12, kind: 'number' },
    { header: text.label('column.confirmed'), width: 12, kind: 'number' },
    { header: text.label('column.presumed'), width: 12, kind: 'number' },
    { header: text.label('register.messages'), width: 12, kind: 'number' },
    { header: text.label('column.mailboxes'), width: 32, kind: 'list' },
    { header: text.label('column.leads'), width: 32, kind: 'list' },
    { header: text.label('register.notify'), width: 14, kind: 'text' },
    { header: text.label('register.notifiedOn'), width: 16, kind: 'date' },
    { header: text.label('register.channel'), width: 16, kind: 'text' },
    { header: text.label('register.note'), width: 40, kind: 'prose' },
  ],
  rows: report.dataSubjects.map((subject) => [
    cellText(subject.address),
    subject.displayName === null ? null : cellText(subject.displayName),
    subject.internal,
    subject.nonPerson === null ? null : text.label(`nonPerson.${subject.nonPerson}`),
    strongest(subject, text),
    subject.forwardedMessages,
    subject.confirmedMessages,
    subject.presumedMessages,
    subject.messages,
    cellList(subject.mailboxes),
    cellList(subject.leads.map((category) => text.label(`category.${category}`))),
    null,
    null,
    null,
    null,
  ]),
});
