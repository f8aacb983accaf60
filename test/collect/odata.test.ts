import { expect, it } from 'vitest';
import { odataString, queryOption, userSegment } from '../../src/collect/odata.js';

it('escapes a message id so that Graph reads back exactly that id', () => {
  const id = "<o'brien+1=2&x#y%z/q r@mail.example.com>";
  const option = queryOption('$filter', `internetMessageId eq ${odataString(id)}`);
  // Nothing left that could end the literal, the option or the URL, or turn into a space.
  expect(option.slice('$filter='.length)).not.toMatch(/[+&#<> ]/);
  const parsed = new URLSearchParams(option).get('$filter');
  expect(parsed).toBe(`internetMessageId eq '<o''brien+1=2&x#y%z/q r@mail.example.com>'`);
});

it('keeps the @ of a user principal name readable in the path', () => {
  expect(userSegment('finance.lead@kwizzy.nl')).toBe('/users/finance.lead@kwizzy.nl');
  expect(userSegment('a/b#c@kwizzy.nl')).toBe('/users/a%2Fb%23c@kwizzy.nl');
});
