import type { AuditRecord } from '../model/index.js';
import { AuditAccumulator } from './audit-accumulator.js';
import type { Analysis, AnalysisInput } from './types.js';

/**
 * The nine exposure rules of DESIGN.md over one case's evidence given whole, through the same
 * accumulator the pipeline feeds as it reads (audit-accumulator.ts): the array stands in for
 * the inputs, so the records the accumulator asks for again are taken from it. Pure and
 * deterministic: the order of records within an input, and of trace rows, sign-ins, lookups
 * and listings, does not change the result. The order of the audit inputs decides only which
 * input counts an Id read identically from several; of copies that differ, the kept one is
 * chosen by content alone (record-ids.ts).
 */
export function analyzeCase(input: AnalysisInput): Analysis {
  const accumulator = new AuditAccumulator(input.caseFile, input.signIns);
  const first = placeIndexes();
  for (const record of input.audit) accumulator.add(record, first(record));
  const wanted = new Set(
    accumulator.wanted().map((place) => `${place.input}\n${place.line}\n${place.index}`),
  );
  if (wanted.size > 0) {
    const again = placeIndexes();
    for (const record of input.audit) {
      const index = again(record);
      if (wanted.has(`${record.source.input}\n${record.source.line}\n${index}`)) {
        accumulator.addLate(record, index);
      }
    }
  }
  return accumulator.finish(input);
}

/** Numbers the records of each input line from 0, in the order they come. */
function placeIndexes(): (record: AuditRecord) => number {
  const seen = new Map<string, number>();
  return (record) => {
    const key = `${record.source.input}\n${record.source.line}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    return index;
  };
}
