import { describe, expect, it } from 'vitest';
import { parseWindowTime } from '../../src/case/window-time.js';

describe('parseWindowTime', () => {
  it.each([
    ['2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z'],
    ['2026-10-01T02:00:00+02:00', '2026-10-01T00:00:00Z'],
    ['2026-10-01T02:00:00+0200', '2026-10-01T00:00:00Z'],
    ['2026-09-30T19:30:00-04:30', '2026-10-01T00:00:00Z'],
    ['2026-10-01', '2026-10-01T00:00:00Z'],
    ['2026-10-01T08:15Z', '2026-10-01T08:15:00Z'],
    ['2026-10-01t08:15:30z', '2026-10-01T08:15:30Z'],
    ['2026-10-01T08:15:30.250Z', '2026-10-01T08:15:30.250Z'],
    ['2026-10-01T08:15:30.5+01:00', '2026-10-01T07:15:30.500Z'],
    ['2026-10-01T08:15:30.000Z', '2026-10-01T08:15:30Z'],
    ['2028-02-29T23:59:59Z', '2028-02-29T23:59:59Z'],
    ['2026-10-01T00:30:00+01:00', '2026-09-30T23:30:00Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseWindowTime(text)).toEqual({ iso });
  });

  it.each([
    ['2026-10-01T00:00:00', /has no UTC offset/],
    ['2026-10-01T00:00', /has no UTC offset/],
    ['2026-10-01T00:00:00.1234567Z', /more precise than a millisecond/],
    ['2026-02-29', /is not a real date and time/],
    ['2026-04-31T00:00:00Z', /is not a real date and time/],
    ['2026-10-01T24:00:00Z', /is not a real date and time/],
    ['2026-10-01T00:00:60Z', /is not a real date and time/],
    ['2026-10-01T00:00:00+25:00', /is not a real date and time/],
    ['0099-10-01', /is not a real date and time/],
    ['1 October 2026', /is not a date or time/],
    ['2026-10-01 00:00:00Z', /is not a date or time/],
    ['10/1/2026', /is not a date or time/],
    ['', /is not a date or time/],
  ])('refuses %j', (text, problem) => {
    const result = parseWindowTime(text);

    expect('problem' in result && result.problem).toMatch(problem);
  });
});
