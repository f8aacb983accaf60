import type { Content } from 'pdfmake/interfaces.js';
import { methodContext, splitTopic } from '../format/index.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { heading } from './layout.js';

/** Each paragraph opens with its topic in bold ("Inputs. ..."), as the templates write it. */
export function topicParagraphs(texts: string[]): Content[] {
  return texts.map((paragraph) => {
    const { topic, body } = splitTopic(paragraph);
    return topic === null
      ? { text: paragraph, style: 'paragraph' }
      : { text: [{ text: `${topic}.`, style: 'strong' }, ` ${body}`], style: 'paragraph' };
  });
}

export function methodSections(context: PdfContext): Content[] {
  const { report, text } = context;
  const facts = methodContext(report, text);
  return [
    heading(text.label('section.method'), SECTION_IDS.method, { orientation: 'portrait' }),
    ...topicParagraphs(text.prose('method', facts)),
    heading(text.label('section.limitations'), SECTION_IDS.limitations),
    ...topicParagraphs(text.prose('limitations', facts)),
  ];
}
