import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
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
  /** Each page's text, white space as in `text`. */
  pageTexts: string[];
  /** Each page's orientation. */
  orientations: ('portrait' | 'landscape')[];
  info: Record<string, unknown>;
}

export async function readPdf(pdf: Buffer): Promise<PdfText> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text: pageTexts, totalPages } = await extractText(document, { mergePages: false });
  const { info } = await getMeta(document);
  const orientations: PdfText['orientations'] = [];
  for (let page = 1; page <= totalPages; page += 1) {
    const [, , width = 0, height = 0] = (await document.getPage(page)).view;
    orientations.push(width > height ? 'landscape' : 'portrait');
  }
  const plain = pageTexts.map((page) => page.replaceAll('\u200b', ''));
  return {
    text: plain.join('\n').replace(/\s+/g, ' '),
    compact: plain.join('').replace(/\s+/g, ''),
    pages: totalPages,
    pageTexts: plain.map((page) => page.replace(/\s+/g, ' ')),
    orientations,
    info,
  };
}

/** Every sheet name and text cell of a workbook, in sheet and row order. */
export async function readWorkbookStrings(path: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const strings: string[] = [];
  for (const worksheet of workbook.worksheets) {
    strings.push(worksheet.name);
    worksheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') strings.push(cell.value);
      });
    });
  }
  return strings;
}
