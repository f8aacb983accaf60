// One measurement in its own process, so that peak memory (maxRSS) is this render's alone.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPdf } from '../../src/report/pdf/index.js';
import { renderWorkbook } from '../../src/report/xlsx/index.js';
import { generateReport } from './generate-report.js';

const [kind, count, subjectLength] = process.argv.slice(2);
const report = generateReport(Number(count));
// Hostile subjects: each one a single unbroken word of this many characters.
if (subjectLength !== undefined) {
  report.messages.forEach((message, index) => {
    message.subject = `${index}`.padEnd(Number(subjectLength), 'x');
  });
}
const dir = mkdtempSync(join(tmpdir(), 'bench-render-'));
const baselineMb = process.memoryUsage().rss / 1_048_576;
const started = performance.now();
const cpuBefore = process.cpuUsage();
let bytes: number;
if (kind === 'xlsx') {
  const path = join(dir, 'report.xlsx');
  await renderWorkbook(report, path);
  bytes = statSync(path).size;
} else {
  bytes = (await renderPdf(report)).length;
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
rmSync(dir, { recursive: true, force: true });
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ kind, count: Number(count), seconds, cpuSeconds, baselineMb, peakMb, bytes })}\n`,
);
