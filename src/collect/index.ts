import { join } from 'node:path';
import type { CaseFile } from '../model/index.js';
import { collectAuditRecords, collectDelegateRecords } from './audit-query.js';
import { evidenceDirOf, runCollection, type CollectOptions } from './context.js';
import type { CollectionManifest, EvidenceKind, ManifestFile } from './manifest.js';
import { collectMessages, type MessageTargets } from './message-evidence.js';
import { connect } from './connection.js';
import { probeCollection, type Preflight } from './preflight.js';
import { collectSignIns } from './sign-ins.js';

export { CollectError } from './collect-error.js';
export {
  evidenceDirOf,
  DEFAULT_TIMING,
  type CollectOptions,
  type CollectTiming,
  type PollPolicy,
} from './context.js';
export type { CollectEvent, CollectProgress, CollectStep } from './progress.js';
export { createProgressReporter } from './progress.js';
export { STEP_PERMISSIONS } from './permissions.js';
export type { Preflight, PreflightCheck } from './preflight.js';
export { describeFailure, joinedGaps } from './step-failure.js';

export { MANIFEST_NAME, readManifest } from './manifest.js';
export type {
  AuditChunkEntry,
  CollectionManifest,
  CollectionProblem,
  CollectionRun,
  EvidenceKind,
  FolderEntry,
  ManifestFile,
  SignInQueryEntry,
} from './manifest.js';
export type {
  AccessTokenSource,
  GraphRequest,
  GraphResponse,
  GraphTransport,
} from './graph-client.js';
export type { MessageTargets } from './message-evidence.js';
export type { ForwardingTarget, SentTarget } from './activity-trace.js';
export type { MessageLookupLine } from './message-lookup.js';
export type { FolderListingLine } from './folder-listing.js';

/**
 * Collects the audit records of the case window (one Graph audit log query per chunk) and the
 * case accounts' sign-ins into the evidence folder, resuming what an earlier run saved.
 * Resolves with the manifest; throws CollectError when the collection cannot go on.
 */
export function collectAuditEvidence(
  caseFile: CaseFile,
  options: CollectOptions = {},
): Promise<CollectionManifest> {
  return runCollection(caseFile, 'audit', options, async (context) => {
    const audit = await collectAuditRecords(context);
    const signIns = await collectSignIns(context);
    return audit === 'complete' && signIns === 'complete' ? 'complete' : 'incomplete';
  });
}

/**
 * Collects the audit records of the own accounts of mailboxes the attacker reached as a
 * delegate (their owners' throttling and syncs, which the case accounts' queries cannot
 * return) over the case window, into the same evidence folder.
 */
export function collectDelegateEvidence(
  caseFile: CaseFile,
  mailboxes: readonly string[],
  options: CollectOptions = {},
): Promise<CollectionManifest> {
  return runCollection(caseFile, 'delegates', options, (context) =>
    collectDelegateRecords(context, mailboxes),
  );
}

/**
 * Signs in and asks each step's API one cheap question, without touching the evidence folder:
 * what a collection of this case would miss, and why (`collect --check`).
 */
export async function checkCollection(
  caseFile: CaseFile,
  options: CollectOptions = {},
): Promise<Preflight> {
  const connection = await connect(caseFile, options, { sent: 0, retried: 0, waitedMs: 0 });
  return probeCollection(connection, caseFile, options.signal);
}

/**
 * Looks up the given messages' metadata in their owners' mailboxes (then recoverable items,
 * then message trace), lists the given synced folders and asks message trace what the given
 * forwarding sent out and to whom the given sent messages went, appending to the evidence
 * folder.
 * Messages and folders already saved by an earlier run are not asked for again.
 */
export function collectMessageEvidence(
  caseFile: CaseFile,
  targets: MessageTargets,
  options: CollectOptions = {},
): Promise<CollectionManifest> {
  return runCollection(caseFile, 'messages', options, (context) =>
    collectMessages(context, targets),
  );
}

/**
 * The evidence files a collection saved, as inputs for the readers: absolute path, what they
 * hold and their recorded digest (check it before reading). Only listed files are evidence;
 * `*.partial` files left by an interruption are not.
 */
export function collectedInputs(
  caseFile: CaseFile,
  manifest: CollectionManifest,
): (ManifestFile & { absolutePath: string; kind: EvidenceKind })[] {
  const dir = evidenceDirOf(caseFile);
  return manifest.files.map((file) => ({ ...file, absolutePath: join(dir, file.path) }));
}
