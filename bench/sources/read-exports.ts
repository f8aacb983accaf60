// Reading speed of the two demo export formats at scale: the demo's Purview CSV and
// Extractor-Suite JSONL, their records repeated with fresh ids until the file holds the asked
// number of records. Run: npx tsx bench/sources/read-exports.ts [records, default 100000]
import { createWriteStream, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { readInput } from '../../src/sources/index.js';

const records = Number(process.argv[2] ?? 100_000);
const evidence = 'cases/demo/evidence/audit';
const exports = [
  { name: 'purview.csv', source: `${evidence}/purview-audit-search-2026-10-10.csv`, header: 1 },
  { name: 'ual.jsonl', source: `${evidence}/UAL-20261007000000-20261015020000.jsonl`, header: 0 },
];

/** Each copy of a record gets its own Id (and RecordId), as a larger tenant's export would. */
function freshIds(line: string, copy: number): string {
  return line.replace(/([0-9a-f]{8})-([0-9a-f]{4})-/g, (_, head: string, mid: string) => {
    const stamped = ((parseInt(head, 16) + copy) >>> 0).toString(16).padStart(8, '0');
    return `${stamped}-${mid}-`;
  });
}

/** The export's records, each as its raw text (a CSV record may span lines). */
function rawRecords(text: string, header: number): { head: string; rows: string[] } {
  const body = text.replace(/^\ufeff/, '');
  if (header === 0) return { head: '', rows: body.split('\n').filter((line) => line !== '') };
  const [head = '', ...rows] = body.split(/\r\n(?=[0-9a-f]{8}-[0-9a-f]{4}-)/);
  return { head: `${head}\r\n`, rows };
}

const dir = await mkdtemp(join(tmpdir(), 'bench-sources-'));
const results = [];
for (const entry of exports) {
  const { head, rows } = rawRecords(readFileSync(entry.source, 'utf8'), entry.header);
  const path = join(dir, entry.name);
  const out = createWriteStream(path);
  out.write(head);
  for (let index = 0; index < records; index++) {
    const row = rows[index % rows.length] ?? '';
    const line = freshIds(row, Math.floor(index / rows.length));
    if (!out.write(entry.header === 0 ? `${line}\n` : `${line}\r\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const megabytes = statSync(path).size / 1_048_576;
  const started = performance.now();
  const ignore = () => undefined;
  const contents = await readInput(
    { path, displayPath: entry.name },
    { audit: ignore, trace: ignore, signIn: ignore, lookup: ignore, folderListing: ignore },
  );
  const seconds = (performance.now() - started) / 1000;
  results.push({
    format: contents.format,
    records: contents.records,
    rejected: contents.rejected,
    megabytes: Number(megabytes.toFixed(1)),
    seconds: Number(seconds.toFixed(2)),
    megabytesPerSecond: Number((megabytes / seconds).toFixed(1)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  });
}
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
