import { expect, it } from 'vitest';
import { parseUtcTime } from '../../src/sources/utc-time.js';

it.each([
  ['2020-04-07T23:47:30', '2020-04-07T23:47:30Z'],
  ['2026-01-24T06:54:24.0000000Z ', '2026-01-24T06:54:24Z'],
  ['2026-01-24T06:54:24.5Z', '2026-01-24T06:54:24.500Z'],
  ['2026-01-24 06:54', '2026-01-24T06:54:00Z'],
  ['2026-01-24T06:54:24-05:00', '2026-01-24T11:54:24Z'],
  ['2026-01-24T00:30:00+0100', '2026-01-23T23:30:00Z'],
  ['9/20/2023 4:05:03 AM', '2023-09-20T04:05:03Z'],
  ['10/3/2026 8:15:00 PM', '2026-10-03T20:15:00Z'],
  ['10/3/2026 12:05:00 AM', '2026-10-03T00:05:00Z'],
  ['10/3/2026 12:05:00 PM', '2026-10-03T12:05:00Z'],
  ['10/23/2026 20:15', '2026-10-23T20:15:00Z'],
  ['23/10/2026 20:15:00', '2026-10-23T20:15:00Z'],
  ['10/10/2026 20:15:00', '2026-10-10T20:15:00Z'],
  ['2026-10-03T08:15:00+14:00', '2026-10-02T18:15:00Z'],
  ['2026-10-03T08:15:00-12:00', '2026-10-03T20:15:00Z'],
  // The years 0 to 99 stay themselves, with an offset too (Date.UTC makes them 19xx).
  ['0050-06-01T12:00:00+02:00', '0050-06-01T10:00:00Z'],
  ['0000-01-01T05:00:00+01:00', '0000-01-01T04:00:00Z'],
])('reads %j as %s', (text, iso) => {
  expect(parseUtcTime(text)).toBe(iso);
});

it.each([
  '',
  'yesterday',
  '2026-02-30T08:00:00',
  '2026-10-03T24:00:00',
  '13/1/2026 8:00:00 AM',
  '10/3/2026 13:00:00 PM',
  '03.10.2026 08:15:00',
  // 24-hour slash dates come from day-first locales as often as not: 3 October or 10 March?
  '10/03/2026 20:15',
  '03/10/2026 08:15:00',
  '1759479300',
  // No zone lies further than 14 hours from UTC, and an hour has 60 minutes.
  '2026-10-03T08:15:00+99:99',
  '2026-10-03T08:15:00+15:00',
  '2026-10-03T08:15:00-14:01',
  '2026-10-03T08:15:00+01:60',
  // An offset that carries the time out of the years 0000 to 9999.
  '0000-01-01T00:30:00+01:00',
  '9999-12-31T23:30:00-01:00',
])('reads %j as no time', (text) => {
  expect(parseUtcTime(text)).toBeNull();
});

it('reads the plain form of every record (`2026-10-03T08:15:00`) as the full grammar does', () => {
  // The plain form has a path of its own; with a zero fraction the full grammar reads it.
  let seed = 7;
  const digit = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return String(seed % 10);
  };
  const digits = (count: number) => Array.from({ length: count }, digit).join('');
  for (let round = 0; round < 2000; round++) {
    // Month, day, hour, minute and second from 00 to 99: many do not exist.
    const text = `${digits(4)}-${digits(2)}-${digits(2)}T${digits(2)}:${digits(2)}:${digits(2)}`;
    expect(parseUtcTime(text)).toBe(parseUtcTime(`${text}.0`));
    expect(parseUtcTime(`${text}Z`)).toBe(parseUtcTime(`${text}.0Z`));
  }
  expect(parseUtcTime('2024-02-29T23:59:59')).toBe('2024-02-29T23:59:59Z');
  expect(parseUtcTime('2023-02-29T23:59:59')).toBeNull();
  expect(parseUtcTime('2026-10-03t08:15:00')).toBe('2026-10-03T08:15:00Z');
  expect(parseUtcTime('2026-10-03T08:15:00z')).toBe('2026-10-03T08:15:00Z');
});
