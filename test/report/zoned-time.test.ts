import { describe, expect, it } from 'vitest';
import { createZonedTime } from '../../src/report/format/index.js';

describe('createZonedTime', () => {
  const amsterdam = createZonedTime('Europe/Amsterdam', 'en');

  it('shows UTC times in the case zone with the offset of that moment', () => {
    expect(amsterdam.dateTime('2026-10-03T06:12:44Z')).toBe('3 Oct 2026, 08:12:44 UTC+02:00');
    // Daylight saving time ends on 25 October 2026.
    expect(amsterdam.dateTime('2026-10-26T06:12:44Z')).toBe('26 Oct 2026, 07:12:44 UTC+01:00');
    expect(createZonedTime('Asia/Kolkata', 'en').offset('2026-10-03T06:12:44Z')).toBe('UTC+05:30');
    expect(createZonedTime('UTC', 'en').offset('2026-10-03T06:12:44Z')).toBe('UTC+00:00');
  });

  it('formats dates for the locale', () => {
    expect(createZonedTime('Europe/Amsterdam', 'de').date('2026-10-03T06:12:44Z')).toBe(
      '03.10.2026',
    );
    expect(createZonedTime('Europe/Amsterdam', 'nl').date('2026-10-03T06:12:44Z')).toBe(
      '3 okt 2026',
    );
  });

  it('gives Excel the wall-clock time of the zone', () => {
    expect(amsterdam.wallClock('2026-10-03T23:30:00Z').toISOString()).toBe(
      '2026-10-04T01:30:00.000Z',
    );
    expect(createZonedTime('America/New_York', 'en').wallClock('2026-01-15T12:00:00Z')).toEqual(
      new Date('2026-01-15T07:00:00Z'),
    );
  });
});
