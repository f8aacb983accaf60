import { invalidField } from './row-rejection.js';

/**
 * Times in the inputs come as ISO 8601 without a zone (AuditData `CreationTime`, which is UTC),
 * ISO with `Z` or an offset (Graph), or in the exporting machine's US locale
 * (`10/3/2026 8:15:00 AM`). A time without a zone is UTC, never local time; locale dates are
 * read month first with AM/PM, and without it only when day and month cannot be confused. The result is ISO 8601 UTC with `Z`; milliseconds are kept (truncated, not
 * rounded) only when they are not zero, so `08:15:00.0000000` and `08:15:00` give the same text.
 */
export function parseUtcTime(raw: string): string | null {
  const text = raw.trim();
  return parseIso(text) ?? parseSlashDate(text);
}

/** A field's time; null when empty, a RowRejection (`invalid-field`) when it is no time. */
export function fieldTime(label: string, text: string | null): string | null {
  if (text === null || text.trim() === '') return null;
  const time = parseUtcTime(text);
  if (time === null) throw invalidField(label, text);
  return time;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const SLASH_DATE =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AP]M))?$/i;

function parseIso(text: string): string | null {
  const plain = plainUtc(text);
  if (plain !== undefined) return plain;
  const match = ISO.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const millis = Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));
  const offset = zoneOffsetMinutes(zone);
  if (offset === null) return null;
  return toIso(
    Number(year),
    Number(month),
    Number(day),
    Number(hour),
    Number(minute),
    Number(second ?? '0'),
    millis,
    offset,
  );
}

/** `2026-10-03T08:15:00`, character by character: `d` stands for a digit. */
const PLAIN_FORM = 'dddd-dd-ddTdd:dd:dd';
const DIGIT = 0x64;

/**
 * The form every audit record's CreationTime takes, `2026-10-03T08:15:00` (or with `Z`), read
 * without the regular expression and the formatting: one is read for every record. Undefined
 * for any other form, which the regular expression then reads; the result is the same.
 */
function plainUtc(text: string): string | null | undefined {
  if (text.length !== 19 && !(text.length === 20 && text.charCodeAt(19) === 0x5a)) {
    return undefined;
  }
  for (let at = 0; at < 19; at++) {
    const code = text.charCodeAt(at);
    const form = PLAIN_FORM.charCodeAt(at);
    if (form === DIGIT ? code < 0x30 || code > 0x39 : code !== form) return undefined;
  }
  const two = (at: number) => (text.charCodeAt(at) - 0x30) * 10 + text.charCodeAt(at + 1) - 0x30;
  const exists = timeExists(two(0) * 100 + two(2), two(5), two(8), two(11), two(14), two(17));
  return exists ? `${text.slice(0, 19)}Z` : null;
}

function parseSlashDate(text: string): string | null {
  const match = SLASH_DATE.exec(text);
  if (!match) return null;
  const [, firstPart = '', secondPart = '', year, hourText, minute, second, meridiem] = match;
  const order = dayOrder(Number(firstPart), Number(secondPart), meridiem !== undefined);
  if (order === null) return null;
  const [month, day] = order === 'month-first' ? [firstPart, secondPart] : [secondPart, firstPart];
  let hour = Number(hourText);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.toUpperCase() === 'PM';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return toIso(
    Number(year),
    Number(month),
    Number(day),
    hour,
    Number(minute),
    Number(second ?? '0'),
    0,
    0,
  );
}

/**
 * US exports write `10/3/2026 8:15:00 PM`, month first with AM/PM. A 24-hour slash date comes
 * from another locale, most of which write the day first (en-GB, fr, es, it): read it so when
 * one part cannot be a month, and refuse it when both can, rather than guess a wrong date.
 */
function dayOrder(
  first: number,
  second: number,
  meridiem: boolean,
): 'month-first' | 'day-first' | null {
  if (meridiem) return 'month-first';
  if (first > 12 && second <= 12) return 'day-first';
  if (second > 12 && first <= 12) return 'month-first';
  return first === second ? 'month-first' : null;
}

/** The furthest any zone lies from UTC (Kiribati, +14:00); `+99:99` is no offset. */
const OFFSET_LIMIT_MINUTES = 14 * 60;

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (minutes > 59 || hours * 60 + minutes > OFFSET_LIMIT_MINUTES) return null;
  return sign * (hours * 60 + minutes);
}

function toIso(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offsetMinutes: number,
): string | null {
  if (!timeExists(year, month, day, hour, minute, second)) return null;
  if (offsetMinutes === 0) return format(year, month, day, hour, minute, second, millis);
  // Date.UTC would read the years 0 to 99 as 1900 to 1999.
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute - offsetMinutes, second, millis);
  // An offset can carry the year 0 back, or 9999 forward, past what ISO 8601 writes in four digits.
  if (utc.getUTCFullYear() < 0 || utc.getUTCFullYear() > 9999) return null;
  return format(
    utc.getUTCFullYear(),
    utc.getUTCMonth() + 1,
    utc.getUTCDate(),
    utc.getUTCHours(),
    utc.getUTCMinutes(),
    utc.getUTCSeconds(),
    utc.getUTCMilliseconds(),
  );
}

/** A time that does not exist (2026-02-30, 24:00) is no time, not the day after. */
function timeExists(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): boolean {
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

function format(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`;
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${fraction}Z`;
}
