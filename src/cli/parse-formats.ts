import type { ReportFormat } from '../model/index.js';
import { InputError } from '../model/index.js';

const known: readonly ReportFormat[] = ['pdf', 'xlsx', 'json', 'csv'];

/** `--formats pdf,json` → formats, or the fallback when the option is absent. */
export function parseFormats(
  text: string | undefined,
  fallback: readonly ReportFormat[],
): ReportFormat[] {
  if (text === undefined) return [...fallback];
  const formats = text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
  const unknown = formats.filter((format) => !known.includes(format as ReportFormat));
  if (unknown.length > 0 || formats.length === 0) {
    throw new InputError([
      {
        file: '--formats',
        line: null,
        column: null,
        key: null,
        message: `"${text}" is not a list of report formats; use any of ${known.join(', ')}, comma-separated`,
      },
    ]);
  }
  return [...new Set(formats as ReportFormat[])];
}
