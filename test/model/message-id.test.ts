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
