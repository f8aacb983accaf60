import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineBlocks, type LineBlock } from '../../src/sources/line-blocks.js';
import { MAX_RECORD_CHARS } from '../../src/sources/text-lines.js';

/** The blocks of a file of `bytes`, and the digest of what was read. */
async function blocksOf(bytes: Buffer, blockBytes: number) {
  const dir = await mkdtemp(join(tmpdir(), 'mailexposure-blocks-'));
  const path = join(dir, 'audit.jsonl');
  await writeFile(path, bytes);
  const reader = await LineBlocks.open(path, blockBytes);
  const blocks: LineBlock[] = [];
  for (let block = await reader.next(); block !== null; block = await reader.next()) {
    blocks.push(block);
  }
  return { blocks, digest: await reader.close() };
}

function bytesOf(blocks: readonly LineBlock[]): Buffer[] {
  return blocks.map((block) => ('bytes' in block ? Buffer.from(block.bytes) : Buffer.alloc(0)));
}

describe('LineBlocks: a file cut at line ends for parsing in threads', () => {
  const lines = ['{"a":1}', '{"b":"é €"}', '', '{"c":"' + 'x'.repeat(50) + '"}', '{"d":4}'];
  const text = Buffer.from(`\uFEFF${lines.join('\r\n')}`);

  it('hands out every byte after the byte order mark once, each block ending at a newline', async () => {
    for (const blockBytes of [1, 2, 3, 7, 20, 1000]) {
      const { blocks, digest } = await blocksOf(text, blockBytes);
      const parts = bytesOf(blocks);
      expect(Buffer.concat(parts).equals(text.subarray(3))).toBe(true);
      for (const part of parts.slice(0, -1)) expect(part.at(-1)).toBe(0x0a);
      expect(digest?.sha256).toBe(createHash('sha256').update(text).digest('hex'));
      expect(digest?.bytes).toBe(text.length);
    }
  });

  it('keeps a file without a byte order mark whole, even when it starts with a newline', async () => {
    for (const start of ['\n', '\r\n', 'ab\n']) {
      const bytes = Buffer.from(`${start}\uFEFF{"a":1}\n`);
      const { blocks } = await blocksOf(bytes, 1);
      expect(Buffer.concat(bytesOf(blocks)).equals(bytes)).toBe(true);
    }
  });

  it('keeps a line of more bytes than a record may have characters when its characters fit', async () => {
    // Two bytes per character: more than MAX_RECORD_CHARS bytes, fewer characters.
    const long = `{"s":"${'é'.repeat(MAX_RECORD_CHARS / 2 + 10)}"}`;
    const bytes = Buffer.from(`{"a":1}\n${long}\n{"b":2}\n`);
    const { blocks } = await blocksOf(bytes, 1 << 16);
    expect(blocks.some((block) => 'oversize' in block)).toBe(false);
    expect(Buffer.concat(bytesOf(blocks)).equals(bytes)).toBe(true);
  });

  it('counts a line longer than a record may be, without holding it, and goes on after it', async () => {
    // Beyond the bound by more than a block: a shorter one goes whole to a parse thread, whose
    // line splitter rejects it alike.
    const long = `{"s":"${'y'.repeat(MAX_RECORD_CHARS + (1 << 20))}"}`;
    const bytes = Buffer.from(`{"a":1}\n${long}\r\n{"b":2}`);
    const { blocks, digest } = await blocksOf(bytes, 1 << 16);
    const oversize = blocks.filter((block) => 'oversize' in block);
    // Its characters as the line splitter counts them: the CR before the newline included.
    expect(oversize).toEqual([{ oversize: long.length + 1, newline: true, invalidUtf8: false }]);
    expect(Buffer.concat(bytesOf(blocks)).toString()).toBe('{"a":1}\n{"b":2}');
    expect(digest?.bytes).toBe(bytes.length);
  });
});
