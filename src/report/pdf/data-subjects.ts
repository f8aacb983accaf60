import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { DataSubject } from '../../model/index.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { addressCell } from './cells.js';
import { dataTable, heading, keepWithNext, paragraphs, subheading, type Column } from './layout.js';
import { leadsLine } from './data-leads.js';
import { breakableAddress, richText } from './rich-text.js';

/** The address, under it the name the evidence gives it and the leads of its messages. */
function subjectCell(context: PdfContext, subject: DataSubject): TableCell {
  return {
    stack: [
      { text: richText(breakableAddress(subject.address)) },
      ...(subject.displayName === null
        ? []
        : [{ text: richText(subject.displayName), style: 'muted' }]),
      ...leadsLine(context, subject.leads),
    ],
  };
}

function subjectRow(context: PdfContext, subject: DataSubject, withKind: boolean): TableCell[] {
  const { text } = context;
  const count = (value: number): TableCell => ({
    text: value === 0 ? '–' : text.count(value),
    alignment: 'right',
    ...(value === 0 ? { style: 'muted' } : {}),
  });
  return [
    subjectCell(context, subject),
    { text: text.label(subject.internal ? 'internal' : 'external') },
    ...(withKind ? [{ text: text.label(`nonPerson.${subject.nonPerson ?? 'case-file'}`) }] : []),
    count(subject.forwardedMessages),
    count(subject.confirmedMessages),
    count(subject.presumedMessages),
    addressCell(subject.mailboxes),
  ];
}

function columns(context: PdfContext, withKind: boolean): Column[] {
  const { text } = context;
  return [
    { header: text.label(withKind ? 'column.address' : 'column.person'), width: '*' },
    { header: text.label('column.internal'), width: 50 },
    ...(withKind ? [{ header: text.label('column.nonPerson'), width: 70 }] : []),
    { header: text.label('column.forwarded'), width: 56, alignment: 'right' as const },
    { header: text.label('column.confirmed'), width: 56, alignment: 'right' as const },
    { header: text.label('column.presumed'), width: 56, alignment: 'right' as const },
    { header: text.label('column.mailboxes'), width: 100 },
  ];
}

/**
 * Every data subject, people first and then the addresses likely not a person (counted apart),
 * each with its messages by level and the mailboxes they were in. Long lists are capped like
 * the message table; the workbook's register has them all.
 */
export function dataSubjectsSection(context: PdfContext): Content[] {
  const { report, text } = context;
  const limit = Math.max(0, report.case.pdfMessageLimit);
  const people = report.dataSubjects.filter((subject) => subject.nonPerson === null);
  const others = report.dataSubjects.filter((subject) => subject.nonPerson !== null);
  const shownPeople = people.slice(0, limit);
  const shownOthers = others.slice(0, Math.max(0, limit - shownPeople.length));
  const table = (subjects: DataSubject[], withKind: boolean): Content =>
    subjects.length === 0
      ? { text: text.label('none'), style: 'paragraph' }
      : dataTable(
          columns(context, withKind),
          subjects.map((subject) => subjectRow(context, subject, withKind)),
        );
  return [
    heading(text.label('section.dataSubjects'), SECTION_IDS.dataSubjects, {
      orientation: 'portrait',
    }),
    ...paragraphs(
      text.prose('data-subjects', {
        domains: report.case.domains.join(', '),
        people: text.count(people.length),
        peopleCount: people.length,
        others: text.count(others.length),
        othersCount: others.length,
        lowerBound: report.summary.lowerBounds.dataSubjects,
        capped: shownPeople.length + shownOthers.length < report.dataSubjects.length,
        shown: text.count(shownPeople.length + shownOthers.length),
        total: text.count(report.dataSubjects.length),
        sheet: text.label('sheet.dataSubjects'),
      }),
    ),
    table(shownPeople, false),
    ...keepWithNext(subheading(text.label('nonPersonHeading')), [
      ...paragraphs(text.prose('non-persons', { count: text.count(others.length) })),
      table(shownOthers, true),
    ]),
  ];
}
