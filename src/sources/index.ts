import type {
  AuditRecord,
  FolderListing,
  MessageLookup,
  Problem,
  SignInRecord,
  TraceRecord,
} from '../model/index.js';
import { readers } from './readers.js';

export type EvidenceKind =
  'audit' | 'messageTrace' | 'signIns' | 'messageLookups' | 'folderListings';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Shown to users; used in SourcePosition.input and Problem.input. */
  displayPath: string;
}

export interface InputContents {
  /** Detected reader format, null when unrecognised. */
  format: string | null;
  /** What the detected format holds, null when unrecognised. */
  kind: EvidenceKind | null;
  audit: AuditRecord[];
  trace: TraceRecord[];
  signIns: SignInRecord[];
  lookups: MessageLookup[];
  folderListings: FolderListing[];
  /** Rows read successfully. */
  records: number;
  /** Rows rejected (each has a Problem). */
  rejected: number;
  problems: Problem[];
}

export { readInput } from './read-input.js';

/** Names of all input formats, for docs and tests. */
export const readerFormats: readonly string[] = readers.map((reader) => reader.format);
