import type { SourcePosition } from './source-position.js';

/** One message-trace row: exports have one row per recipient, analysis aggregates them. */
export interface TraceRecord {
  /** Normalised (see normalizeMessageId). */
  internetMessageId: string;
  /** ISO 8601 UTC with `Z`. */
  received: string | null;
  sender: string | null;
  /** Lower-cased addresses this row names (one for Get-MessageTrace, several for history). */
  recipients: string[];
  subject: string | null;
  status: string | null;
  sizeInBytes: number | null;
  source: SourcePosition;
}
