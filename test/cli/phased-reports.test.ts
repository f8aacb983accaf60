import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportChanges } from '../../src/model/index.js';
import { runCli } from './run-cli.js';

const fixedTime = { SOURCE_DATE_EPOCH: '1793000000' };

/** The small case run once without message trace, then again with it and `report.previous`. */
describe('phased reports of the small case', () => {
  let dir: string;
  let casePath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailexposure-phased-'));
    await cp('test/fixtures/cli/small-case', dir, { recursive: true });
    casePath = join(dir, 'case.yaml');
    const text = await readFile(casePath, 'utf8');
    await writeFile(
      join(dir, 'first.yaml'),
      text.replace('  messageTrace: [evidence/trace.csv]\n', ''),
    );
    const first = runCli(['run', join(dir, 'first.yaml'), '--out', join(dir, 'first'), '--quiet'], {
      SOURCE_DATE_EPOCH: '1792000000',
    });
    expect(first.status).toBe(0);
    await writeFile(
      casePath,
      text.replace('  formats: [json]\n', '  formats: [json]\n  previous: first/report.json\n'),
    );
  }, 120_000);

  it('says in report.json what changed since the report the case names', async () => {
    const result = runCli(['run', casePath, '--out', join(dir, 'second'), '--quiet'], fixedTime);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /Since previous\s+0 messages newly exposed, 0 at another level, 0 no longer listed, 1 with sender and recipients now known \(report of 2026-10-14T17:46:40Z\)/,
    );
    const report = JSON.parse(await readFile(join(dir, 'second/report.json'), 'utf8')) as Report;
    expect(report.changes?.previous).toMatchObject({
      path: 'first/report.json',
      generatedAt: '2026-10-14T17:46:40Z',
    });
    expect(report.changes?.messages.resolved.map((message) => message.internetMessageId)).toEqual([
      'AM0PR01MB0001@eurprd01.prod.outlook.com',
    ]);
    expect(report.changes?.inputs.added.map((input) => input.path)).toEqual(['evidence/trace.csv']);
    expect(
      report.changes?.dataSubjects.added.map(({ nonPerson }) => nonPerson ?? 'person').sort(),
    ).toEqual(['person', 'role', 'role']);
  });

  it('diff prints what changed between two report.json files and writes it as JSON', async () => {
    const result = runCli([
      'diff',
      join(dir, 'first/report.json'),
      join(dir, 'second/report.json'),
      '--out',
      join(dir, 'changes.json'),
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('TEST-001: changes from the report of 2026-10-14T17:46:40Z');
    expect(result.stdout).toMatch(
      /Messages\s+0 messages newly exposed, 0 at another level, 0 no longer listed, 1 with sender and recipients now known/,
    );
    expect(result.stdout).toMatch(/People\s+1 newly named, 0 no longer named/);
    expect(result.stdout).toMatch(
      /Not a person\s+2 addresses likely not a person newly named, 0 no longer/,
    );
    expect(result.stdout).toMatch(
      /Figures\s+People named \(data subjects\) 0 → 1; Addresses named, likely not a person 0 → 2; Messages without sender or recipients 2 → 1/,
    );
    const written = JSON.parse(await readFile(join(dir, 'changes.json'), 'utf8')) as ReportChanges;
    expect(written.messages.resolved).toHaveLength(1);
    const json = runCli([
      'diff',
      join(dir, 'first/report.json'),
      join(dir, 'second/report.json'),
      '--json',
    ]);
    expect(JSON.parse(json.stdout)).toEqual(written);
  });

  it('refuses to compare reports of two cases, and a previous report that is not there', async () => {
    const other = JSON.parse(await readFile(join(dir, 'first/report.json'), 'utf8')) as Report;
    other.case.id = 'TEST-999';
    await writeFile(join(dir, 'other.json'), JSON.stringify(other));
    const mixed = runCli(['diff', join(dir, 'other.json'), join(dir, 'second/report.json')]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain('is the report of case TEST-999');
    const text = await readFile(casePath, 'utf8');
    await writeFile(
      join(dir, 'missing.yaml'),
      text.replace('previous: first/report.json', 'previous: nowhere/report.json'),
    );
    const missing = runCli(['validate', join(dir, 'missing.yaml')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`${join(dir, 'missing.yaml')}:20:13`);
    expect(missing.stderr).toContain('"nowhere/report.json" is not a file');
  });
});
