import type {
  CollectionGap,
  CollectionStep,
  FailureCause,
  GapPart,
  StepFailure,
} from '../model/index.js';
import { compareText } from '../model/index.js';
import { CollectError } from './collect-error.js';
import type { GraphRequest, GraphResponse } from './graph-client.js';
import { permissionWords, stepOf } from './permissions.js';
import { urlPath } from './graph-client.js';

/**
 * One call, one chunk, one mailbox or one step could not be collected. The step that catches
 * it records a gap and goes on with the rest; nothing already saved is touched.
 */
export class StepFailed extends CollectError {
  constructor(
    readonly failure: StepFailure,
    message: string,
  ) {
    super(message);
  }

  /** Access refused for the whole API: asking again for other parts would be refused too. */
  get refusesStep(): boolean {
    return this.failure.cause === 'permission' || this.failure.cause === 'licence';
  }
}

/**
 * Whether Graph has refused a part (a mailbox, message trace) in this run: the first refusal
 * is recorded as the gap; what is asked of that part afterwards is skipped with its reason.
 */
export class Refusal {
  private refused: StepFailure | null = null;

  reason(): StepFailure | null {
    return this.refused;
  }

  /** Records the refusal; true the first time, when the gap is to be recorded. */
  refuse(failure: StepFailure): boolean {
    if (this.refused !== null) return false;
    this.refused = failure;
    return true;
  }
}

/** Graph's `error.code` and `error.message` from an error body, when it has them. */
export function graphError(body: unknown): { code: string | null; message: string | null } {
  const error =
    typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return { code: null, message: null };
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' && code !== '' ? code : null,
    message: typeof message === 'string' && message !== '' ? message : null,
  };
}

/** Graph's answer `response` to `request` as a failure, with its cause named in words. */
export function failureOf(request: GraphRequest, body: unknown, status: number): StepFailure {
  const { code } = graphError(body);
  const step = stepOf(request);
  if (status === 401 || status === 403) {
    if (code !== null && /NonPremiumTenant/i.test(code)) {
      return {
        status,
        code,
        cause: 'licence',
        meaning:
          'the tenant has no Microsoft Entra ID P1 or P2 licence, which sign-in logs over Graph need',
      };
    }
    if (step?.step === 'lookups' || step?.step === 'folders') {
      return {
        status,
        code,
        cause: 'mailbox-access',
        meaning:
          "the app may not read this mailbox: it lies outside the app's Exchange RBAC scope or " +
          `application access policy, or ${permissionWords(step)} is not consented`,
      };
    }
    return {
      status,
      code,
      cause: 'permission',
      meaning:
        step === null
          ? 'access was refused'
          : `access was refused: this call needs ${permissionWords(step)}` +
            (step.also === undefined ? '' : `; ${step.also}`),
    };
  }
  if (status >= 500 || status === 429) {
    return {
      status,
      code,
      cause: 'service-fault',
      meaning: `Graph kept answering ${status} after every retry`,
    };
  }
  const { message } = graphError(body);
  return {
    status,
    code,
    cause: 'refused',
    meaning: `Graph refused the request${message === null ? '' : `: ${message}`}`,
  };
}

/** A StepFailed for Graph's answer, naming the call, the status and what it means. */
export function failedResponse(request: GraphRequest, response: GraphResponse): StepFailed {
  let body: unknown = null;
  try {
    body = JSON.parse(response.text);
  } catch {
    // A non-JSON error body says nothing more than its status.
  }
  const failure = failureOf(request, body, response.status);
  return new StepFailed(
    failure,
    `${request.method} ${urlPath(request.url)} returned ${describeFailure(failure)}`,
  );
}

/** A failure that is not one answer: a query that kept failing, pages that kept breaking. */
export function stepFailure(
  cause: FailureCause,
  meaning: string,
  status: number | null = null,
): StepFailed {
  return new StepFailed({ status, code: null, cause, meaning }, meaning);
}

/** `403 Authorization_RequestDenied: the app lacks …`, for progress lines and problems. */
export function describeFailure(failure: StepFailure): string {
  const answer = [failure.status, failure.code].filter((part) => part !== null).join(' ');
  return answer === '' ? failure.meaning : `${answer}: ${failure.meaning}`;
}

/** The gap a failure leaves in a step, with what is missing in words. */
export function collectionGap(
  step: CollectionStep,
  part: GapPart,
  failure: StepFailure,
): CollectionGap {
  return { ...failure, step, part, missing: missingWords(step, part) };
}

/** One key per part of a step: a newer gap of the same part replaces the older. */
export function gapKey(gap: Pick<CollectionGap, 'step' | 'part'>): string {
  return JSON.stringify([gap.step, gap.part]);
}

/**
 * The gaps as the report states them: periods of one step (and one delegate mailbox) that
 * follow on from each other and failed alike (same status, code and cause) are one gap over
 * their whole period, so a mailbox whose daily chunks all failed is one sentence, not one per
 * day. The manifest keeps each chunk's gap, which the next run fills one by one.
 */
export function joinedGaps(gaps: readonly CollectionGap[]): CollectionGap[] {
  const runs: { first: CollectionGap; end: string; meanings: string[] }[] = [];
  const start = (gap: CollectionGap) => periodOf(gap)?.start ?? '';
  for (const gap of [...gaps].sort((a, b) => compareText(start(a), start(b)))) {
    const period = periodOf(gap);
    const run = runs.findLast((known) => sameKind(known.first, gap));
    if (period === null || run === undefined || period.start > run.end) {
      runs.push({ first: gap, end: period?.end ?? '', meanings: [gap.meaning] });
      continue;
    }
    if (period.end > run.end) run.end = period.end;
    if (!run.meanings.includes(gap.meaning)) run.meanings.push(gap.meaning);
  }
  return runs.map(({ first, end, meanings }) => {
    const period = periodOf(first);
    if (period === null || (period.end === end && meanings.length === 1)) return first;
    const { step, part, status, code, cause } = first;
    return collectionGap(step, { ...part, end } as GapPart, {
      status,
      code,
      cause,
      meaning: alike(meanings),
    });
  });
}

/** The first period's answer stands for the others when they differ only in their details. */
function alike(meanings: readonly string[]): string {
  const others = meanings.length - 1;
  if (others === 0) return meanings[0] ?? '';
  return `${meanings[0] ?? ''}, and alike for ${others} more ${others === 1 ? 'period' : 'periods'}`;
}

function periodOf(gap: CollectionGap): { start: string; end: string } | null {
  return gap.part.kind === 'period' || gap.part.kind === 'delegate' ? gap.part : null;
}

/** Two gaps of periods that joinedGaps would join if they followed on from each other. */
export function periodGapsAlike(a: CollectionGap, b: CollectionGap): boolean {
  return periodOf(a) !== null && periodOf(b) !== null && sameKind(a, b);
}

function sameKind(a: CollectionGap, b: CollectionGap): boolean {
  const mailbox = (gap: CollectionGap) => (gap.part.kind === 'delegate' ? gap.part.mailbox : null);
  return (
    a.step === b.step &&
    a.part.kind === b.part.kind &&
    mailbox(a) === mailbox(b) &&
    a.status === b.status &&
    a.code === b.code &&
    a.cause === b.cause
  );
}

function missingWords(step: CollectionStep, part: GapPart): string {
  switch (part.kind) {
    case 'period':
      return step === 'messageTrace'
        ? `message trace from ${part.start} to ${part.end} was not searched: mail the attacker's forwarding sent out then is not listed, and the recipients of mail it sent then may be missing`
        : `the audit records from ${part.start} to ${part.end} were not collected`;
    case 'delegate':
      return (
        `the audit records of ${part.mailbox}'s own account from ${part.start} to ${part.end} ` +
        'were not collected: its throttling and synchronisation in that period are not shown'
      );
    case 'signIns':
      return (
        `the ${part.signInType === 'interactive' ? 'interactive' : 'non-interactive'} sign-ins ` +
        `of ${part.account} were not collected`
      );
    case 'mailbox':
      return step === 'folders'
        ? `the synced folders of ${part.mailbox} were not listed: what they held is not known`
        : `the messages of ${part.mailbox} were not looked up in the mailbox (message trace was still asked)`;
    case 'folder':
      return `the synced folder ${part.path} of ${part.mailbox} was not listed: what it held is not known`;
    case 'step':
      return WHOLE_STEP[step];
  }
}

const WHOLE_STEP: Record<CollectionStep, string> = {
  audit: 'no audit records were collected',
  signIns: 'no sign-ins were collected: attribution by sign-in was not possible',
  lookups: 'no message was looked up in its mailbox',
  folders: 'no synced folder was listed',
  messageTrace:
    'message trace was not searched: messages no longer in their mailbox have no sender, ' +
    'recipients or subject',
};
