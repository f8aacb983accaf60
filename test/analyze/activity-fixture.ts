import { analyzeCase, type Analysis } from '../../src/analyze/index.js';
import type { AuditRecord } from '../../src/model/index.js';
import { readFixture } from '../sources/fixture-files.js';
import { caseFile, input } from './build.js';

/**
 * The analysis of the hand-written activity records and their message trace, in the real
 * shapes (docs/attacker-activity-records.md), with `extra` records after them.
 */
export async function activityAnalysis(extra: readonly AuditRecord[] = []): Promise<Analysis> {
  const audit = await readFixture('activity-audit-data.ndjson');
  const trace = await readFixture('activity-message-trace.csv');
  return analyzeCase(
    input({
      caseFile: caseFile({
        threatActor: { ips: ['203.0.113.0/24', '2001:db8::/32'], sessionIds: [], appIds: [] },
      }),
      audit: [...audit.audit, ...extra],
      trace: trace.trace,
    }),
  );
}

/** The Id of the activity fixture's record ending in `suffix`. */
export const activityId = (suffix: string): string => `6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a${suffix}`;
