import { readers } from './readers.js';

export type { EvidenceKind, InputFile, InputSink, InputSummary, ReadOptions } from './types.js';
export type { FileState, ReadDigest } from './decode-text.js';
export { detectInput, emptySummary, endOfInput, readInput, systemError } from './read-input.js';
export { UNFINISHED_PAGES } from './json-records.js';
export { oversizeMessage } from './text-lines.js';
export { lineAuditReader, lineDelimitedAudit, readAuditBlock } from './read-audit-block.js';
export type { AuditBlockRows, LineAuditReader } from './read-audit-block.js';
export { LineBlocks } from './line-blocks.js';
export type { LineBlock } from './line-blocks.js';

/** Names of all input formats, for docs and tests. */
export const readerFormats: readonly string[] = readers.map((reader) => reader.format);
