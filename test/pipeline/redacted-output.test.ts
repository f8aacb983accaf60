import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCaseFile } from '../../src/case/index.js';
import type { CaseFile, Report } from '../../src/model/index.js';
import { analyzeEvidence, writeReports } from '../../src/pipeline/index.js';
import { readPdf, readWorkbookStrings } from '../report/fixture.js';

const options = { generatedAt: '2026-11-01T00:00:00Z', progress: () => undefined };
const WRITE_OPTIONS = { progress: () => undefined, force: false, collection: null };

/** Every string held under a key named `subject`, anywhere in the report. */
function subjectsIn(value: unknown, key = '', into = new Set<string>()): Set<string> {
  if (typeof value === 'string' && key === 'subject' && value.trim() !== '') into.add(value);
  else if (Array.isArray(value)) for (const item of value) subjectsIn(item, key, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [field, item] of Object.entries(value)) subjectsIn(item, field, into);
  }
  return into;
}

/** Every string value of a JSON document, as a reader of it would see them. */
function jsonStrings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) jsonStrings(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) jsonStrings(item, into);
  }
  return into;
}

/** Each file of a folder as the reader sees its text (unescaped), white space removed. */
async function folderText(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const text = entry.name.endsWith('.pdf')
      ? (await readPdf(await readFile(path))).compact
      : entry.name.endsWith('.xlsx')
        ? (await readWorkbookStrings(path)).join('\n')
        : entry.name.endsWith('.json')
          ? jsonStrings(JSON.parse(await readFile(path, 'utf8'))).join('\n')
          : (await readFile(path, 'utf8')).replaceAll('""', '"');
    texts.set(entry.name, text.replace(/\s+/g, ''));
  }
  return texts;
}

describe('a redacted run of the demo case', () => {
  let subjects: string[];
  let out: string;
  let rendered: string;

  beforeAll(async () => {
    const demo = await loadCaseFile('cases/demo/case.yaml');
    subjects = [...subjectsIn(await analyzeEvidence(demo, options))];
    const caseFile: CaseFile = { ...demo, report: { ...demo.report, redactSubjects: true } };
    out = await mkdtemp(join(tmpdir(), 'mailexposure-redacted-'));
    await writeReports(
      await analyzeEvidence(caseFile, options),
      out,
      ['pdf', 'xlsx', 'json', 'csv'],
      {
        ...WRITE_OPTIONS,
        renderedFrom: null,
      },
    );
    // Rendered again from the redacted report.json alone, as `mailexposure render` does.
    const again = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
    rendered = await mkdtemp(join(tmpdir(), 'mailexposure-rendered-'));
    await writeReports(again, rendered, ['pdf', 'xlsx'], {
      ...WRITE_OPTIONS,
      renderedFrom: { path: join(out, 'report.json'), sha256: '0'.repeat(64), bytes: 0 },
    });
  }, 120_000);

  it('has subjects to hide', () => {
    expect(subjects.length).toBeGreaterThan(100);
  });

  it.each(['the output folder', 'a render of its report.json'])(
    'holds none of them in any file of %s',
    async (which) => {
      const texts = await folderText(which === 'the output folder' ? out : rendered);
      expect([...texts.keys()].sort()).toEqual(
        which === 'the output folder'
          ? ['manifest.json', 'report.json', 'report.pdf', 'report.xlsx', 'review-manifest.csv']
          : ['manifest.json', 'report.pdf', 'report.xlsx'],
      );
      const found = [...texts].flatMap(([file, text]) =>
        subjects
          .filter((subject) => text.includes(subject.replace(/\s+/g, '')))
          .map((subject) => `${file}: ${subject}`),
      );
      expect(found).toEqual([]);
    },
  );

  it('says in report.json which messages had a subject withheld', async () => {
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.case.redactSubjects).toBe(true);
    expect(report.messages.every((message) => message.subject === null)).toBe(true);
    const withheld = report.messages.filter((message) => message.subjectWithheld);
    expect(withheld.length).toBeGreaterThan(100);
    const pdf = (await folderText(out)).get('report.pdf') ?? '';
    expect(pdf).toContain('[subjectwithheld]');
  });
});
