import { readers } from './readers.js';

export type { EvidenceKind, InputFile, InputSink, InputSummary, ReadOptions } from './types.js';
export type { FileState, ReadDigest } from './decode-text.js';
export { detectInput, readInput } from './read-input.js';

/** Names of all input formats, for docs and tests. */
export const readerFormats: readonly string[] = readers.map((reader) => reader.format);
