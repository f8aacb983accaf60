import type { Content } from 'pdfmake/interfaces.js';
import type { Report } from '../../model/index.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { dataTable, heading, paragraphs } from './layout.js';
import { richText } from './rich-text.js';

/** Domains beyond this many are in the workbook only. */
const DOMAIN_LIMIT = 200;

interface DomainRow {
  domain: string;
  internal: boolean;
  people: number;
  messages: number;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * People per domain from the data subjects; exposed messages naming anyone at the domain from
 * the messages, each message counted once per domain. Internal first, then by number of
 * people, then by name: a total order.
 */
export function byDomain(report: Report): DomainRow[] {
  const domains = new Map<string, DomainRow>();
  for (const subject of report.dataSubjects) {
    const domain = domainOf(subject.address);
    const row = domains.get(domain) ?? {
      domain,
      internal: subject.internal,
      people: 0,
      messages: 0,
    };
    row.people += 1;
    domains.set(domain, row);
  }
  for (const message of report.messages) {
    const named = new Set(
      [message.sender, ...message.recipients].flatMap((address) =>
        address === null ? [] : [domainOf(address)],
      ),
    );
    for (const domain of named) {
      const row = domains.get(domain);
      if (row !== undefined) row.messages += 1;
    }
  }
  return [...domains.values()].sort(
    (a, b) =>
      Number(b.internal) - Number(a.internal) ||
      b.people - a.people ||
      (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0),
  );
}

export function dataSubjectsSection(context: PdfContext): Content[] {
  const { report, text } = context;
  const rows = byDomain(report);
  const shown = rows.slice(0, DOMAIN_LIMIT);
  return [
    heading(text.label('section.dataSubjects'), SECTION_IDS.dataSubjects),
    ...paragraphs(
      text.prose('data-subjects', {
        domains: report.case.domains.join(', '),
        capped: shown.length < rows.length,
        shown: text.count(shown.length),
        total: text.count(rows.length),
        sheet: text.label('sheet.dataSubjects'),
      }),
    ),
    shown.length === 0
      ? { text: text.label('none'), style: 'paragraph' }
      : dataTable(
          [
            { header: text.label('column.domain'), width: '*' },
            { header: text.label('column.internal'), width: 70 },
            { header: text.label('column.people'), width: 60, alignment: 'right' },
            { header: text.label('column.messages'), width: 80, alignment: 'right' },
          ],
          shown.map((row) => [
            { text: richText(row.domain) },
            { text: text.label(row.internal ? 'internal' : 'external') },
            { text: text.count(row.people), alignment: 'right' },
            { text: text.count(row.messages), alignment: 'right' },
          ]),
        ),
  ];
}
