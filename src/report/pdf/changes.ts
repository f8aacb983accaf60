import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { ReportChanges } from '../../model/index.js';
import {
  changesContext,
  changesOf,
  levelText,
  messageChangeRows,
  personKindText,
} from '../format/index.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { addressCell, plainCell, timeCell } from './cells.js';
import { dataTable, heading, keepWithNext, paragraphs, subheading } from './layout.js';
import { breakableId, richText } from './rich-text.js';

/** Message changes beyond this many are in the workbook's Changes sheet. */
const MESSAGE_LIMIT = 500;

function figuresTable({ text }: PdfContext, changes: ReportChanges): Content {
  return dataTable(
    [
      { header: text.label('change.kind.figure'), width: '*' },
      { header: text.label('column.previously'), width: 80, alignment: 'right' },
      { header: text.label('column.now'), width: 80, alignment: 'right' },
    ],
    changes.figures.map(({ figure, previous, current }): TableCell[] => [
      { text: text.label(`change.figure.${figure}`) },
      { text: previous === null ? '—' : text.count(previous), alignment: 'right' },
      {
        text: text.count(current),
        alignment: 'right',
        style: previous === current ? 'plain' : 'strong',
      },
    ]),
  );
}

function messagesPart(context: PdfContext, changes: ReportChanges): Content[] {
  const { text } = context;
  const rows = messageChangeRows(changes);
  if (rows.length === 0) return [];
  const shown = rows.slice(0, MESSAGE_LIMIT);
  const table = dataTable(
    [
      { header: text.label('column.change'), width: 70 },
      { header: text.label('column.mailbox'), width: 88 },
      { header: text.label('column.internetMessageId'), width: '*' },
      { header: text.label('column.date', { timeZone: context.report.case.timezone }), width: 62 },
      { header: text.label('column.previously'), width: 60 },
      { header: text.label('column.now'), width: 60 },
    ],
    shown.map(({ kind, change }): TableCell[] => [
      { text: text.label(`change.kind.${kind}`) },
      addressCell([change.mailbox]),
      { text: richText(breakableId(change.internetMessageId)), fontSize: 6.5 },
      timeCell(context, change.date),
      plainCell(levelText(text, change.previous)),
      plainCell(levelText(text, change.current)),
    ]),
    'portrait',
    text.label('change.heading.messages'),
  );
  return [
    table,
    ...(shown.length < rows.length
      ? [
          {
            text: text.label('changesCapped', {
              shown: text.count(shown.length),
              total: text.count(rows.length),
              sheet: text.label('sheet.changes'),
            }),
            style: 'note',
          },
        ]
      : []),
  ];
}

function peoplePart({ text }: PdfContext, changes: ReportChanges): Content[] {
  const rows = [
    ...changes.dataSubjects.added.map((person) => ({ person, kind: 'personAdded' })),
    ...changes.dataSubjects.removed.map((person) => ({ person, kind: 'personRemoved' })),
  ];
  if (rows.length === 0) return [];
  return [
    dataTable(
      [
        { header: text.label('column.change'), width: 100 },
        { header: text.label('column.address'), width: '*' },
        { header: text.label('column.internal'), width: 130 },
      ],
      rows.map(({ person, kind }): TableCell[] => [
        { text: text.label(`change.kind.${kind}`) },
        addressCell([person.address]),
        { text: personKindText(text, person, '\n') },
      ]),
      'portrait',
      text.label('change.heading.people'),
    ),
  ];
}

function inputsPart({ text }: PdfContext, changes: ReportChanges): Content[] {
  const rows = [
    ...changes.inputs.added.map((input) => ({ input, kind: 'inputAdded' })),
    ...changes.inputs.changed.map((input) => ({ input, kind: 'inputChanged' })),
    ...changes.inputs.removed.map((input) => ({ input, kind: 'inputRemoved' })),
  ];
  if (rows.length === 0) return [];
  return [
    dataTable(
      [
        { header: text.label('column.change'), width: 110 },
        { header: text.label('column.input'), width: '*' },
        { header: 'SHA-256', width: 200 },
      ],
      rows.map(({ input, kind }): TableCell[] => [
        { text: text.label(`change.kind.${kind}`) },
        { text: richText(input.path) },
        { text: input.currentSha256 ?? input.previousSha256 ?? '—', fontSize: 6.5 },
      ]),
      'portrait',
      text.label('change.heading.inputs'),
    ),
  ];
}

/**
 * "What changed since the report of DATE" (GDPR Art. 33(4)), for a report that names an
 * earlier one: the figures then and now, and each message, person and input that changed.
 */
export function changesSection(context: PdfContext): Content[] {
  const { report, text } = context;
  const changes = changesOf(report);
  if (changes === null) return [];
  const facts = changesContext(changes, text);
  const parts = [
    ...messagesPart(context, changes),
    ...peoplePart(context, changes),
    ...inputsPart(context, changes),
  ];
  return [
    heading(text.label('section.changes', facts), SECTION_IDS.changes, { orientation: 'portrait' }),
    ...paragraphs(text.prose('changes', facts)),
    ...keepWithNext(subheading(text.label('change.heading.figures')), [
      figuresTable(context, changes),
    ]),
    ...(parts.length === 0 ? [{ text: text.label('change.none'), style: 'paragraph' }] : parts),
  ];
}
