import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  LOCALES,
  createReportText,
  methodContext,
  readLocaleLabels,
  resolveLocale,
  type Locale,
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

  it('fills the same fields in every locale of each label', () => {
    const fields = (label: string): string[] =>
      [...label.matchAll(/\{\{\s*([^}\s]+)[^}]*\}\}/g)].map((match) => match[1] ?? '').sort();
    const english = readLocaleLabels('en');
    for (const locale of LOCALES) {
      const labels = readLocaleLabels(locale);
      for (const [key, value] of Object.entries(english)) {
        expect([locale, key, fields(labels[key] ?? '')]).toEqual([locale, key, fields(value)]);
      }
    }
  });

  it('translates every label: one that reads as in English is a word both languages use', () => {
    const withoutFields = (label: string): string => label.replace(/\{\{[^}]*\}\}/g, '');
    const english = readLocaleLabels('en');
    const untranslated = (locale: Locale): string[] =>
      Object.entries(readLocaleLabels(locale))
        .filter(([key, value]) => value === english[key] && /\p{L}/u.test(withoutFields(value)))
        .map(([key]) => key);
    expect(untranslated('nl')).toEqual([
      'column.bytes',
      'column.client',
      'column.mailbox',
      'column.records',
      'column.ref',
      'column.status',
    ]);
    expect(untranslated('de')).toEqual([
      'column.bytes',
      'column.client',
      'column.format',
      'column.problem',
      'column.ref',
      'column.status',
      'column.text',
    ]);
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
