const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;

/**
 * Reads a window bound as written in the case file: `2026-10-01T00:00:00Z`, a time with an
 * offset (`2026-10-01T02:00:00+02:00`, seconds optional), or a bare date (`2026-10-01`, which
 * means midnight UTC). Returns it in one canonical UTC form, `2026-10-01T00:00:00Z`, with
 * milliseconds (`.250Z`) only when they are not zero; or the reason it cannot be used.
 */
export function parseWindowTime(text: string): { iso: string } | { problem: string } {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return { problem: `${JSON.stringify(text)} is not a date or time; ${EXAMPLES}` };
  const [
    ,
    year,
    month,
    day,
    hour,
    minute,
    second,
    fraction,
    zulu,
    sign,
    offsetHours,
    offsetMinutes,
  ] = match;
  if (hour !== undefined && zulu === undefined && sign === undefined) {
    return {
      problem: `${JSON.stringify(text)} has no UTC offset, so it could mean any time zone; add Z for UTC (${text}Z) or the offset, e.g. +02:00`,
    };
  }
  if (fraction !== undefined && fraction.length > 3) {
    return {
      problem: `${JSON.stringify(text)} is more precise than a millisecond; write at most three decimals`,
    };
  }
  const parts = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
  };
  const local = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
    Number((fraction ?? '').padEnd(3, '0')),
  );
  const offsetMinutesTotal =
    sign === undefined
      ? 0
      : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  if (
    !isSameMoment(local, parts) ||
    Number(offsetHours ?? 0) > 23 ||
    Number(offsetMinutes ?? 0) > 59
  ) {
    return { problem: `${JSON.stringify(text)} is not a real date and time; ${EXAMPLES}` };
  }
  return { iso: formatUtc(local - offsetMinutesTotal * 60_000) };
}

const EXAMPLES =
  'write e.g. 2026-10-01T00:00:00Z (UTC), 2026-10-01T02:00:00+02:00 (with an offset) or 2026-10-01 (midnight UTC)';

/** True when the components did not roll over (no 31 April, no 24:00, no two-digit-year shift). */
function isSameMoment(
  time: number,
  parts: { year: number; month: number; day: number; hour: number; minute: number; second: number },
): boolean {
  const date = new Date(time);
  return (
    date.getUTCFullYear() === parts.year &&
    date.getUTCMonth() === parts.month - 1 &&
    date.getUTCDate() === parts.day &&
    date.getUTCHours() === parts.hour &&
    date.getUTCMinutes() === parts.minute &&
    date.getUTCSeconds() === parts.second
  );
}

function formatUtc(time: number): string {
  return new Date(time).toISOString().replace('.000Z', 'Z');
}
