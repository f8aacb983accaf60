// What the repeated-key check costs per record, against the JSON.parse every record needs
// anyway: the demo's AuditData texts (real shapes, about 1.5 KB each), parsed again and again.
// Run: npx tsx bench/sources/repeated-keys.ts [rounds, default 200]
import { readFileSync } from 'node:fs';
import { markRepeatedKeys } from '../../src/sources/repeated-keys.js';

const rounds = Number(process.argv[2] ?? 200);
const texts = readFileSync(
  'cases/demo/evidence/audit/UAL-20261007000000-20261015020000.jsonl',
  'utf8',
)
  .replace(/^\ufeff/, '')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => (JSON.parse(line) as { AuditData: string }).AuditData);

function parseOnly(): number {
  let keys = 0;
  for (const text of texts) keys += Object.keys(JSON.parse(text) as object).length;
  return keys;
}

function parseAndCheck(): number {
  let keys = 0;
  for (const text of texts) {
    const value = JSON.parse(text) as object;
    markRepeatedKeys(value, text);
    keys += Object.keys(value).length;
  }
  return keys;
}

/** Nanoseconds per record, the best of `rounds` passes (the least disturbed by other work). */
function measure(pass: () => number): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round += 1) {
    const started = process.hrtime.bigint();
    pass();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / texts.length);
  }
  return best;
}

const bytes = texts.reduce((sum, text) => sum + text.length, 0);
// Interleaved, so both see the same machine.
let parse = Infinity;
let check = Infinity;
for (let turn = 0; turn < 5; turn += 1) {
  parse = Math.min(parse, measure(parseOnly));
  check = Math.min(check, measure(parseAndCheck));
}
console.log(
  `${texts.length} records, ${Math.round(bytes / texts.length)} characters each on average, best of ${rounds * 5} passes`,
);
console.log(`JSON.parse alone:            ${(parse / 1000).toFixed(2)} µs a record`);
console.log(`JSON.parse and the check:    ${(check / 1000).toFixed(2)} µs a record`);
console.log(
  `the check:                   ${((check - parse) / 1000).toFixed(2)} µs a record (+${(((check - parse) / parse) * 100).toFixed(0)} % of the parse)`,
);
