/** The parts of a live collection that can fail on their own, each leaving the others intact. */
export type CollectionStep = 'audit' | 'signIns' | 'lookups' | 'folders' | 'messageTrace';

/**
 * Why Graph did not give what was asked, as the report explains it:
 * `permission` the app (or the signed-in user) may not call this API;
 * `licence` the tenant lacks the licence the API needs (sign-ins: Entra ID P1/P2);
 * `mailbox-access` the app may not read this one mailbox (RBAC scope, access policy);
 * `refused` Graph refused the request itself (400 and the like);
 * `service-fault` Graph kept failing (5xx) after every retry;
 * `malformed` Graph kept answering with a body that is cut off or not the expected JSON;
 * `query-failed` the audit log query kept ending `failed` or `cancelled`.
 */
export type FailureCause =
  | 'permission'
  | 'licence'
  | 'mailbox-access'
  | 'refused'
  | 'service-fault'
  | 'malformed'
  | 'query-failed';

/** Which part of a step is missing. */
export type GapPart =
  | { kind: 'step' }
  | { kind: 'period'; start: string; end: string }
  /** The records of a delegate mailbox's own account (its owner's actions) over a period. */
  | { kind: 'delegate'; mailbox: string; start: string; end: string }
  | { kind: 'signIns'; account: string; signInType: 'interactive' | 'nonInteractive' }
  | { kind: 'mailbox'; mailbox: string }
  | { kind: 'folder'; mailbox: string; path: string };

/** What Graph answered when a part could not be collected, and what that means. */
export interface StepFailure {
  /** HTTP status of the last answer; null when there was none to speak of. */
  status: number | null;
  /** Graph's error code (`error.code`), when it gave one. */
  code: string | null;
  cause: FailureCause;
  /** What Graph answered and what that means, in words (English, for the record). */
  meaning: string;
}

/** A part of a live collection that is missing, with why: in collection.json and report.json. */
export interface CollectionGap extends StepFailure {
  step: CollectionStep;
  part: GapPart;
  /** What is missing as a result, in words (English, for the record). */
  missing: string;
}
