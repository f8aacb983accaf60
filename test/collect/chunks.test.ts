import { describe, expect, it } from 'vitest';
import { chunkKey, planChunks, splitChunk } from '../../src/collect/chunks.js';

describe('planChunks', () => {
  it('cuts the window into days and reaches one second past its inclusive end', () => {
    expect(planChunks({ start: '2026-10-01T00:00:00Z', end: '2026-10-03T00:00:00Z' }, 24)).toEqual([
      { start: '2026-10-01T00:00:00Z', end: '2026-10-02T00:00:00Z' },
      { start: '2026-10-02T00:00:00Z', end: '2026-10-03T00:00:00Z' },
      { start: '2026-10-03T00:00:00Z', end: '2026-10-03T00:00:01Z' },
    ]);
  });

  it('takes other chunk sizes and an end inside the last chunk', () => {
    const chunks = planChunks({ start: '2026-10-01T00:00:00Z', end: '2026-10-01T13:59:59Z' }, 6);
    expect(chunks.map((chunk) => chunk.end)).toEqual([
      '2026-10-01T06:00:00Z',
      '2026-10-01T12:00:00Z',
      '2026-10-01T14:00:00Z',
    ]);
  });

  it('rejects a window that ends before it starts', () => {
    expect(() =>
      planChunks({ start: '2026-10-02T00:00:00Z', end: '2026-10-01T00:00:00Z' }, 24),
    ).toThrow(RangeError);
  });
});

describe('splitChunk', () => {
  it('halves at a whole second', () => {
    expect(splitChunk({ start: '2026-10-01T00:00:00Z', end: '2026-10-01T00:03:01Z' })).toEqual([
      { start: '2026-10-01T00:00:00Z', end: '2026-10-01T00:01:30Z' },
      { start: '2026-10-01T00:01:30Z', end: '2026-10-01T00:03:01Z' },
    ]);
  });

  it('refuses to split below two minutes, so a dense minute is reported, not looped on', () => {
    expect(splitChunk({ start: '2026-10-01T00:00:00Z', end: '2026-10-01T00:01:59Z' })).toBeNull();
  });
});

it('names chunks without characters file systems reject', () => {
  expect(chunkKey({ start: '2026-10-01T00:00:00Z', end: '2026-10-02T00:00:00Z' })).toBe(
    '20261001T000000Z-20261002T000000Z',
  );
});
