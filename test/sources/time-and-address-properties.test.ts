import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressInRanges, parseAddressRange, parseClientIp } from '../../src/model/index.js';
import { parseUtcTime } from '../../src/sources/utc-time.js';

const RUNS = 500;
const options = { numRuns: RUNS, seed: 11 };

/** Any instant whose local time, at any offset up to ±14:00, is still in the years 1-9999. */
const instant = fc.date({
  min: new Date('0001-01-02T00:00:00.000Z'),
  max: new Date('9999-12-30T23:59:59.999Z'),
  noInvalidDate: true,
});
const offsetMinutes = fc.integer({ min: -14 * 60, max: 14 * 60 });

const two = (value: number): string => String(value).padStart(2, '0');

/** The instant's wall-clock fields at an offset from UTC. */
function localFields(date: Date, offset: number) {
  const local = new Date(date.getTime() + offset * 60_000);
  return {
    year: String(local.getUTCFullYear()).padStart(4, '0'),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millis: local.getUTCMilliseconds(),
  };
}

/** What parseUtcTime gives: ISO UTC with Z, milliseconds only when not zero. */
function expected(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

describe('times round-trip (fast-check)', () => {
  it('an ISO time with Z, an offset or none (UTC) is the same instant', () => {
    fc.assert(
      fc.property(instant, offsetMinutes, fc.boolean(), (date, offset, colon) => {
        const f = localFields(date, offset);
        const sign = offset < 0 ? '-' : '+';
        const zone = `${sign}${two(Math.trunc(Math.abs(offset) / 60))}${colon ? ':' : ''}${two(Math.abs(offset) % 60)}`;
        const local = `${f.year}-${two(f.month)}-${two(f.day)}T${two(f.hour)}:${two(f.minute)}:${two(f.second)}.${String(f.millis).padStart(3, '0')}`;
        expect(parseUtcTime(`${local}${zone}`)).toBe(expected(date));
        if (offset === 0) expect(parseUtcTime(local)).toBe(expected(date));
        expect(parseUtcTime(date.toISOString())).toBe(expected(date));
        // A time parsed is parsed again to itself.
        expect(parseUtcTime(expected(date))).toBe(expected(date));
      }),
      options,
    );
  });

  it("a US export's month-first time with AM/PM is the same instant, to the second", () => {
    fc.assert(
      fc.property(instant, (date) => {
        const f = localFields(date, 0);
        const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
        const text = `${String(f.month)}/${String(f.day)}/${f.year} ${String(hour12)}:${two(f.minute)}:${two(f.second)} ${f.hour < 12 ? 'AM' : 'PM'}`;
        const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
        expect(parseUtcTime(text)).toBe(expected(seconds));
      }),
      options,
    );
  });

  it('any text gives a time in ISO UTC or null, never an error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const time = parseUtcTime(text);
        if (time !== null) expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
      }),
      options,
    );
  });
});

const v4 = fc.ipV4();
// Addresses with an IPv4 tail (`::ffff:a.b.c.d`) are read as IPv4: ip-address tests have them.
const v6 = fc.ipV6().filter((address) => !address.includes('.'));
const port = fc.integer({ min: 1, max: 65535 });

describe('client addresses (fast-check)', () => {
  it('an address reads the same with a port or in brackets, and its canonical form again', () => {
    fc.assert(
      fc.property(v4, v6, port, (four, six, portNumber) => {
        const canonical4 = parseClientIp(four);
        const canonical6 = parseClientIp(six);
        expect(canonical4).not.toBeNull();
        expect(canonical6).not.toBeNull();
        expect(parseClientIp(`${four}:${String(portNumber)}`)).toBe(canonical4);
        expect(parseClientIp(`[${six}]:${String(portNumber)}`)).toBe(canonical6);
        expect(parseClientIp(`[${six}]`)).toBe(canonical6);
        expect(parseClientIp(` ${six.toUpperCase()} `)).toBe(canonical6);
        expect(parseClientIp(canonical4)).toBe(canonical4);
        expect(parseClientIp(canonical6)).toBe(canonical6);
      }),
      options,
    );
  });

  it('an address is in a range around it, with a zone id or a port too; elsewhere with neither', () => {
    fc.assert(
      fc.property(v6, fc.integer({ min: 0, max: 128 }), v6, (six, bits, other) => {
        const range = parseAddressRange(`${six}/${String(bits)}`);
        expect(range).not.toBeNull();
        if (range === null) return;
        expect(addressInRanges(six, [range])).toBe(true);
        expect(addressInRanges(`${six}%eth0`, [range])).toBe(true);
        expect(addressInRanges(`[${six}]:443`, [range])).toBe(true);
        expect(addressInRanges(`${other}%15`, [range])).toBe(addressInRanges(other, [range]));
      }),
      options,
    );
  });

  it('any text is an address or null, never an error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const address = parseClientIp(text);
        if (address !== null) expect(parseClientIp(address)).toBe(address);
        expect(typeof addressInRanges(text, [])).toBe('boolean');
      }),
      options,
    );
  });
});
