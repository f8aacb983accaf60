import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCaseFile } from '../../src/case/index.js';
import type { Report } from '../../src/model/index.js';
import { analyzeEvidence } from '../../src/pipeline/index.js';
import { reportChanges, type PreviousReport } from '../../src/report/index.js';
import { renderPdf } from '../../src/report/pdf/index.js';
import { renderWorkbook } from '../../src/report/xlsx/index.js';
import { readPdf, readWorkbookStrings } from '../report/fixture.js';

/** Fields of report.json that hold codes the renderers put into words; everything else is data. */
const CODE_FIELDS = new Set([
  'exposure',
  'metadataSource',
  'unresolvedReason',
  'attributedBy',
  'kind',
  'code',
  'locale',
  'formats',
  'status',
  'state',
  'link',
  'by',
  'recipientsFrom',
  // leads on the kind of data: the category and where it was found are codes; the keyword
  // lists (English ones among them) are rules, listed as they are in the workbook only
  'category',
  'source',
  'keywords',
]);

/** Names and abbreviations that read the same in every language. */
const NAMES = [
  'microsoft',
  'graph',
  'outlook',
  'exchange',
  'onedrive',
  'teams',
  'purview',
  'ediscovery',
  'excel',
  'unified',
  'log',
  'premium',
  // case-file keys the reports name
  'nonpersonaddresses',
  'personaddresses',
  'report',
  'sensitivekeywords',
  // the audit record field that names the client, as the appendix quotes it
  'clientinfostring',
  // "Outlook on the web", "Outlook op het web", "Outlook im Web"; "Graph API"
  'web',
];
// "api": "Graph API" in every language
const ABBREVIATIONS = 'utc sha ews imap pop ios ip ipv csv json api'.split(' ');

/**
 * Words that are Dutch or German too, or that Dutch and German IT writing uses as they are:
 * these may appear in an nl or de report although the English one has them.
 */
const SHARED_WORDS: Record<'nl' | 'de', string[]> = {
  nl: [
    ...['mailbox', 'record', 'records', 'client', 'status', 'bytes', 'ref', 'id', 'hash'],
    ...['hashes', 'caches', 'export', 'exports', 'auditing', 'throttling', 'exact', 'was', 'had'],
    ...['apart', 'register', 'info'],
  ],
  de: [
    ...['client', 'clients', 'status', 'bytes', 'ref', 'format', 'problem', 'text', 'id'],
    ...['ids', 'export', 'exports', 'synchronisation', 'was', 'internet', 'also', 'organisation'],
    ...['name', 'person', 'register', 'info', 'fall', 'information'],
  ],
};

function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/\p{L}{2,}/gu) ?? []).map((word) => word));
}

function dataStrings(value: unknown, key: string, into: string[]): string[] {
  if (typeof value === 'string') {
    if (!CODE_FIELDS.has(key)) into.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) dataStrings(item, key, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [field, item] of Object.entries(value)) dataStrings(item, field, into);
  }
  return into;
}

/** An earlier report of the demo: some messages not found yet, one at another level. */
function phaseOne(report: Report): PreviousReport {
  const [first, ...rest] = report.messages.slice(10);
  if (first === undefined) throw new Error('the demo has too few messages');
  const messages = [first, ...rest].map((message, index) =>
    index === 0 ? { ...message, exposure: 'presumed-throttled' as const } : message,
  );
  return {
    report: {
      ...report,
      generatedAt: '2026-10-20T00:00:00Z',
      messages: [...messages, { ...first, internetMessageId: 'withdrawn@kwizzy.nl' }],
      dataSubjects: report.dataSubjects.slice(2),
      inputs: report.inputs.slice(1),
    },
    path: 'out/phase-1/report.json',
    sha256: 'd'.repeat(64),
  };
}

interface Rendered {
  pdf: string;
  workbook: string;
}

async function render(report: Report, locale: string): Promise<Rendered> {
  const localised: Report = { ...report, case: { ...report.case, locale } };
  const dir = await mkdtemp(join(tmpdir(), `mailexposure-${locale}-`));
  const path = join(dir, 'report.xlsx');
  await renderWorkbook(localised, path);
  return {
    pdf: (await readPdf(await renderPdf(localised))).text,
    workbook: (await readWorkbookStrings(path)).join('\n'),
  };
}

/**
 * The English reports' own words (not the evidence's): none of them may appear in the Dutch or
 * German reports. A word the PDF splits across lines is data when it is part of any data.
 */
describe('the demo reports in Dutch and German', () => {
  let data: string;
  /** The keywords of the leads, which the workbook's "Lead keywords" sheet lists as they are. */
  let keywords: string;
  let english: Rendered;
  const rendered = new Map<string, Rendered>();

  beforeAll(async () => {
    const caseFile = await loadCaseFile('cases/demo/case.yaml');
    const analysed = await analyzeEvidence(caseFile, {
      generatedAt: '2026-11-01T00:00:00Z',
      progress: () => undefined,
    });
    // As a phased report, so that the "what changed" section and sheet are read too.
    const report = { ...analysed, changes: reportChanges(phaseOne(analysed), analysed) };
    data = dataStrings(report, '', []).join('\n').toLowerCase().replace(/\s+/g, '');
    keywords = report.dataLeadRules.flatMap((rule) => rule.keywords).join('\n');
    english = await render(report, 'en');
    for (const locale of ['nl', 'de']) rendered.set(locale, await render(report, locale));
  }, 120_000);

  const englishIn = (locale: 'nl' | 'de', part: keyof Rendered): string[] => {
    const allowed = new Set([...NAMES, ...ABBREVIATIONS, ...SHARED_WORDS[locale]]);
    const known = part === 'workbook' ? `${data}\n${keywords}` : data;
    const own = [...words(english[part])].filter(
      (word) => !allowed.has(word) && !known.includes(word),
    );
    const translated = words(rendered.get(locale)?.[part] ?? '');
    return own.filter((word) => translated.has(word)).sort();
  };

  it.each(['nl', 'de'] as const)('%s: the PDF has no English words but the data', (locale) => {
    expect(englishIn(locale, 'pdf')).toEqual([]);
  });

  it.each(['nl', 'de'] as const)('%s: the workbook has no English words but the data', (locale) => {
    expect(englishIn(locale, 'workbook')).toEqual([]);
  });
});
