import { methodContext, splitTopic } from '../format/index.js';
import type { CellValue, SheetBuilder } from './sheet.js';

export const methodSheet: SheetBuilder = (report, text) => {
  const facts = methodContext(report, text);
  const rows = (section: string, paragraphs: string[]): CellValue[][] =>
    paragraphs.map((paragraph) => {
      const { topic, body } = splitTopic(paragraph);
      return [section, topic, body];
    });
  return {
    name: text.label('sheet.method'),
    filter: false,
    columns: [
      { header: text.label('column.section'), width: 18, kind: 'text' },
      { header: text.label('column.topic'), width: 26, kind: 'text' },
      { header: text.label('column.text'), width: 110, kind: 'prose' },
    ],
    rows: [
      ...rows(text.label('section.method'), text.prose('method', facts)),
      ...rows(text.label('section.limitations'), text.prose('limitations', facts)),
    ],
  };
};
