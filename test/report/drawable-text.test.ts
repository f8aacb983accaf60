import { describe, expect, it } from 'vitest';
import {
  TEXT_CHARACTER_LIMIT,
  UNBROKEN_LIMIT,
  drawableText,
} from '../../src/report/pdf/drawable-text.js';

describe('drawableText', () => {
  it('shows control characters, direction controls and lone surrogates by their code', () => {
    const drawn = drawableText('a\u0000b\tc\u007fd\u202ee\u2066f\ufeffg\ud800h');
    expect(drawn.replaceAll('\u200b', '')).toBe(
      'a[U+0000]b[U+0009]c[U+007F]d[U+202E]e[U+2066]f[U+FEFF]g[U+D800]h',
    );
  });

  it('keeps line breaks, spaces and ordinary text as they are', () => {
    const text = '  =1+1 Zażółć\nחוזה 会議 👍🏽';
    expect(drawableText(text)).toBe(text);
  });

  it('lets an unbroken run wrap after every UNBROKEN_LIMIT characters', () => {
    const drawn = drawableText('x'.repeat(UNBROKEN_LIMIT * 2 + 1));
    expect(drawn.split('\u200b').map((part) => part.length)).toEqual([
      UNBROKEN_LIMIT,
      UNBROKEN_LIMIT,
      1,
    ]);
    // Words shorter than the limit, and text drawn twice, stay as they are.
    expect(drawableText(drawn)).toBe(drawn);
    expect(drawableText('word '.repeat(100))).toBe('word '.repeat(100));
  });

  it('never separates a character from its combining marks', () => {
    const drawn = drawableText(`${'x'.repeat(UNBROKEN_LIMIT - 1)}e\u0301\u0302y`);
    expect(drawn).toBe(`${'x'.repeat(UNBROKEN_LIMIT - 1)}e\u0301\u0302\u200by`);
  });

  it('looks no further than one character past the longest text drawn', () => {
    const drawn = drawableText('a '.repeat(TEXT_CHARACTER_LIMIT));
    expect(drawn.length).toBe(TEXT_CHARACTER_LIMIT + 1);
  });
});
