/**
 * The analysis stage: DESIGN.md's exposure rules as pure functions, one concept per file.
 *  1 scope            record-ids.ts, scope-keys.ts, scope-records.ts
 *    streaming        audit-accumulator.ts: the rules over records as they are read
 *  2 attribution      threat-actor.ts, attacker-sessions.ts, attribute-records.ts, group-sessions.ts
 *  3 mailbox / actor  taken from the model (AuditRecord.mailbox, .actor)
 *  4 confirmed        expose-messages.ts
 *  5 presumed-sync    synced-folders.ts
 *  6 throttled        throttled-windows.ts, known-messages.ts, presume-throttled.ts
 *    precedence       merge-exposures.ts (confirmed > presumed-sync > presumed-throttled)
 *  7 metadata         resolve-metadata.ts
 *  8 data subjects    data-subjects.ts, non-person.ts (likely not a person), data-leads.ts
 *  9 citations        cite-records.ts; input-use.ts counts what each input contributed
 * 10 activity         attacker-activity.ts: inbox-rules.ts (rule-change.ts), mailbox-forwarding.ts,
 *                     sent-messages.ts, mailbox-searches.ts, hidden-messages.ts
 * 11 forwarded        forwarded-messages.ts (periods from forwarding-period.ts);
 *                     attacker-addresses.ts keeps forwarding targets out of the people
 * Each file's comments state the decisions the rules leave open.
 */
export type { Analysis, AnalysisInput, InputUse } from './types.js';
export { analyzeCase } from './analyze-case.js';
export { AuditAccumulator } from './audit-accumulator.js';
export type { RecordPlace } from './audit-accumulator.js';
export { ACCOUNT, AuditSightings, BEFORE, FIXED, GROUNDS, THROTTLED } from './audit-sighting.js';
export type { AuditSighting, ReadWhatever, ScopeFacts } from './audit-sighting.js';
export { RunningSessions } from './running-sessions.js';
export { IdNumbers } from './id-numbers.js';
export { attackerActivity } from './attacker-activity.js';
export type { ActivityAnalysis } from './attacker-activity.js';
export { forwardedMessages } from './forwarded-messages.js';
export { attributeRecords, attributionReasons } from './attribute-records.js';
export type { Attribution } from './attribute-records.js';
export { attackerSessions } from './attacker-sessions.js';
export type { AttackerSessions, SessionGround } from './attacker-sessions.js';
export { citeRecords } from './cite-records.js';
export { dataSubjects, displayNames, isInternal } from './data-subjects.js';
export type { DataSubjectContext } from './data-subjects.js';
export { nonPersonKind } from './non-person.js';
export {
  DATA_CATEGORIES,
  attachmentsByMessage,
  dataLeadRules,
  withDataLeads,
} from './data-leads.js';
export type { NonPersonHints } from './non-person.js';
export { confirmedExposures } from './expose-messages.js';
export { groupSessions } from './group-sessions.js';
export { knownMessages } from './known-messages.js';
export type { KnownMessage } from './known-messages.js';
export { mergeExposures } from './merge-exposures.js';
export type { ExposureFinding } from './merge-exposures.js';
export { presumedThrottled } from './presume-throttled.js';
export { resolveMetadata } from './resolve-metadata.js';
export type { MetadataEvidence } from './resolve-metadata.js';
export { inWindow, scopeRecords } from './scope-records.js';
export type { Scope } from './scope-records.js';
export { UNNAMED_FOLDER, syncedFolders } from './synced-folders.js';
export type { SyncExposure } from './synced-folders.js';
export { threatActorOf } from './threat-actor.js';
export type { ThreatActor } from './threat-actor.js';
export { THROTTLE_HOURS, throttledWindows } from './throttled-windows.js';
