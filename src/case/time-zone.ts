import { closestName } from './closest-name.js';

const ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];

/**
 * What is wrong with a `case.timezone` value, or null when it is an IANA zone name this Node can
 * format times in. `UTC` is accepted although ICU does not list it; zones outside ICU's list are
 * accepted when they are region names ICU knows as aliases (`Europe/Kyiv`), but not bare
 * abbreviations such as `EST` or `CET`, whose meaning readers get wrong.
 */
export function timeZoneProblem(value: string): string | null {
  if (ZONES.includes(value)) return null;
  const sameButCase = ZONES.find((zone) => zone.toLowerCase() === value.toLowerCase());
  if (sameButCase !== undefined) {
    return `${JSON.stringify(value)} is not written as the IANA time zone is; did you mean \`${sameButCase}\`? (time zone names are case-sensitive)`;
  }
  if (value.includes('/') && formatsIn(value)) return null;
  const suggestion = closestName(value, ZONES);
  return (
    `${JSON.stringify(value)} is not an IANA time zone name; write a region such as Europe/Amsterdam or America/New_York, or UTC` +
    (suggestion === null ? '' : `; did you mean \`${suggestion}\`?`)
  );
}

function formatsIn(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
