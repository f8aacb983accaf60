import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { writeReports, type ReportManifest } from '../../src/pipeline/index.js';
import { runInProcess } from './run-in-process.js';

const fixedTime = { SOURCE_DATE_EPOCH: '1793000000' };

/** A copy of the small case in a folder of its own, safe to change. */
async function smallCase(): Promise<{ dir: string; casePath: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'mailexposure-out-'));
  await cp('test/fixtures/cli/small-case', dir, { recursive: true });
  return { dir, casePath: join(dir, 'case.yaml') };
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if ((await stat(path)).isFile()) files[name] = (await readFile(path)).toString('base64');
  }
  return files;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readManifest(dir: string): Promise<ReportManifest> {
  return JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as ReportManifest;
}

/** Every report the manifest lists is in the folder with the SHA-256 it gives. */
async function expectManifestTrue(dir: string): Promise<void> {
  const manifest = await readManifest(dir);
  for (const entry of manifest.reports) {
    expect(sha256(await readFile(join(dir, entry.file))), entry.file).toBe(entry.sha256);
  }
}

describe('an output folder among the evidence', () => {
  it.each([
    ['is the evidence folder', 'evidence', 'is the evidence folder'],
    ['lies inside it', 'evidence/out', 'lies inside the evidence folder'],
    ['contains it', '.', 'contains the evidence folder'],
  ])('is refused when it %s, naming both, and the evidence is untouched', async (_n, out, says) => {
    const { dir, casePath } = await smallCase();
    const before = await snapshot(dir);
    const result = await runInProcess(['run', casePath, '--out', join(dir, out), '--force']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(says);
    expect(result.stderr).toContain(join(dir, 'evidence').replace(`${process.cwd()}/`, ''));
    expect(result.stderr).not.toContain('report it as a bug');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('is refused when a report would match an evidence pattern', async () => {
    const { dir, casePath } = await smallCase();
    await cp('test/fixtures/sources/graph-sign-ins.json', join(dir, 'evidence', 'signins.json'));
    const text = await readFile(casePath, 'utf8');
    await writeFile(casePath, text.replace('report:', "  signIns: ['**/*.json']\nreport:"));
    const result = await runInProcess(['run', casePath]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /out\/report\.json would match the evidence pattern "\*\*\/\*\.json"/,
    );
  });
});

describe('files in the output folder', () => {
  it('never replaces a report.json the tool did not write, unless --force', async () => {
    const { dir, casePath } = await smallCase();
    const out = join(dir, 'out');
    await mkdir(out);
    await writeFile(join(out, 'report.json'), '{"mine": true}\n');
    const refused = await runInProcess(['run', casePath], fixedTime);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('report.json: was not written by mailexposure');
    expect(refused.stderr).toContain('--force');
    expect(await readFile(join(out, 'report.json'), 'utf8')).toBe('{"mine": true}\n');
    expect(await readdir(out)).toEqual(['report.json']);

    const forced = await runInProcess(['run', casePath, '--force'], fixedTime);
    expect(forced.status).toBe(0);
    expect(await readFile(join(out, 'report.json'), 'utf8')).toContain('"TEST-001"');
  });

  it('replaces its own reports on the next run, and keeps those it does not rewrite', async () => {
    const { dir, casePath } = await smallCase();
    const out = join(dir, 'out');
    expect(
      (await runInProcess(['run', casePath, '--formats', 'json,xlsx'], fixedTime)).status,
    ).toBe(0);
    const xlsx = await readFile(join(out, 'report.xlsx'));
    const again = await runInProcess(['run', casePath, '--formats', 'json'], fixedTime);
    expect(again.status).toBe(0);
    const manifest = await readManifest(out);
    expect(manifest.reports.map((entry) => entry.file).sort()).toEqual([
      'report.json',
      'report.xlsx',
    ]);
    expect(manifest.reports.find((entry) => entry.file === 'report.xlsx')?.sha256).toBe(
      sha256(xlsx),
    );
    await expectManifestTrue(out);
  });

  it('writes reports and manifest readable by their owner only, as collected evidence is', async () => {
    const { dir, casePath } = await smallCase();
    const out = join(dir, 'out');
    expect((await runInProcess(['run', casePath, '--formats', 'json,xlsx'])).status).toBe(0);
    for (const name of ['report.json', 'report.xlsx', 'manifest.json']) {
      expect((await stat(join(out, name))).mode & 0o777, name).toBe(0o600);
    }
  });

  it('says an output that is a file is not a folder, with exit 2', async () => {
    const { dir, casePath } = await smallCase();
    await writeFile(join(dir, 'taken'), 'a file\n');
    for (const out of ['taken', 'taken/reports']) {
      const result = await runInProcess(['run', casePath, '--out', join(dir, out)]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('is a file, not a folder');
      expect(result.stderr).not.toContain('report it as a bug');
    }
  });
});

describe('writing the reports', () => {
  it('leaves the previous reports in place until the new ones are whole', async () => {
    const { dir, casePath } = await smallCase();
    const out = join(dir, 'out');
    const formats = ['json', 'xlsx'] as const;
    expect((await runInProcess(['run', casePath, '--formats', formats.join(',')])).status).toBe(0);
    const before = await snapshot(out);
    // What a run killed while writing leaves behind.
    await writeFile(join(out, '.mailexposure-0123abcd-report.pdf.tmp'), 'half a PDF');

    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
    const seen: Record<string, string>[] = [];
    await writeReports({ ...report, generatedAt: '2027-01-01T00:00:00Z' }, out, formats, {
      // Called as each report starts: the folder is read there and then, as a kill would leave it.
      progress: () => {
        seen.push(
          Object.fromEntries(
            readdirSync(out).map((name) => [
              name,
              readFileSync(join(out, name)).toString('base64'),
            ]),
          ),
        );
      },
      force: false,
      collection: null,
      renderedFrom: null,
    });
    expect(seen).toHaveLength(2);
    for (const moment of seen) {
      const finals = Object.fromEntries(
        Object.entries(moment).filter(([name]) => !name.startsWith('.')),
      );
      expect(finals).toEqual(before);
      const temporary = Object.keys(moment).filter((name) => name.startsWith('.'));
      expect(
        temporary.every((name) => /^\.mailexposure-[0-9a-f]+-report\.(json|xlsx)\.tmp$/.test(name)),
      ).toBe(true);
    }
    const after = await readdir(out);
    expect(after.filter((name) => name.startsWith('.'))).toEqual([]);
    expect(await readFile(join(out, 'report.json'), 'utf8')).toContain('2027-01-01T00:00:00Z');
    await expectManifestTrue(out);
  });
  it('recognises its reports after a run killed while renaming them into place', async () => {
    const { dir, casePath } = await smallCase();
    const out = join(dir, 'out');
    expect((await runInProcess(['run', casePath, '--formats', 'json,xlsx'])).status).toBe(0);
    // The killed run had renamed its report.json, not yet its manifest.
    const manifest = await readManifest(out);
    const renamed = '{"tool": {"name": "mailexposure"}}\n';
    const entry = manifest.reports.find((report) => report.file === 'report.json');
    if (entry === undefined) throw new Error('no report.json in the manifest');
    entry.sha256 = sha256(Buffer.from(renamed));
    await writeFile(join(out, '.mailexposure-00ff-manifest.json.tmp'), JSON.stringify(manifest));
    await writeFile(join(out, 'report.json'), renamed);
    const next = await runInProcess(['run', casePath, '--formats', 'json,xlsx']);
    expect(next.stderr).not.toContain('was not written by mailexposure');
    expect(next.status).toBe(0);
    await expectManifestTrue(out);
  });
});

describe('mailexposure render', () => {
  it('refuses a report.json changed since its manifest was written, and updates the manifest', async () => {
    const { dir, casePath } = await smallCase();
    const out = join(dir, 'out');
    expect((await runInProcess(['run', casePath, '--formats', 'json'], fixedTime)).status).toBe(0);
    const rendered = await runInProcess(
      ['render', join(out, 'report.json'), '--formats', 'xlsx'],
      fixedTime,
    );
    expect(rendered.status).toBe(0);
    const manifest = await readManifest(out);
    expect(manifest.reports.map((entry) => entry.file).sort()).toEqual([
      'report.json',
      'report.xlsx',
    ]);
    expect(manifest.renderedFrom?.path).toBe('report.json');
    await expectManifestTrue(out);

    const path = join(out, 'report.json');
    await writeFile(path, (await readFile(path, 'utf8')).replace('Small test case', 'Edited'));
    const refused = await runInProcess(['render', path, '--formats', 'xlsx'], fixedTime);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('has changed since it was written');
    expect(
      (await runInProcess(['render', path, '--formats', 'xlsx', '--force'], fixedTime)).status,
    ).toBe(0);
  });
});
