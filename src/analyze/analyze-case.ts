import type { AuditRecord } from '../model/index.js';
import { compareProblems } from '../model/index.js';
import { activityRecordIds, attackerActivity } from './attacker-activity.js';
import { attackerAddresses, withoutAttackerAddresses } from './attacker-addresses.js';
import { citeRecords } from './cite-records.js';
import { dataSubjects } from './data-subjects.js';
import { dedupeRecords } from './dedupe-records.js';
import { confirmedExposures } from './expose-messages.js';
import { forwardedMessages } from './forwarded-messages.js';
import { groupSessions } from './group-sessions.js';
import type { Analysis, AnalysisInput } from './index.js';
import { inputUse } from './input-use.js';
import { earliest, latest, normalizeInstant } from './instants.js';
import type { Sourced } from './input-use.js';
import { knownMessages } from './known-messages.js';
import { isMailItemsAccessed } from './mail-access.js';
import { mergeExposures } from './merge-exposures.js';
import { messageKey } from './message-key.js';
import { sortedUnique } from './ordering.js';
import { presumedThrottled } from './presume-throttled.js';
import { resolveMetadata } from './resolve-metadata.js';
import { scopeRecords } from './scope-records.js';
import { syncedFolders } from './synced-folders.js';
import { threatActorOf } from './threat-actor.js';
import { throttledWindows } from './throttled-windows.js';

/**
 * The nine exposure rules of DESIGN.md over one case's evidence. Pure and deterministic: the
 * order of records within an input, and of trace rows, sign-ins, lookups and listings, does
 * not change the result. Only the order of the audit inputs matters, and only to decide which
 * copy of a duplicated record is kept and which input it counts to (dedupe-records.ts).
 */
export function analyzeCase(input: AnalysisInput): Analysis {
  const { caseFile } = input;
  const distinct = dedupeRecords(input.audit);
  const actor = threatActorOf(caseFile);
  const scope = scopeRecords(distinct.records, caseFile, actor.threatActor, input.signIns);
  const { reasons } = scope.attribution;

  const sessions = groupSessions(scope.records, reasons);
  const confirmed = confirmedExposures(scope.records, reasons);
  const confirmedKeys = new Set(
    confirmed.findings.map((finding) => messageKey(finding.mailbox, finding.internetMessageId)),
  );
  const synced = syncedFolders(scope.records, reasons, input.folderListings, confirmedKeys);
  // Rule 6 also counts throttled records from the 24 hours before the window.
  const throttleEvidence = [...scope.records, ...scope.throttledBefore];
  const windows = throttledWindows(throttleEvidence, reasons, caseFile.window);
  const exposed = new Set([
    ...confirmedKeys,
    ...synced.findings.map((finding) => messageKey(finding.mailbox, finding.internetMessageId)),
  ]);
  const known = knownMessages(input.trace, input.lookups, input.folderListings);
  const throttled = presumedThrottled(windows, known, exposed, throttleEvidence);
  const activity = attackerActivity(scope.records, reasons, input.trace, caseFile.case.domains);
  const forwarded = forwardedMessages(
    activity.periods,
    input.trace,
    caseFile.case.domains,
    activity.sentIds,
  );
  const findings = mergeExposures([
    ...forwarded.findings,
    ...confirmed.findings,
    ...synced.findings,
    ...throttled.findings,
  ]);
  const resolved = resolveMetadata(findings, {
    trace: input.trace,
    lookups: input.lookups,
    folderListings: input.folderListings,
  });

  const messages = withoutAttackerAddresses(
    resolved.messages,
    attackerAddresses(activity.activity),
  );
  const cited = new Set([
    ...[...sessions, ...messages, ...synced.folders, ...windows].flatMap(
      (item) => item.auditRecordIds,
    ),
    ...activityRecordIds(activity.activity),
  ]);
  const recordsById = new Map(throttleEvidence.map((record) => [record.id, record]));
  const used = new Set<Sourced>([
    ...scope.attribution.signIns,
    ...synced.listings,
    ...throttled.evidence,
    ...resolved.evidence,
    ...forwarded.evidence,
    ...activity.evidence,
  ]);
  const attackerAccess = scope.records
    .filter((record) => reasons.has(record.id) && isMailItemsAccessed(record))
    .map((record) => record.creationTime);
  const firstAccess = earliest(attackerAccess);
  const lastAccess = latest(attackerAccess);

  return {
    sessions,
    messages,
    folders: synced.folders,
    throttledWindows: windows,
    dataSubjects: dataSubjects(messages, caseFile.case.domains),
    activity: activity.activity,
    auditRecords: citeRecords(cited, recordsById, distinct.positions, reasons),
    inputUse: inputUse({
      audit: input.audit,
      kept: new Set<AuditRecord>(distinct.records),
      inScope: new Set(recordsById.keys()),
      cited,
      others: [...input.trace, ...input.signIns, ...input.lookups, ...input.folderListings],
      used,
    }),
    mailboxes: sortedUnique([
      ...messages.map((message) => message.mailbox),
      ...synced.folders.map((folder) => folder.mailbox),
      ...windows.filter((window) => window.attributed).map((window) => window.mailbox),
    ]),
    firstAttackerAccess: firstAccess === null ? null : normalizeInstant(firstAccess),
    lastAttackerAccess: lastAccess === null ? null : normalizeInstant(lastAccess),
    recordsInScope: recordsById.size,
    problems: [
      ...distinct.problems,
      ...actor.problems,
      ...confirmed.problems,
      ...synced.problems,
    ].sort(compareProblems),
  };
}
