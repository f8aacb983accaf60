import { odataDateTime } from './odata.js';

/** One audit query's time range. `end` is exclusive-intended (see planChunks). */
export interface Chunk {
  start: string;
  end: string;
}

const HOUR_MS = 3_600_000;
/** A chunk shorter than this is not split again: the limit is then reported, not hidden. */
export const MIN_CHUNK_MS = 60_000;

/**
 * Cuts the case window into chunks of `chunkHours`. The window's end is inclusive and audit
 * times have whole seconds, so the last chunk ends one second after it: whether the API
 * treats its end as inclusive or not, no record at the window's last second is missed (a
 * record on a chunk boundary may come back twice; readers count a record Id once).
 */
export function planChunks(window: { start: string; end: string }, chunkHours: number): Chunk[] {
  if (!(chunkHours > 0)) throw new RangeError(`chunkHours must be positive, got ${chunkHours}`);
  const start = Date.parse(window.start);
  const end = Date.parse(window.end) + 1000;
  if (!(end > start)) throw new RangeError(`window end ${window.end} precedes its start`);
  const step = Math.max(MIN_CHUNK_MS, Math.round(chunkHours * HOUR_MS));
  const chunks: Chunk[] = [];
  for (let from = start; from < end; from += step) {
    chunks.push(chunkOf(from, Math.min(from + step, end)));
  }
  return chunks;
}

/** Halves a chunk (at a whole second), or returns null when it is too short to split. */
export function splitChunk(chunk: Chunk): [Chunk, Chunk] | null {
  const start = Date.parse(chunk.start);
  const end = Date.parse(chunk.end);
  if (end - start < 2 * MIN_CHUNK_MS) return null;
  const middle = start + Math.floor((end - start) / 2000) * 1000;
  return [chunkOf(start, middle), chunkOf(middle, end)];
}

/** File-system safe name of a chunk, e.g. `20261001T000000Z-20261002T000000Z`. */
export function chunkKey(chunk: Chunk): string {
  const compact = (iso: string) => iso.replace(/[-:]/g, '');
  return `${compact(chunk.start)}-${compact(chunk.end)}`;
}

export function compareChunks(a: Chunk, b: Chunk): number {
  return Date.parse(a.start) - Date.parse(b.start) || Date.parse(a.end) - Date.parse(b.end);
}

function chunkOf(startMs: number, endMs: number): Chunk {
  return {
    start: odataDateTime(new Date(startMs).toISOString()),
    end: odataDateTime(new Date(endMs).toISOString()),
  };
}
