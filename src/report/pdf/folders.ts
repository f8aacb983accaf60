import type { Content } from 'pdfmake/interfaces.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { addressCell, idCell, pathCell, refsCell, timeCell } from './cells.js';
import { dataTable, heading, paragraphs } from './layout.js';

/**
 * Folders and throttling follow "What else the attacker did" on its landscape pages, without a
 * page of their own: their few rows would otherwise leave that section's last page nearly empty.
 */
export function foldersSection(context: PdfContext): Content[] {
  const { report, text } = context;
  return [
    heading(text.label('section.folders'), SECTION_IDS.folders),
    ...paragraphs(text.prose('folders', {})),
    report.folders.length === 0
      ? { text: text.label('none'), style: 'paragraph' }
      : dataTable(
          [
            { header: text.label('column.mailbox'), width: 130 },
            { header: text.label('column.folder'), width: '*' },
            { header: text.label('column.syncedAt'), width: 66 },
            { header: text.label('column.session'), width: 150 },
            { header: text.label('column.listed'), width: 150 },
            { header: text.label('column.evidence'), width: 46 },
          ],
          report.folders.map((folder) => [
            addressCell([folder.mailbox]),
            pathCell(folder.path),
            timeCell(context, folder.syncedAt),
            folder.sessionId === null
              ? { text: text.label('noSessionId'), style: 'muted' }
              : idCell(folder.sessionId),
            {
              text: folder.listed
                ? text.label('listedMessages', { count: text.count(folder.messages) })
                : text.label('notListed'),
            },
            refsCell(context, folder.auditRecordIds),
          ]),
          'landscape',
        ),
  ];
}

export function throttlingSection(context: PdfContext): Content[] {
  const { report, text } = context;
  return [
    heading(text.label('section.throttling'), SECTION_IDS.throttling),
    ...paragraphs(text.prose('throttling', {})),
    report.throttledWindows.length === 0
      ? { text: text.label('none'), style: 'paragraph' }
      : dataTable(
          [
            { header: text.label('column.mailbox'), width: 130 },
            { header: text.label('column.start'), width: 70 },
            { header: text.label('column.end'), width: 70 },
            { header: text.label('column.attributed'), width: '*' },
            { header: text.label('column.evidence'), width: 46 },
          ],
          report.throttledWindows.map((window) => [
            addressCell([window.mailbox]),
            timeCell(context, window.start),
            timeCell(context, window.end),
            {
              text: text.label(
                window.attributed ? 'throttledAttributed' : 'throttledNotAttributed',
              ),
              style: window.attributed ? 'strong' : 'plain',
            },
            refsCell(context, window.auditRecordIds),
          ]),
          'landscape',
        ),
  ];
}
