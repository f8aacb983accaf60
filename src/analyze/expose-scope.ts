import type {
  AttributionReason,
  AuditRecord,
  CaseFile,
  FolderListing,
  MessageLookup,
  Problem,
  SignInRecord,
  SourcePosition,
  TraceRecord,
} from '../model/index.js';
import { compareProblems } from '../model/index.js';
import { activityRecordIds, attackerActivity } from './attacker-activity.js';
import { attackerAddresses, withoutAttackerAddresses } from './attacker-addresses.js';
import { citeRecords } from './cite-records.js';
import { attachmentsByMessage, dataLeadRules, withDataLeads } from './data-leads.js';
import { dataSubjects, displayNames, notAddresses } from './data-subjects.js';
import { confirmedExposures } from './expose-messages.js';
import { forwardedMessages } from './forwarded-messages.js';
import { groupSessions } from './group-sessions.js';
import { inputUse, type Sourced } from './input-use.js';
import { earliest, latest, normalizeInstant } from './instants.js';
import { knownMessages } from './known-messages.js';
import { isMailItemsAccessed } from './mail-access.js';
import { mergeExposures } from './merge-exposures.js';
import { messageKey } from './message-key.js';
import { sortedUnique } from './ordering.js';
import { presumedThrottled } from './presume-throttled.js';
import { resolveMetadata } from './resolve-metadata.js';
import { syncedFolders } from './synced-folders.js';
import { throttledWindows } from './throttled-windows.js';
import type { Analysis, InputUse } from './types.js';

/** The evidence other than audit records, all of it (it is small next to the audit log). */
export interface OtherEvidence {
  trace: readonly TraceRecord[];
  signIns: readonly SignInRecord[];
  lookups: readonly MessageLookup[];
  folderListings: readonly FolderListing[];
}

/** Rules 1 and 2 decided: the in-scope records the later rules need, and how many there were. */
export interface DecidedScope {
  caseFile: CaseFile;
  /**
   * In-scope records that are attributed or throttled, and those the activity rules read
   * whatever their attribution (keptWhatever), by creation time then Id.
   */
  records: readonly AuditRecord[];
  /** Throttled records of the 24 hours before the window that concern the case (rule 6). */
  throttledBefore: readonly AuditRecord[];
  reasons: ReadonlyMap<string, readonly AttributionReason[]>;
  /** Sign-ins that tied an attributed record to an attacker address. */
  usedSignIns: readonly SignInRecord[];
  /** Distinct in-scope Ids, attributed or not. */
  recordsInScope: number;
  /** Problems found deciding scope (conflicting duplicates, unusable threat-actor addresses). */
  problems: readonly Problem[];
}

/** What only the record store can answer once the cited records are known. */
export interface AuditAccounting {
  /** Per audit input: in scope, duplicates, and cited records kept from it. */
  auditUse(cited: readonly AuditRecord[]): Map<string, InputUse>;
  /** Every place each cited record's Id was read. */
  positions(cited: readonly AuditRecord[]): Map<string, SourcePosition[]>;
}

/** Rules 3 to 9 over the decided scope: sessions, exposures, metadata, subjects, citations. */
export function exposeScope(
  scope: DecidedScope,
  others: OtherEvidence,
  accounting: AuditAccounting,
): Analysis {
  const { caseFile, reasons } = scope;
  const sessions = groupSessions(scope.records, reasons);
  const confirmed = confirmedExposures(scope.records, reasons);
  const confirmedKeys = new Set(
    confirmed.findings.map((finding) => messageKey(finding.mailbox, finding.internetMessageId)),
  );
  const synced = syncedFolders(scope.records, reasons, others.folderListings, confirmedKeys);
  // Rule 6 also counts throttled records from the 24 hours before the window.
  const throttleEvidence = [...scope.records, ...scope.throttledBefore];
  const windows = throttledWindows(throttleEvidence, reasons, caseFile.window);
  const exposed = new Set([
    ...confirmedKeys,
    ...synced.findings.map((finding) => messageKey(finding.mailbox, finding.internetMessageId)),
  ]);
  const known = knownMessages(others.trace, others.lookups, others.folderListings);
  const throttled = presumedThrottled(windows, known, exposed, throttleEvidence);
  const activity = attackerActivity(scope.records, reasons, others.trace, caseFile.case.domains);
  const forwarded = forwardedMessages(
    activity.periods,
    others.trace,
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
    trace: others.trace,
    lookups: others.lookups,
    folderListings: others.folderListings,
  });

  const leadRules = dataLeadRules(caseFile.report.sensitiveKeywords);
  const messages = withDataLeads(
    withoutAttackerAddresses(resolved.messages, attackerAddresses(activity.activity)),
    leadRules,
    attachmentsByMessage(scope.records),
  );
  const cited = new Set([
    ...[...sessions, ...messages, ...synced.folders, ...windows].flatMap(
      (item) => item.auditRecordIds,
    ),
    ...activityRecordIds(activity.activity),
  ]);
  const recordsById = new Map(throttleEvidence.map((record) => [record.id, record]));
  const citedRecords = [...cited].flatMap((id) => recordsById.get(id) ?? []);
  const used = new Set<Sourced>([
    ...scope.usedSignIns,
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
  const mailboxes = sortedUnique([
    ...messages.map((message) => message.mailbox),
    ...synced.folders.map((folder) => folder.mailbox),
    ...windows.filter((window) => window.attributed).map((window) => window.mailbox),
  ]);
  const accounts = new Set(caseFile.accounts);

  return {
    sessions,
    messages,
    folders: synced.folders,
    throttledWindows: windows,
    dataSubjects: dataSubjects(messages, {
      domains: caseFile.case.domains,
      names: displayNames(others.signIns),
      hints: {
        nonPersonAddresses: caseFile.case.nonPersonAddresses,
        personAddresses: caseFile.case.personAddresses,
        sharedMailboxes: new Set(mailboxes.filter((mailbox) => !accounts.has(mailbox))),
      },
    }),
    dataLeadRules: leadRules,
    activity: activity.activity,
    auditRecords: citeRecords(cited, recordsById, accounting.positions(citedRecords), reasons),
    inputUse: inputUse(accounting.auditUse(citedRecords), {
      items: [...others.trace, ...others.signIns, ...others.lookups, ...others.folderListings],
      used,
    }),
    mailboxes,
    firstAttackerAccess: firstAccess === null ? null : normalizeInstant(firstAccess),
    lastAttackerAccess: lastAccess === null ? null : normalizeInstant(lastAccess),
    recordsInScope: scope.recordsInScope,
    problems: [
      ...scope.problems,
      ...confirmed.problems,
      ...synced.problems,
      ...notAddresses(messages),
    ].sort(compareProblems),
  };
}
