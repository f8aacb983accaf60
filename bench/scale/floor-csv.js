// The floor for CSV: papaparse (the fastest streaming CSV parser measured here, see
// BENCHMARKS.md) over every row and JSON.parse of its AuditData cell, nothing else.
// Usage: node bench/scale/floor-csv.js FILE...
import { createReadStream } from 'node:fs';
import process from 'node:process';
import Papa from 'papaparse';

let records = 0;
let broken = 0;
for (const path of process.argv.slice(2)) {
  await new Promise((resolve, reject) => {
    let column = -1;
    Papa.parse(createReadStream(path), {
      step: (row) => {
        const cells = row.data;
        if (column === -1) {
          column = cells.indexOf('AuditData');
          return;
        }
        try {
          JSON.parse(cells[column]);
          records++;
        } catch {
          broken++;
        }
      },
      complete: resolve,
      error: reject,
    });
  });
}
process.stdout.write(`${JSON.stringify({ records, broken })}\n`);
