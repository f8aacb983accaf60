import { describeFailure, joinedGaps, type CollectionManifest } from '../collect/index.js';
import type { CollectionGap, CollectionStep, ReportCollection } from '../model/index.js';
import { compareText } from '../model/index.js';

/** What report.json says of a live collection: its queries, runs, gaps and problems. */
export function reportCollection(manifest: CollectionManifest): ReportCollection {
  const gaps = joinedGaps(manifest.gaps).sort(compareGaps);
  return {
    tenantId: manifest.tenant.tenantId,
    cloud: manifest.tenant.cloud,
    apiVersion: manifest.apiVersion,
    operations: manifest.operations,
    chunks: manifest.audit.chunks.map((chunk) => ({
      start: chunk.start,
      end: chunk.end,
      status: chunk.status,
      records: chunk.records,
      isRecordCountLimitExceeded: chunk.isRecordCountLimitExceeded,
      delegate: chunk.delegate,
    })),
    runs: manifest.runs.map(({ step, outcome, startedAt, finishedAt }) => ({
      step,
      outcome,
      startedAt,
      finishedAt,
    })),
    lookups: {
      lookedUp: manifest.messages.lookups.lookedUp,
      notFound: manifest.messages.lookups.notFound,
    },
    limitations: manifest.limitations,
    gaps,
    delegates: delegatesOf(manifest),
    problems: [
      ...unfinishedSteps(manifest),
      ...gaps.map(gapProblem),
      ...manifest.problems.map(({ code, message }) => ({ code, message })),
    ],
  };
}

/** The delegate mailboxes whose own accounts' audit records the collection asked for. */
function delegatesOf(manifest: CollectionManifest): string[] {
  return [...new Set(manifest.audit.chunks.flatMap((chunk) => chunk.delegate ?? []))].sort(
    compareText,
  );
}

const GAP_PROBLEM_CODES: Record<CollectionStep, string> = {
  audit: 'audit-not-collected',
  signIns: 'sign-ins-not-collected',
  lookups: 'lookups-not-collected',
  folders: 'folders-not-listed',
  messageTrace: 'message-trace-not-searched',
};

const STEP_ORDER: readonly CollectionStep[] = [
  'audit',
  'signIns',
  'folders',
  'lookups',
  'messageTrace',
];

/** Steps in collection order, then by what part is missing. */
function compareGaps(a: CollectionGap, b: CollectionGap): number {
  return (
    STEP_ORDER.indexOf(a.step) - STEP_ORDER.indexOf(b.step) ||
    compareText(JSON.stringify(a.part), JSON.stringify(b.part))
  );
}

function gapProblem(gap: CollectionGap): { code: string; message: string } {
  const missing = `${gap.missing.charAt(0).toUpperCase()}${gap.missing.slice(1)}`;
  const answer = gap.status === null ? gap.meaning : `Graph answered ${describeFailure(gap)}`;
  return {
    code: GAP_PROBLEM_CODES[gap.step],
    message: `${missing} (${answer}); run "mailexposure collect" again once this is put right to fill the gap.`,
  };
}

/**
 * A report made from a collection that was interrupted or failed (`run --offline` after it)
 * rests on part of the evidence: it must say so, not only show `pending` in a table.
 */
function unfinishedSteps(manifest: CollectionManifest): ReportCollection['problems'] {
  const steps = [
    { step: 'audit', what: 'audit records and sign-ins', always: true },
    {
      step: 'delegates',
      what: "audit records of the delegate mailboxes' own accounts",
      always: false,
    },
    { step: 'messages', what: 'message lookups and synced folder listings', always: true },
  ] as const;
  return steps.flatMap(({ step, what, always }) => {
    const last = manifest.runs.filter((run) => run.step === step).at(-1);
    if (last === undefined && !always) return [];
    if (last?.outcome === 'complete' || last?.outcome === 'incomplete') return [];
    const ended = last === undefined ? 'has not run' : `ended ${last.outcome}`;
    return [
      {
        code: 'collection-unfinished',
        message:
          `The collection of ${what} ${ended}: this report rests on part of the evidence; ` +
          'run "mailexposure collect" again to finish it.',
      },
    ];
  });
}
