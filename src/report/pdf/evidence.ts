import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { CitedAuditRecord, Problem } from '../../model/index.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { addressCell, idCell, timeCell } from './cells.js';
import { TABLE_LAYOUT, dataTable, heading, paragraphs, subheading } from './layout.js';
import { breakableName, richText } from './rich-text.js';

/** Rejected rows beyond this many are in the workbook's Evidence sheet and report.json. */
const PROBLEM_LIMIT = 500;

function location(input: string | null, line: number | null): string {
  return `${input ?? '—'}${line === null ? '' : `:${line}`}`;
}

function provenance({ report, text }: PdfContext): Content {
  const row = (label: string, value: string): TableCell[] => [label, { text: value }];
  return {
    style: 'table',
    layout: TABLE_LAYOUT,
    table: {
      widths: [150, '*'],
      body: [
        row(text.label('tool'), `${report.tool.name} ${report.tool.version}`),
        row(text.label('generatedAt'), text.zoned.dateTime(report.generatedAt)),
        row(text.label('caseFileSha256'), report.case.caseFileSha256),
        row(text.label('timeZone'), report.case.timezone),
      ],
    },
  };
}

function problemRows({ text }: PdfContext, problems: Problem[]): TableCell[][] {
  return problems.map((problem) => [
    { text: location(problem.input, problem.line) },
    { text: text.label(`problem.${problem.code}`) },
    { text: richText(problem.message) },
  ]);
}

/** For evidence collected live: every audit query, so the reader can see nothing was cut off. */
function collectionPart({ report, text }: PdfContext): Content[] {
  const collection = report.collection;
  if (collection === null) return [];
  return [
    subheading(text.label('collection')),
    {
      text: text.label('collectionIntro', {
        tenant: collection.tenantId,
        cloud: collection.cloud,
        apiVersion: collection.apiVersion,
        truncated: text.label('chunkStatus.truncated'),
      }),
      style: 'paragraph',
    },
    dataTable(
      [
        { header: text.label('column.start'), width: 120 },
        { header: text.label('column.end'), width: 120 },
        { header: text.label('column.status'), width: 150 },
        { header: text.label('column.records'), width: 60, alignment: 'right' },
        { header: text.label('column.limitExceeded'), width: '*' },
      ],
      collection.chunks.map((chunk): TableCell[] => {
        // A report.json written before delegate mailboxes were asked for has no `delegate`.
        const delegate = (chunk.delegate as string | null | undefined) ?? null;
        const status = text.label(`chunkStatus.${chunk.status}`);
        return [
          { text: text.zoned.dateTime(chunk.start) },
          { text: text.zoned.dateTime(chunk.end) },
          {
            text:
              delegate === null
                ? status
                : text.label('chunkOwnRecords', { status, mailbox: delegate }),
          },
          { text: chunk.records === null ? '—' : text.count(chunk.records), alignment: 'right' },
          { text: chunk.isRecordCountLimitExceeded === true ? '!' : '' },
        ];
      }),
      'landscape',
    ),
    ...collection.limitations.map((limitation): Content => ({
      text: limitation,
      style: 'paragraph',
    })),
    ...collection.problems.map((problem): Content => ({
      text: `${problem.code}: ${problem.message}`,
      style: 'paragraph',
    })),
  ];
}

export function evidenceSection(context: PdfContext): Content[] {
  const { report, text } = context;
  const problems = report.problems.slice(0, PROBLEM_LIMIT);
  return [
    heading(text.label('section.evidence'), SECTION_IDS.evidence, { orientation: 'landscape' }),
    ...paragraphs(text.prose('evidence', {})),
    provenance(context),
    dataTable(
      [
        { header: text.label('column.input'), width: '*' },
        { header: text.label('column.format'), width: 90 },
        { header: 'SHA-256', width: 200 },
        { header: text.label('column.bytes'), width: 52, alignment: 'right' },
        { header: text.label('column.read'), width: 44, alignment: 'right' },
        { header: text.label('column.inScope'), width: 44, alignment: 'right' },
        { header: text.label('column.duplicates'), width: 48, alignment: 'right' },
        { header: text.label('column.rejected'), width: 44, alignment: 'right' },
      ],
      report.inputs.map((input) => [
        { text: richText(input.path) },
        { text: `${input.format}\n(${text.label(`inputKind.${input.kind}`)})` },
        { text: input.sha256, font: 'Roboto', fontSize: 6.5 },
        ...[input.bytes, input.records, input.inScope, input.duplicates, input.rejected].map(
          (value): TableCell => ({ text: text.count(value), alignment: 'right' }),
        ),
      ]),
      'landscape',
    ),
    ...collectionPart(context),
    subheading(text.label('rejectedRows')),
    problems.length === 0
      ? { text: text.label('none'), style: 'paragraph' }
      : dataTable(
          [
            { header: text.label('column.location'), width: 220 },
            { header: text.label('column.problem'), width: 90 },
            { header: text.label('column.reason'), width: '*' },
          ],
          problemRows(context, problems),
          'landscape',
        ),
    ...(problems.length < report.problems.length
      ? [
          {
            text: text.label('moreInWorkbook', {
              count: text.count(report.problems.length - problems.length),
              sheet: text.label('sheet.rejectedRows'),
            }),
            style: 'note',
          },
        ]
      : []),
  ];
}

function recordRow(context: PdfContext, record: CitedAuditRecord, index: number): TableCell[] {
  const { text } = context;
  return [
    { text: `R${index + 1}`, style: 'strong' },
    idCell(record.id),
    timeCell(context, record.creationTime),
    {
      text: [record.operation, record.mailAccessType]
        .filter((part) => part !== null)
        .map(breakableName)
        .join('\n'),
    },
    addressCell([record.mailbox]),
    addressCell([record.actor]),
    { text: record.clientIp ?? '—' },
    idCell(record.sessionId),
    {
      text:
        record.attributedBy.length === 0
          ? text.label('notAttributed')
          : record.attributedBy.map((reason) => text.label(`attribution.${reason}`)).join('; '),
    },
    {
      text: richText(
        record.sources.map((source) => location(source.input, source.line)).join('\n'),
      ),
    },
  ];
}

/** The R numbers the list skips (records no page cites), named so a gap never reads as withheld. */
function missingNumbers(
  cited: readonly number[],
  total: number,
  count: (value: number) => string,
): Record<string, unknown> {
  const listed = new Set(cited);
  const missing: string[] = [];
  for (let index = 0; index < total; index += 1)
    if (!listed.has(index)) missing.push(`R${index + 1}`);
  const shown = missing.slice(0, 12).join(', ');
  return {
    missing: count(missing.length),
    missingCount: missing.length,
    missingList: missing.length > 12 ? `${shown}, …` : shown,
  };
}

/** Built last: lists the records the sections before it cited, in R-number order. */
export function auditRecordsSection(context: PdfContext): Content[] {
  const { report, text } = context;
  const cited = context.cited();
  const shown = cited.slice(0, Math.max(0, report.case.pdfMessageLimit));
  return [
    heading(text.label('section.auditRecords'), SECTION_IDS.auditRecords, {
      orientation: 'landscape',
    }),
    ...paragraphs(
      text.prose('audit-records', {
        capped: shown.length < cited.length,
        shown: text.count(shown.length),
        cited: text.count(cited.length),
        total: text.count(report.auditRecords.length),
        ...missingNumbers(cited, report.auditRecords.length, (value) => text.count(value)),
        sheet: text.label('sheet.auditRecords'),
      }),
    ),
    shown.length === 0
      ? { text: text.label('none'), style: 'paragraph' }
      : dataTable(
          [
            { header: text.label('column.ref'), width: 26 },
            { header: text.label('column.recordId'), width: 84 },
            { header: text.label('column.time'), width: 62 },
            { header: text.label('column.operation'), width: 76 },
            { header: text.label('column.mailbox'), width: 72 },
            { header: text.label('column.actor'), width: 72 },
            { header: text.label('column.ip'), width: 60 },
            { header: text.label('column.session'), width: 72 },
            { header: text.label('column.attributedBy'), width: 84 },
            { header: text.label('column.sources'), width: '*' },
          ],
          shown.flatMap((index) => {
            const record = report.auditRecords[index];
            return record === undefined ? [] : [recordRow(context, record, index)];
          }),
          'landscape',
        ),
  ];
}
