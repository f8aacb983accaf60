import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  LOCALES,
  createReportText,
  methodContext,
  readLocaleLabels,
  resolveLocale,
} from '../../src/report/format/index.js';
import { fixtureReport } from './fixture.js';

const templatesDir = new URL('../../templates/', import.meta.url);

describe('templates', () => {
  it('has every English template and label in each locale', () => {
    const english = readdirSync(new URL('en/', templatesDir)).sort();
    for (const locale of LOCALES) {
      expect(readdirSync(new URL(`${locale}/`, templatesDir)).sort()).toEqual(english);
      expect(() => readLocaleLabels(locale)).not.toThrow();
    }
  });

  it.each(LOCALES)('writes method and limitations as topic paragraphs in %s', (locale) => {
    const report = fixtureReport();
    report.case.locale = locale;
    const text = createReportText(report);
    const facts = methodContext(report, text);
    expect(text.prose('method', facts)).toHaveLength(4);
    expect(text.prose('limitations', facts)).toHaveLength(5);
  });

  it('fails on a misspelt field instead of printing nothing', () => {
    const text = createReportText(fixtureReport());
    expect(() => text.prose('summary', {})).toThrow(/not defined/);
  });

  it('does not escape text as HTML', () => {
    const report = fixtureReport();
    report.case.organization = 'Müller & Söhne <GmbH>';
    const text = createReportText(report);
    expect(text.label('documentSubject', { organization: report.case.organization })).toContain(
      'Müller & Söhne <GmbH>',
    );
  });

  it('picks the locale by language and falls back to English', () => {
    expect(resolveLocale('nl-BE')).toBe('nl');
    expect(resolveLocale('DE')).toBe('de');
    expect(resolveLocale('fr')).toBe('en');
  });
});
