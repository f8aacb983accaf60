/**
 * `npm run bench:scale`: for each size (default 100,000 and 1,000,000 records) and each layout
 * (two overlapping Extractor-Suite JSONL exports; two overlapping Purview CSV exports), generates
 * a case (generate-case.ts, kept between runs), then times as whole processes the floor (the raw
 * parse of the same files: floor-jsonl.js, floor-csv.js) and `mailexposure analyze`, with their
 * peak memory; and at the largest size a full `mailexposure run` (pdf, xlsx, json). Prints a
 * Markdown table and the figures as JSON. The machine may be shared: compare the ratios.
 *
 * `--threads 2,1` times `analyze` once per value of MAILEXPOSURE_READ_THREADS (2, the default,
 * parses large JSON-lines exports in two worker threads; 1 reads in sequence), right after the
 * floor; `--repeat 3` does all of it three times, alternating, for a noisy machine. Each row
 * has the load average (1 minute) when it started.
 *
 * Usage: npx tsx bench/scale/run.ts [--sizes 100000,1000000] [--dir /tmp/mailexposure-scale]
 *        [--layouts jsonl,csv] [--threads 2] [--repeat 1] [--no-full-run]
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { generateCase, type CaseLayout } from './generate-case.js';

const run = promisify(execFile);

interface Measure {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/** One process under /usr/bin/time: wall clock, CPU (user + system) and peak RSS. */
async function measure(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<Measure> {
  const { stderr } = await run('/usr/bin/time', ['-f', 'TIME %e %U %S %M', command, ...args], {
    maxBuffer: 1 << 26,
    // A fixed generation time (1 December 2026): zip dates cannot go before 1980.
    env: { ...process.env, SOURCE_DATE_EPOCH: '1796083200', ...env },
  });
  const line = stderr.split('\n').find((text) => text.startsWith('TIME '));
  const [, wall = '0', user = '0', system = '0', kb = '0'] = line?.split(' ') ?? [];
  return {
    seconds: Number(wall),
    cpuSeconds: Number((Number(user) + Number(system)).toFixed(2)),
    peakRssMb: Math.round(Number(kb) / 1024),
  };
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : (process.argv[at + 1] ?? fallback);
}

const sizes = option('sizes', '100000,1000000').split(',').map(Number);
const layouts = option('layouts', 'jsonl,csv').split(',') as CaseLayout[];
const dir = resolve(option('dir', '/tmp/mailexposure-scale'));
const fullRun = !process.argv.includes('--no-full-run');
const threadCounts = option('threads', '2').split(',');
const repeat = Number(option('repeat', '1'));
const cli = resolve('dist/cli/main.js');
if (!existsSync(cli)) throw new Error('build first: npm run build');

const rows = [];
for (const size of sizes) {
  for (const layout of layouts) {
    const caseDir = join(dir, `${layout}-${size}`);
    const marker = join(caseDir, 'generated.json');
    if (!existsSync(marker)) {
      process.stderr.write(`generating ${caseDir}\n`);
      await writeFile(marker, JSON.stringify(await generateCase(caseDir, size, layout)));
    }
    const generated = JSON.parse(await readFile(marker, 'utf8')) as { records: number };
    const extension = layout === 'csv' ? 'csv' : 'jsonl';
    const files = [1, 2].map((part) => join(caseDir, `evidence/audit/part-${part}.${extension}`));
    for (let round = 0; round < repeat; round++) {
      const load = Number(loadavg()[0]?.toFixed(1));
      const floor = await measure('node', [resolve(`bench/scale/floor-${extension}.js`), ...files]);
      for (const threads of threadCounts) {
        const analyze = await measure(
          'node',
          [
            cli,
            'analyze',
            join(caseDir, 'case.yaml'),
            '--out',
            join(caseDir, 'out-analyze'),
            '--quiet',
            '--force',
          ],
          { MAILEXPOSURE_READ_THREADS: threads },
        );
        const row = {
          layout,
          records: generated.records,
          threads: Number(threads),
          load,
          floor,
          analyze,
          ratio: Number((analyze.seconds / floor.seconds).toFixed(2)),
          cpuRatio: Number((analyze.cpuSeconds / floor.cpuSeconds).toFixed(2)),
        };
        rows.push(row);
        process.stderr.write(`${JSON.stringify(row)}\n`);
      }
    }
  }
}
const largest = sizes.reduce((most, size) => Math.max(most, size), 0);
const full = fullRun
  ? await measure('node', [
      cli,
      'run',
      join(dir, `${layouts[0] ?? 'jsonl'}-${largest}`, 'case.yaml'),
      '--out',
      join(dir, `${layouts[0] ?? 'jsonl'}-${largest}`, 'out-run'),
      '--formats',
      'pdf,xlsx,json',
      '--quiet',
      '--force',
    ])
  : null;

function figures(measured: Measure): string {
  return `${measured.seconds} s / ${measured.cpuSeconds} s / ${measured.peakRssMb} MB`;
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const table = [
  `Machine: ${machine}`,
  '',
  '| layout | records | threads | load | floor wall / CPU / RSS | analyze wall / CPU / RSS | wall ratio | CPU ratio |',
  '| ------ | ------: | ------: | ---: | ---------------------: | -----------------------: | ---------: | --------: |',
  ...rows.map(
    (row) =>
      `| ${row.layout} | ${row.records.toLocaleString('en-US')} | ${row.threads} | ${row.load} | ${figures(row.floor)} | ${figures(row.analyze)} | ${row.ratio} | ${row.cpuRatio} |`,
  ),
  ...(full === null
    ? []
    : [
        '',
        `Full run (pdf, xlsx, json) at ${largest.toLocaleString('en-US')}: ${full.seconds} s, ${full.peakRssMb} MB peak`,
      ]),
];
process.stdout.write(
  `${table.join('\n')}\n\n${JSON.stringify({ machine, rows, full }, null, 2)}\n`,
);
