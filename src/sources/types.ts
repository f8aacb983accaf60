import type {
  AuditRecord,
  FolderListing,
  MessageLookup,
  Problem,
  SignInRecord,
  TraceRecord,
} from '../model/index.js';
import type { ReadDigest } from './decode-text.js';

export type EvidenceKind =
  'audit' | 'messageTrace' | 'signIns' | 'messageLookups' | 'folderListings';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Shown to users; used in SourcePosition.input and Problem.input. */
  displayPath: string;
}

/**
 * Where an input's records go as they are read, one at a time, in file order: nothing of an
 * input is gathered into arrays by the reading itself.
 */
export interface InputSink {
  audit(record: AuditRecord): void;
  trace(record: TraceRecord): void;
  signIn(record: SignInRecord): void;
  lookup(lookup: MessageLookup): void;
  folderListing(listing: FolderListing): void;
}

export interface ReadOptions {
  /** Only records whose text spans a line this accepts are needed (see ReaderInput.wanted). */
  wanted?: (first: number, last: number) => boolean;
  /** Called now and then while reading: bytes read of the file's size, records so far. */
  progress?: (read: { bytes: number; size: number; records: number }) => void;
}

/** What reading an input found, apart from its records. */
export interface InputSummary {
  /** Detected reader format, null when unrecognised. */
  format: string | null;
  /** What the detected format holds, null when unrecognised. */
  kind: EvidenceKind | null;
  /** Rows read successfully. */
  records: number;
  /** Rows rejected (each has a Problem). */
  rejected: number;
  problems: Problem[];
  /** Hash and size of the bytes read, when the file was read to its end. */
  digest: ReadDigest | null;
}
