import { matchEvidencePattern, missHint } from './evidence-patterns.js';
import type { CaseIssue } from './locate-issue.js';
import { evidenceSection } from './schema.js';
import { isRecord } from './schema-at-path.js';

const KINDS = ['audit', 'messageTrace', 'signIns'] as const;

/**
 * The evidence rules the schema cannot see: evidence is needed unless the case collects live,
 * without collection at least one audit pattern is needed, and every pattern must name at least
 * one file. Runs on the raw data, so these issues are reported together with all others; a
 * malformed evidence section is left to the schema's issues.
 */
export async function checkEvidence(raw: unknown, dir: string): Promise<CaseIssue[]> {
  if (!isRecord(raw)) return [];
  const collects = raw.collect !== undefined;
  if (raw.evidence === undefined) {
    return collects
      ? []
      : [
          {
            path: ['evidence'],
            message:
              'required key `evidence` is missing; list the exported audit logs under evidence.audit, or add a collect section to collect them live',
          },
        ];
  }
  const parsed = evidenceSection.safeParse(raw.evidence);
  if (!parsed.success || !isRecord(raw.evidence)) return [];
  const written = raw.evidence;
  const issues: CaseIssue[] = [];
  if (parsed.data.audit.length === 0 && !collects) {
    issues.push({
      path: ['evidence', 'audit'],
      message:
        'names no audit log export; add a path or glob such as evidence/audit/*.csv, or a collect section to collect them live',
    });
  }
  const checks = KINDS.flatMap((kind) => {
    const value = written[kind];
    // Checked as written, not after de-duplication, so each issue points at its own line.
    // The schema accepted this section, so these are strings.
    const patterns = (
      Array.isArray(value) ? value : value === undefined ? [] : [value]
    ) as string[];
    return patterns.map((pattern, index) =>
      checkPattern(
        dir,
        pattern,
        Array.isArray(value) ? ['evidence', kind, index] : ['evidence', kind],
      ),
    );
  });
  for (const issue of await Promise.all(checks)) if (issue !== null) issues.push(issue);
  return issues;
}

async function checkPattern(
  dir: string,
  pattern: string,
  path: readonly PropertyKey[],
): Promise<CaseIssue | null> {
  const trimmed = pattern.trim();
  if ((await matchEvidencePattern(dir, trimmed)).length > 0) return null;
  const hint = await missHint(dir, trimmed);
  return {
    path,
    message: `${JSON.stringify(trimmed)} matches no file (looked in ${dir})${hint}`,
  };
}
