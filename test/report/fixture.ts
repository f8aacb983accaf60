import { readFileSync } from 'node:fs';
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import type { Report } from '../../src/model/index.js';

/** A fresh copy of the hand-written report, safe to change in one test. */
export function fixtureReport(): Report {
  return JSON.parse(
    readFileSync(new URL('../fixtures/report/report.json', import.meta.url), 'utf8'),
  ) as Report;
}

export interface PdfText {
  /** All pages' text, zero-width break hints removed, each run of white space one space. */
  text: string;
  /** The same without any white space: for ids and hashes that wrap inside a table cell. */
  compact: string;
  pages: number;
  info: Record<string, unknown>;
}

export async function readPdf(pdf: Buffer): Promise<PdfText> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(document, { mergePages: true });
  const { info } = await getMeta(document);
  const plain = text.replaceAll('\u200b', '');
  return {
    text: plain.replace(/\s+/g, ' '),
    compact: plain.replace(/\s+/g, ''),
    pages: totalPages,
    info,
  };
}
