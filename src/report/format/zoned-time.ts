import { intlTag, type Locale } from './locale.js';

const QUARTER_HOUR = 15 * 60_000;

/**
 * Times in report.json are UTC; readers see them in the case time zone with the offset
 * stated, because the offset changes with daylight saving time inside a case window.
 */
export interface ZonedTime {
  /** `3 Oct 2026` (locale order). */
  date(iso: string): string;
  /** `08:12:44` */
  time(iso: string): string;
  /** `UTC+02:00` */
  offset(iso: string): string;
  /** `+02:00`, for table cells whose header names the zone. */
  shortOffset(iso: string): string;
  /** `3 Oct 2026, 08:12:44 UTC+02:00` */
  dateTime(iso: string): string;
  /** `3 Oct` or `3 Oct, 08:00` for a wall-clock time from `wallClock`: chart axis labels. */
  axisLabel(wallClock: Date, withHour: boolean): string;
  /**
   * The wall-clock time in the zone as a Date whose UTC fields hold it: what Excel needs,
   * since Excel dates carry no zone.
   */
  wallClock(iso: string): Date;
}

export function createZonedTime(timeZone: string, locale: Locale): ZonedTime {
  const tag = intlTag(locale);
  const dateFormat = new Intl.DateTimeFormat(tag, { timeZone, dateStyle: 'medium' });
  const timeFormat = new Intl.DateTimeFormat(tag, { timeZone, timeStyle: 'medium' });
  // Wall-clock dates hold the zone's time in their UTC fields.
  const dayFormat = new Intl.DateTimeFormat(tag, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
  });
  const hourFormat = new Intl.DateTimeFormat(tag, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const fieldFormat = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });

  // Zones change offset at whole quarter-hours at most; a workbook asks for 100,000s of times.
  const offsets = new Map<number, number>();
  const offsetAt = (instant: number): number => {
    const quarter = Math.floor(instant / QUARTER_HOUR);
    let known = offsets.get(quarter);
    if (known === undefined) {
      const fields = new Map(
        fieldFormat
          .formatToParts(new Date(quarter * QUARTER_HOUR))
          .map((part) => [part.type, Number(part.value)]),
      );
      const field = (type: Intl.DateTimeFormatPartTypes): number => fields.get(type) ?? 0;
      const wall = Date.UTC(
        field('year'),
        field('month') - 1,
        field('day'),
        field('hour'),
        field('minute'),
        field('second'),
      );
      known = wall - quarter * QUARTER_HOUR;
      offsets.set(quarter, known);
    }
    return known;
  };

  const offset = (iso: string): string => {
    const minutes = Math.round(offsetAt(Date.parse(iso)) / 60_000);
    const sign = minutes < 0 ? '-' : '+';
    const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
    return `UTC${sign}${hours}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
  };

  return {
    date: (iso) => dateFormat.format(new Date(iso)),
    time: (iso) => timeFormat.format(new Date(iso)),
    offset,
    shortOffset: (iso) => offset(iso).replace('UTC', ''),
    dateTime: (iso) =>
      `${dateFormat.format(new Date(iso))}, ${timeFormat.format(new Date(iso))} ${offset(iso)}`,
    axisLabel: (wall, withHour) => (withHour ? hourFormat : dayFormat).format(wall),
    wallClock: (iso) => {
      const instant = Date.parse(iso);
      return new Date(instant + offsetAt(instant));
    },
  };
}
