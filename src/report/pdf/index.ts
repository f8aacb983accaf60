import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Report } from '../../model/index.js';
import { createPdfContext } from './context.js';
import { documentDefinition } from './document.js';
import { ALLOWED_FONT_PATHS, fontDictionary } from './fonts.js';

/** The counsel-grade PDF, from report.json alone. */
export async function renderPdf(report: Report): Promise<Buffer> {
  return renderDefinition(documentDefinition(createPdfContext(report)));
}

/**
 * A document laid out as the report is. It may read its font files and nothing else: no URL
 * is ever fetched, no other local file opened.
 */
export async function renderDefinition(definition: TDocumentDefinitions): Promise<Buffer> {
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => ALLOWED_FONT_PATHS.has(path));
  pdfmake.setFonts(fontDictionary());
  return pdfmake.createPdf(definition).getBuffer();
}
