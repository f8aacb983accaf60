import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Locale } from './locale.js';
import { packageRoot } from '../../tool-info.js';

/** Prose and labels of one locale, from `templates/<locale>/` (labels.json and *.hbs). */
export interface Templates {
  /** A short label; may hold `{{fields}}` filled from the context. */
  label(key: string, context?: object): string;
  /** A prose template's output split into paragraphs at blank lines. */
  prose(name: string, context: object): string[];
}

const TEMPLATE_DIR = join(packageRoot, 'templates');
const cache = new Map<Locale, Templates>();

function readLabels(locale: string): Record<string, string> {
  const parsed: unknown = JSON.parse(
    readFileSync(join(TEMPLATE_DIR, locale, 'labels.json'), 'utf8'),
  );
  if (typeof parsed !== 'object' || parsed === null) {
    throw new Error(`templates/${locale}/labels.json is not an object`);
  }
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
}

/** Labels of a locale, checked to have exactly the English keys. */
export function readLocaleLabels(locale: Locale): Record<string, string> {
  const labels = readLabels(locale);
  const english = locale === 'en' ? labels : readLabels('en');
  const missing = Object.keys(english).filter((key) => !(key in labels));
  const extra = Object.keys(labels).filter((key) => !(key in english));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `templates/${locale}/labels.json: missing [${missing.join(', ')}], unknown [${extra.join(', ')}]`,
    );
  }
  return labels;
}

function createTemplates(locale: Locale): Templates {
  const handlebars = Handlebars.create();
  const plurals = new Intl.PluralRules(locale);
  handlebars.registerHelper('plural', (count: unknown, one: unknown, other: unknown) =>
    plurals.select(Number(count)) === 'one' ? one : other,
  );
  // Our output is PDF text and spreadsheet cells, never HTML; a misspelt field must fail.
  const compile = (source: string): HandlebarsTemplateDelegate =>
    handlebars.compile(source, { noEscape: true, strict: true });

  const labels = readLocaleLabels(locale);
  const compiledLabels = new Map<string, HandlebarsTemplateDelegate>();
  const compiledProse = new Map<string, HandlebarsTemplateDelegate>();

  return {
    label(key, context = {}) {
      let template = compiledLabels.get(key);
      if (template === undefined) {
        const source = labels[key];
        if (source === undefined) throw new Error(`No label "${key}" in templates/${locale}`);
        template = compile(source);
        compiledLabels.set(key, template);
      }
      return template(context);
    },
    prose(name, context) {
      let template = compiledProse.get(name);
      if (template === undefined) {
        template = compile(readFileSync(join(TEMPLATE_DIR, locale, `${name}.hbs`), 'utf8'));
        compiledProse.set(name, template);
      }
      return template(context)
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
        .filter((paragraph) => paragraph.length > 0);
    },
  };
}

export function loadTemplates(locale: Locale): Templates {
  let templates = cache.get(locale);
  if (templates === undefined) {
    templates = createTemplates(locale);
    cache.set(locale, templates);
  }
  return templates;
}
