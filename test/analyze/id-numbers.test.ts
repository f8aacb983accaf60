import { expect, it } from 'vitest';
import { IdNumbers } from '../../src/analyze/id-numbers.js';

/** A GUID made from a number, as exports write them (lower case). */
function guid(n: number): string {
  const hex = (n * 2654435761).toString(16).padStart(12, '0').slice(-12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(1, 4)}-a${hex.slice(5, 8)}-${hex}`;
}

it('numbers ids in the order first seen and gives each back exactly as it was added', () => {
  const numbers = new IdNumbers();
  const ids = [
    '6ca60ab2-4677-41ea-abeb-dc7c1d2fa147',
    'finance.lead@kwizzy.nl',
    // Upper case, a brace, a missing dash: no GUID as records hold them, so kept as text.
    '6CA60AB2-4677-41EA-ABEB-DC7C1D2FA147',
    '{6ca60ab2-4677-41ea-abeb-dc7c1d2fa147}',
    '6ca60ab2-4677-41ea-abeb0dc7c1d2fa147',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
  ];
  expect(ids.map((id) => numbers.add(id))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(ids.map((id) => numbers.add(id))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(ids.map((_, number) => numbers.textOf(number))).toEqual(ids);
  expect(numbers.find('6ca60ab2-4677-41ea-abeb-dc7c1d2fa148')).toBe(-1);
  expect(numbers.find('someone@else')).toBe(-1);
  expect(numbers.size).toBe(7);
});

it('keeps every id apart as the table grows past its first size', () => {
  const numbers = new IdNumbers();
  const count = 120_000;
  for (let n = 0; n < count; n++) expect(numbers.add(guid(n))).toBe(n);
  for (let n = 0; n < count; n += 997) {
    expect(numbers.find(guid(n))).toBe(n);
    expect(numbers.textOf(n)).toBe(guid(n));
  }
  expect(numbers.find(guid(count))).toBe(-1);
});

it('finds an id added after it was looked for in vain, and tells apart ids looked up in turn', () => {
  const numbers = new IdNumbers();
  const session = guid(1);
  const aadSession = guid(2);
  expect(numbers.find(session)).toBe(-1);
  expect(numbers.add(session)).toBe(0);
  expect(numbers.find(session)).toBe(0);
  expect(numbers.find(aadSession)).toBe(-1);
  expect(numbers.add(aadSession)).toBe(1);
  for (const id of [session, aadSession, guid(3), session, aadSession]) {
    expect(numbers.find(id)).toBe(id === guid(3) ? -1 : id === session ? 0 : 1);
  }
  expect(numbers.add('mailbox@kwizzy.nl')).toBe(2);
  expect(numbers.find('mailbox@kwizzy.nl')).toBe(2);
});
