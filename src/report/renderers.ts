import { writeFile } from 'node:fs/promises';
import type { Report, ReportFormat } from '../model/index.js';
import { renderJson } from './json.js';

export interface Renderer {
  format: ReportFormat;
  fileName: string;
  render(report: Report, outPath: string): Promise<void>;
}

/** Every report format this version can write, by format. */
export const renderers: readonly Renderer[] = [
  {
    format: 'json',
    fileName: 'report.json',
    render: (report, outPath) => writeFile(outPath, renderJson(report)),
  },
];
