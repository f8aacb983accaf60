import { expect, it } from 'vitest';
import { normalizeMessageId } from '../../src/model/index.js';

it.each([
  ['<AM0PR01MB1234@eurprd01.prod.outlook.com>', 'AM0PR01MB1234@eurprd01.prod.outlook.com'],
  [
    '\\u003cAM0PR01MB1234@eurprd01.prod.outlook.com\\u003e',
    'AM0PR01MB1234@eurprd01.prod.outlook.com',
  ],
  [' AM0PR01MB1234@eurprd01.prod.outlook.com ', 'AM0PR01MB1234@eurprd01.prod.outlook.com'],
])('normalises %s', (raw, expected) => {
  expect(normalizeMessageId(raw)).toBe(expected);
});

it('cuts brackets as the escape-aware reading does, whatever the mix of brackets and spaces', () => {
  const escaped = (raw: string) =>
    raw
      .trim()
      .replace(/\\u003c/gi, '<')
      .replace(/\\u003e/gi, '>')
      .replace(/^<+/, '')
      .replace(/>+$/, '')
      .trim();
  const pieces = ['<', '>', ' ', 'a', '@', 'b.c', '\t'];
  let seed = 11;
  for (let round = 0; round < 5000; round++) {
    let raw = '';
    for (let length = round % 9; length > 0; length--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      raw += pieces[seed % pieces.length] ?? '';
    }
    expect(normalizeMessageId(raw)).toBe(escaped(raw));
  }
  expect(normalizeMessageId('\\u003C a@b \\u003E')).toBe('a@b');
});
