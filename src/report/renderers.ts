import { writeFile } from 'node:fs/promises';
import type { Report, ReportFormat } from '../model/index.js';
import { renderJson } from './json.js';
import { renderReviewManifest } from './review-manifest.js';

export interface Renderer {
  format: ReportFormat;
  fileName: string;
  render(report: Report, outPath: string): Promise<void>;
}

/**
 * Every report format, by format; each renders from the report model alone. The PDF and
 * workbook libraries are large, so they are loaded only when their format is written.
 */
export const renderers: readonly Renderer[] = [
  {
    format: 'pdf',
    fileName: 'report.pdf',
    render: async (report, outPath) => {
      const { renderPdf } = await import('./pdf/index.js');
      await writeFile(outPath, await renderPdf(report));
    },
  },
  {
    format: 'xlsx',
    fileName: 'report.xlsx',
    render: async (report, outPath) => {
      const { renderWorkbook } = await import('./xlsx/index.js');
      await renderWorkbook(report, outPath);
    },
  },
  {
    format: 'json',
    fileName: 'report.json',
    render: (report, outPath) => writeFile(outPath, renderJson(report)),
  },
  {
    format: 'csv',
    fileName: 'review-manifest.csv',
    render: (report, outPath) => writeFile(outPath, renderReviewManifest(report)),
  },
];
