import { copyFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../report/fixture.js';
import { runInProcess } from './run-in-process.js';

const fixedTime = { SOURCE_DATE_EPOCH: '1793000000' };

describe('the small frictions of the command line', () => {
  it('init makes every evidence folder its template names; filled, the new case validates', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'mailexposure-init-')), 'case');
    expect((await runInProcess(['init', dir])).status).toBe(0);
    const casePath = join(dir, 'case.yaml');
    for (const folder of ['audit', 'trace', 'signins']) {
      expect((await stat(join(dir, 'evidence', folder))).isDirectory()).toBe(true);
    }
    // Each error points at its pattern's line and column in the template init wrote.
    const template = (await readFile(casePath, 'utf8')).split('\n');
    const place = (pattern: string) => {
      const line = template.findIndex((text) => text.includes(`[${pattern}]`));
      return `:${line + 1}:${(template[line]?.indexOf(pattern) ?? -1) + 1}:`;
    };
    const empty = await runInProcess(['validate', casePath]);
    expect(empty.status).toBe(2);
    expect(empty.stderr.trim().split('\n')).toEqual([
      expect.stringContaining(
        `${place('evidence/audit/*')} evidence.audit[0]: "evidence/audit/*" matches no file`,
      ),
      expect.stringContaining(`${place('evidence/trace/*')} evidence.messageTrace[0]: `),
      expect.stringContaining(`${place('evidence/signins/*')} evidence.signIns[0]: `),
    ]);
    expect(empty.stderr).toContain(
      'the folder evidence/audit is empty: put the exported files there',
    );
    expect(empty.stderr).toContain('the folder evidence/trace is empty');
    expect(empty.stderr).toContain('the folder evidence/signins is empty');
    const demo = 'cases/demo/evidence';
    await copyFile(
      join(demo, 'audit/UAL-20261007000000-20261015020000.jsonl'),
      join(dir, 'evidence/audit/ual.jsonl'),
    );
    await copyFile(
      join(demo, 'trace/MessageTraceV2-20260915-20261015.csv'),
      join(dir, 'evidence/trace/trace.csv'),
    );
    await copyFile(join(demo, 'signins.json'), join(dir, 'evidence/signins/signins.json'));
    const filled = await runInProcess(['validate', casePath]);
    expect(filled.stderr).toBe('');
    expect(filled.status).toBe(0);
    expect(filled.stdout).toContain(`${casePath}: valid (3 inputs)`);
  });

  it('one tab in the case file is one error, at its line and column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-tab-'));
    const text = await readFile('test/fixtures/case/valid-minimal.yaml', 'utf8');
    const casePath = join(dir, 'case.yaml');
    await writeFile(casePath, text.replace('  title:', '\ttitle:'));
    const result = await runInProcess(['validate', casePath]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `${casePath}:3:1: a tab indents this line; YAML indents with spaces only: replace the tab with spaces, then validate again\n`,
    );
  });

  it('render takes --quiet, and without --formats writes the formats the case asks for', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-render-'));
    const report = fixtureReport();
    report.case.formats = ['xlsx', 'json'];
    await writeFile(join(dir, 'report.json'), JSON.stringify(report));
    const loud = await runInProcess(['render', join(dir, 'report.json')], fixedTime);
    expect(loud.status).toBe(0);
    expect(loud.stderr).toContain('mailexposure: wrote report.xlsx');
    const quiet = await runInProcess(['render', join(dir, 'report.json'), '--quiet'], fixedTime);
    expect([quiet.status, quiet.stderr]).toEqual([0, '']);
    expect(quiet.stdout).toMatch(/report\.xlsx {2}sha256 [0-9a-f]{64}\n$/);
    expect(quiet.stdout).not.toContain('report.pdf');
    await expect(stat(join(dir, 'report.pdf'))).rejects.toThrow();
  });

  it("help says the case file's, with an apostrophe", async () => {
    for (const command of ['run', 'analyze', 'render', 'schema']) {
      const help = await runInProcess([command, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain("the case file's");
      expect(help.stdout).not.toContain('`');
    }
  });
});
