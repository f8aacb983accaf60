// The floor for JSONL: read every line and JSON.parse it and its AuditData, nothing else.
// Usage: node bench/scale/floor-jsonl.js FILE...
import { createReadStream } from 'node:fs';
import process from 'node:process';
import { createInterface } from 'node:readline';

let records = 0;
let broken = 0;
for (const path of process.argv.slice(2)) {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    try {
      JSON.parse(JSON.parse(line.replace(/^\ufeff/, '')).AuditData);
      records++;
    } catch {
      broken++;
    }
  }
}
process.stdout.write(`${JSON.stringify({ records, broken })}\n`);
