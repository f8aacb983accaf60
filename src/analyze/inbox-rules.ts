import type { AttributionReason, AuditRecord, InboxRule, RuleAction } from '../model/index.js';
import { isInternal } from './data-subjects.js';
import { isAddress } from './email-addresses.js';
import { activityEvent, type ForwardingPeriod } from './forwarding-period.js';
import { groupBy } from './group-by.js';
import { compareInstants, normalizeInstant } from './instants.js';
import { compareText, sortedUnique } from './ordering.js';
import { isForwarding, ruleChange, type RuleChange } from './rule-change.js';
import { sessionKey } from './session-ids.js';

/**
 * Rule 10, inbox rules: every rule that an attributed record created, changed, enabled,
 * disabled or removed, with its whole life from the in-scope records (the owner or IT may have
 * stopped it: those records are listed too, marked not attributed). A rule is followed by its
 * name in its mailbox, and across Outlook records by its RuleId. Changes apply in time order:
 * a cmdlet changes only the parameters it names, an Outlook record restates the whole rule.
 * Failed changes are listed and change nothing. Sorted by mailbox, creation, name.
 *
 * Also returns when each forward or redirect target of these rules was in force, for rule 11:
 * a target counts from the change that set it, if the attacker's, until the rule stopped
 * forwarding there (target changed, rule disabled or removed).
 */
export function inboxRules(
  records: readonly AuditRecord[],
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
  domains: readonly string[],
): { rules: InboxRule[]; periods: ForwardingPeriod[] } {
  const changes = records
    .flatMap((record) => ruleChange(record) ?? [])
    .sort(
      (a, b) =>
        compareInstants(a.record.creationTime, b.record.creationTime) ||
        compareText(a.record.id, b.record.id),
    );
  const rules: InboxRule[] = [];
  const periods: ForwardingPeriod[] = [];
  for (const group of groupBy(changes, ruleKeys()).values()) {
    if (!group.some((change) => reasons.has(change.record.id))) continue;
    const life = followRule(group, reasons);
    rules.push(describeRule(group, life, reasons, domains));
    for (const period of life.periods) periods.push(period);
  }
  return {
    rules: rules.sort(
      (a, b) =>
        compareText(a.mailbox, b.mailbox) ||
        compareInstants(a.createdAt ?? '', b.createdAt ?? '') ||
        compareText(a.name, b.name),
    ),
    periods,
  };
}

/** Rules by mailbox and name; an Outlook RuleId, once seen, keeps pointing at its rule. */
function ruleKeys(): (change: RuleChange) => string {
  const byRuleId = new Map<string, string>();
  return (change) => {
    const idKey = change.ruleId === null ? null : `${change.mailbox}\nid:${change.ruleId}`;
    const known = idKey === null ? undefined : byRuleId.get(idKey);
    const key =
      known ??
      (change.name === null ? null : `${change.mailbox}\nname:${change.name.toLowerCase()}`) ??
      idKey ??
      `${change.mailbox}\nrecord:${change.record.id}`;
    if (idKey !== null) byRuleId.set(idKey, key);
    return key;
  };
}

interface RuleLife {
  conditions: Map<string, string | null>;
  actions: Map<string, RuleAction[]>;
  exists: boolean;
  on: boolean;
  anySucceeded: boolean;
  stoppedAt: string | null;
  periods: ForwardingPeriod[];
}

function followRule(
  group: readonly RuleChange[],
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
): RuleLife {
  const life: RuleLife = {
    conditions: new Map(),
    actions: new Map(),
    exists: false,
    on: false,
    anySucceeded: false,
    stoppedAt: null,
    periods: [],
  };
  const open = new Map<string, ForwardingPeriod>();
  const fromAttacker = new Set<string>();
  const name = group.find((change) => change.name !== null)?.name ?? null;
  for (const change of group) {
    if (!change.succeeded) continue;
    life.anySucceeded = true;
    apply(life, change);
    const at = normalizeInstant(change.record.creationTime);
    const attributed = reasons.has(change.record.id);
    const now = forwardingNow(life);
    for (const [key, period] of open) {
      if (now.has(key)) continue;
      period.until = at;
      period.auditRecordIds.push(change.record.id);
      open.delete(key);
    }
    for (const [key, action] of now) {
      if (open.has(key)) continue;
      if (attributed) fromAttacker.add(key);
      if (!fromAttacker.has(key)) continue;
      const period: ForwardingPeriod = {
        mailbox: change.mailbox,
        by: 'inbox-rule',
        rule: name ?? change.ruleId,
        target: action.target,
        newMessage: action.kind !== 'redirect',
        from: at,
        until: null,
        auditRecordIds: [change.record.id],
      };
      open.set(key, period);
      life.periods.push(period);
    }
    if (life.exists && life.on) life.stoppedAt = null;
    else life.stoppedAt ??= at;
  }
  return life;
}

function apply(life: RuleLife, change: RuleChange): void {
  if (change.complete) {
    life.conditions = new Map();
    life.actions = new Map();
  }
  for (const [name, condition] of change.conditions) life.conditions.set(name, condition);
  for (const [name, actions] of change.actions) life.actions.set(name, actions);
  switch (change.kind) {
    case 'created':
    case 'changed':
      // A rule first seen being changed existed before the evidence, and was on.
      life.on = change.enabled ?? (change.kind === 'created' || !life.exists || life.on);
      life.exists = true;
      break;
    case 'enabled':
      life.exists = true;
      life.on = true;
      break;
    case 'disabled':
      life.exists = true;
      life.on = false;
      break;
    case 'removed':
      life.exists = false;
      life.on = false;
      break;
  }
}

/** Forward and redirect targets in force now, by kind and target. */
function forwardingNow(life: RuleLife): Map<string, { kind: string; target: string }> {
  const now = new Map<string, { kind: string; target: string }>();
  if (!life.exists || !life.on) return now;
  for (const action of [...life.actions.values()].flat()) {
    if (!isForwarding(action)) continue;
    for (const target of action.targets) {
      now.set(`${action.kind}\n${target}`, { kind: action.kind, target });
    }
  }
  return now;
}

function describeRule(
  group: readonly RuleChange[],
  life: RuleLife,
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
  domains: readonly string[],
): InboxRule {
  const [first] = group;
  const named = group.find((change) => change.name !== null) ?? first;
  const created = group.find((change) => change.kind === 'created' && change.succeeded);
  const firstSucceeded = group.find((change) => change.succeeded);
  const actions = [...life.actions.values()].flat();
  const forwardTargets = sortedUnique([
    ...life.periods.map((period) => period.target),
    ...actions.filter(isForwarding).flatMap((action) => action.targets),
  ]);
  const attributed = group.filter((change) => reasons.has(change.record.id));
  return {
    mailbox: named?.mailbox ?? '',
    name: named?.name ?? named?.ruleId ?? '',
    conditions: [...life.conditions.values()].filter((condition) => condition !== null),
    actions,
    forwardTargets,
    externalTargets: forwardTargets.filter(
      (target) => isAddress(target) && !isInternal(target, domains),
    ),
    createdAt: normalizeOrNull((created ?? firstSucceeded)?.record.creationTime),
    stoppedAt: life.anySucceeded ? life.stoppedAt : null,
    state: !life.anySucceeded
      ? 'failed'
      : !life.exists
        ? 'removed'
        : life.on
          ? 'active'
          : 'disabled',
    events: group.map((change) => activityEvent(change.record, change.kind, reasons)),
    sessions: sortedUnique(attributed.flatMap((change) => sessionKey(change.record) ?? [])),
    auditRecordIds: sortedUnique(group.map((change) => change.record.id)),
  };
}

function normalizeOrNull(time: string | undefined): string | null {
  return time === undefined ? null : normalizeInstant(time);
}
