import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { runInProcess } from './run-in-process.js';

async function run(
  epoch: string,
): Promise<{ out: string } & Awaited<ReturnType<typeof runInProcess>>> {
  const dir = await mkdtemp(join(tmpdir(), 'mailexposure-epoch-'));
  await cp('test/fixtures/cli/small-case', dir, { recursive: true });
  const out = join(dir, 'out');
  const result = await runInProcess(
    ['run', join(dir, 'case.yaml'), '--formats', 'json,xlsx', '--out', out],
    { SOURCE_DATE_EPOCH: epoch },
  );
  return { out, ...result };
}

describe('SOURCE_DATE_EPOCH outside the years a zip can record (1980 to 2107)', () => {
  it.each([
    ['0', '1970-01-01T00:00:00Z'],
    ['315532799', '1979-12-31T23:59:59Z'],
    ['4354819200', '2108-01-01T00:00:00Z'],
  ])(
    '%s gives a whole workbook, says its zip entry times were clamped, and keeps the time',
    async (epoch, iso) => {
      const result = await run(epoch);
      expect(result.stderr).not.toContain('report it as a bug');
      expect(result.status).toBe(0);
      expect(result.stderr).toContain(`report.xlsx: its zip entries are dated`);
      expect(result.stderr).toContain(`not ${iso}`);
      const report = JSON.parse(await readFile(join(result.out, 'report.json'), 'utf8')) as Report;
      expect(report.generatedAt).toBe(iso);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(result.out, 'report.xlsx'));
      expect(workbook.worksheets.length).toBeGreaterThan(1);
    },
  );

  it('refuses a time after the year 9999 with exit 2 and what to give instead', async () => {
    const result = await run('253402300800');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'SOURCE_DATE_EPOCH: 253402300800 is after 9999-12-31T23:59:59Z',
    );
    expect(result.stderr).not.toContain('report it as a bug');
  });

  it('stamps nothing for a time inside the range', async () => {
    const result = await run('1793000000');
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain('zip entries are dated');
  });
});
