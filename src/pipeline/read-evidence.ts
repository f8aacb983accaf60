import type { EvidenceFile } from '../evidence/index.js';
import type {
  AuditRecord,
  FolderListing,
  MessageLookup,
  Problem,
  SignInRecord,
  TraceRecord,
} from '../model/index.js';
import { InputError } from '../model/index.js';
import type { InputRecordCounts } from '../report/index.js';
import { readInput, readerFormats } from '../sources/index.js';

export interface EvidenceRecords {
  counts: InputRecordCounts[];
  audit: AuditRecord[];
  trace: TraceRecord[];
  signIns: SignInRecord[];
  lookups: MessageLookup[];
  folderListings: FolderListing[];
  problems: Problem[];
}

/**
 * Reads every input in order. An input whose format is not recognised is unusable as a
 * whole and stops the run (exit 2): reporting without it would silently lose evidence.
 */
export async function readEvidence(
  files: readonly EvidenceFile[],
  progress: (line: string) => void,
): Promise<EvidenceRecords> {
  const result: EvidenceRecords = {
    counts: [],
    audit: [],
    trace: [],
    signIns: [],
    lookups: [],
    folderListings: [],
    problems: [],
  };
  for (const file of files) {
    const contents = await readInput({ path: file.path, displayPath: file.displayPath });
    if (contents.format === null) {
      const why = contents.problems.map((problem) => problem.message).join('; ');
      throw new InputError([
        {
          file: file.displayPath,
          line: null,
          column: null,
          key: null,
          message: `not a format mailexposure reads${why ? ` (${why})` : ''}; expected one of: ${readerFormats.join(', ')}`,
        },
      ]);
    }
    const kind = contents.kind ?? file.role;
    if (kind !== file.role) {
      result.problems.push({
        code: 'notice',
        input: file.displayPath,
        line: null,
        message: `listed under evidence.${file.role} but holds ${kind} records (${contents.format}); read as ${kind}`,
      });
    }
    progress(
      `read ${file.displayPath}: ${contents.format}, ${contents.records} records` +
        (contents.rejected > 0 ? `, ${contents.rejected} rejected` : ''),
    );
    result.counts.push({
      file,
      format: contents.format,
      kind,
      records: contents.records,
      rejected: contents.rejected,
    });
    // Loops, not push(...records): spreading 125,000 records overflows the call stack.
    for (const record of contents.audit) result.audit.push(record);
    for (const record of contents.trace) result.trace.push(record);
    for (const record of contents.signIns) result.signIns.push(record);
    for (const record of contents.lookups) result.lookups.push(record);
    for (const record of contents.folderListings) result.folderListings.push(record);
    for (const problem of contents.problems) result.problems.push(problem);
  }
  return result;
}
