import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { hashFile } from '../evidence/index.js';
import type { Report, ReportFormat } from '../model/index.js';
import { renderers } from '../report/index.js';

export interface WrittenReport {
  format: ReportFormat;
  path: string;
  sha256: string;
  bytes: number;
}

export interface RenderResult {
  written: WrittenReport[];
  /** Formats asked for that this version cannot write: said, never skipped silently. */
  unavailable: ReportFormat[];
}

export interface WriteResult extends RenderResult {
  manifestPath: string;
}

/** Renders each asked format into the output folder. */
export async function renderReports(
  report: Report,
  outDir: string,
  formats: readonly ReportFormat[],
  progress: (line: string) => void,
): Promise<RenderResult> {
  await mkdir(outDir, { recursive: true });
  const written: WrittenReport[] = [];
  const unavailable: ReportFormat[] = [];
  for (const format of formats) {
    const renderer = renderers.find((candidate) => candidate.format === format);
    if (renderer === undefined) {
      unavailable.push(format);
      continue;
    }
    const path = join(outDir, renderer.fileName);
    progress(`writing ${renderer.fileName}`);
    await renderer.render(report, path);
    written.push({ format, path, ...(await hashFile(path)) });
  }
  return { written, unavailable };
}

/**
 * Renders the reports, then writes `manifest.json`: the hashes of the case file, every input
 * and every report, so a reader can verify the chain from evidence to report.
 */
export async function writeReports(
  report: Report,
  outDir: string,
  formats: readonly ReportFormat[],
  progress: (line: string) => void,
): Promise<WriteResult> {
  const { written, unavailable } = await renderReports(report, outDir, formats, progress);
  const manifestPath = join(outDir, 'manifest.json');
  const manifest = {
    tool: report.tool,
    generatedAt: report.generatedAt,
    case: { id: report.case.id, caseFileSha256: report.case.caseFileSha256 },
    inputs: report.inputs.map(({ path, sha256, bytes, format }) => ({
      path,
      sha256,
      bytes,
      format,
    })),
    reports: written.map(({ format, path, sha256, bytes }) => ({
      format,
      file: relative(outDir, path),
      sha256,
      bytes,
    })),
  };
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { written, unavailable, manifestPath };
}
