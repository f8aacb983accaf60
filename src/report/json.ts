import type { Report } from '../model/index.js';

/** report.json as written: key order is the model's construction order, so output is stable. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
