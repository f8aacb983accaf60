// `npm run bench:render`: renders 1,000, 10,000 and 100,000 exposed messages, each in a fresh
// process, and prints time, CPU time, memory before rendering (Node, tsx and the report itself)
// and peak memory; then the PDF of 1,000 messages whose subjects are each one unbroken word of
// 10,000 and 100,000 characters. Never run by the tests.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const measure = fileURLToPath(new URL('measure.ts', import.meta.url));
const counts = process.argv.slice(2).map(Number);
const sizes = counts.length > 0 ? counts : [1_000, 10_000, 100_000];

console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
console.log('format  messages   seconds  CPU s  before MB  peak MB  output MB');
const runs = [
  ...['xlsx', 'pdf'].flatMap((kind) => sizes.map((count) => ({ kind, count, subject: null }))),
  ...[10_000, 100_000].map((subject) => ({ kind: 'pdf', count: 1_000, subject })),
];
for (const { kind, count, subject } of runs) {
  const output = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      measure,
      kind,
      String(count),
      ...(subject === null ? [] : [String(subject)]),
    ],
    { encoding: 'utf8' },
  );
  const result = JSON.parse(output) as {
    seconds: number;
    cpuSeconds: number;
    baselineMb: number;
    peakMb: number;
    bytes: number;
  };
  const label = subject === null ? kind : `${kind}, subjects of ${subject} characters`;
  console.log(
    `${label.padEnd(6)}  ${String(count).padStart(8)}  ${result.seconds.toFixed(2).padStart(8)}` +
      `  ${result.cpuSeconds.toFixed(1).padStart(5)}  ${result.baselineMb.toFixed(0).padStart(9)}` +
      `  ${result.peakMb.toFixed(0).padStart(7)}  ${(result.bytes / 1_048_576).toFixed(1).padStart(9)}`,
  );
}
