import pdfmake from 'pdfmake';
import type { Report } from '../../model/index.js';
import { createPdfContext } from './context.js';
import { documentDefinition } from './document.js';
import { ALLOWED_FONT_PATHS, fontDictionary } from './fonts.js';

/**
 * The counsel-grade PDF, from report.json alone. The document may read its font files and
 * nothing else: no URL is ever fetched, no other local file opened.
 */
export async function renderPdf(report: Report): Promise<Buffer> {
  const definition = documentDefinition(createPdfContext(report));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => ALLOWED_FONT_PATHS.has(path));
  pdfmake.setFonts(fontDictionary());
  return pdfmake.createPdf(definition).getBuffer();
}
