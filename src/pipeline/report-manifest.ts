import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report, ReportFormat } from '../model/index.js';
import { toolInfo } from '../tool-info.js';

export const MANIFEST_FILE = 'manifest.json';

/** A file and its SHA-256, as the manifest names it (paths relative to its folder or case). */
export interface HashedFile {
  sha256: string;
  bytes: number;
}

export interface ManifestReport extends HashedFile {
  format: ReportFormat;
  /** Relative to the output folder. */
  file: string;
  /** The report's generation time: the run (or render) that wrote this file. */
  generatedAt: string;
}

/**
 * `manifest.json`, the chain of custody: the case file, every input, the live collection's
 * own record (collection.json), and every report in the output folder, each with its SHA-256.
 */
export interface ReportManifest {
  tool: { name: string; version: string };
  generatedAt: string;
  case: { id: string; caseFileSha256: string };
  inputs: ({ path: string; format: string } & HashedFile)[];
  /** collection.json of a live collection, relative to the case file; null for exports. */
  collection: ({ path: string } & HashedFile) | null;
  /** For `render`: the report.json the PDF and workbook were drawn from. */
  renderedFrom: ({ path: string } & HashedFile) | null;
  reports: ManifestReport[];
}

/** What an output folder's manifest.json is: ours, someone else's, or not there. */
export type ExistingManifest =
  { kind: 'absent' } | { kind: 'foreign' } | { kind: 'ours'; manifest: ReportManifest };

export async function readReportManifest(
  dir: string,
  file = MANIFEST_FILE,
): Promise<ExistingManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<ReportManifest> | null;
    if (parsed?.tool?.name === toolInfo.name && Array.isArray(parsed.reports)) {
      return { kind: 'ours', manifest: parsed as ReportManifest };
    }
  } catch {
    // Not JSON: not a manifest this tool wrote.
  }
  return { kind: 'foreign' };
}

export function manifestFor(
  report: Report,
  parts: Pick<ReportManifest, 'collection' | 'renderedFrom' | 'reports'>,
): ReportManifest {
  return {
    tool: report.tool,
    generatedAt: report.generatedAt,
    case: { id: report.case.id, caseFileSha256: report.case.caseFileSha256 },
    inputs: report.inputs.map(({ path, sha256, bytes, format }) => ({
      path,
      sha256,
      bytes,
      format,
    })),
    ...parts,
  };
}
