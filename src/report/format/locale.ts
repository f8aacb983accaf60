/** Locales with a complete set of templates; any other case locale falls back to English. */
export const LOCALES = ['en', 'nl', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

/** Intl tags: British English reads day-month-year, as counsel in Europe expect. */
const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', nl: 'nl-NL', de: 'de-DE' };

function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** `nl-BE` and `NL` both pick the Dutch templates; unknown languages get English. */
export function resolveLocale(tag: string): Locale {
  const language = tag.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return isLocale(language) ? language : 'en';
}

export function intlTag(locale: Locale): string {
  return INTL_TAGS[locale];
}
