import type { Content } from 'pdfmake/interfaces.js';
import type { PdfContext } from './context.js';
import { richText } from './rich-text.js';

/** Page 1 starts with who the report is for and how it may be shared. */
export function cover({ report, text }: PdfContext): Content[] {
  const { case: caseInfo } = report;
  const line = (label: string, value: string | null): Content[] =>
    value === null
      ? []
      : [{ text: [{ text: `${label}: `, style: 'muted' }, { text: richText(value) }] }];
  return [
    ...(caseInfo.classification === null
      ? []
      : [{ text: richText(caseInfo.classification), style: 'classification' }]),
    { text: richText(caseInfo.title), style: 'title' },
    { text: richText(`${caseInfo.id} · ${caseInfo.organization}`), style: 'subtitle' },
    {
      stack: [
        ...line(text.label('preparedFor'), caseInfo.preparedFor),
        ...line(text.label('preparedBy'), caseInfo.preparedBy),
        ...line(text.label('reportDate'), text.zoned.date(report.generatedAt)),
        ...line(
          text.label('caseWindow'),
          `${text.zoned.dateTime(caseInfo.window.start)} – ${text.zoned.dateTime(caseInfo.window.end)}`,
        ),
        ...line(text.label('timeZone'), caseInfo.timezone),
      ],
      margin: [0, 0, 0, 12],
    },
  ];
}
