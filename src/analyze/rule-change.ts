import type { AuditRecord, NamedValue, RuleAction, RuleActionKind } from '../model/index.js';
import { namedValue } from '../model/index.js';
import { targetsIn } from './email-addresses.js';
import { isSucceeded } from './forwarding-period.js';

/** What one inbox-rule record does to a rule (docs/attacker-activity-records.md). */
export interface RuleChange {
  record: AuditRecord;
  kind: 'created' | 'changed' | 'enabled' | 'disabled' | 'removed';
  /** The mailbox the rule lives in (the normaliser reads a `Mailbox` parameter). */
  mailbox: string;
  name: string | null;
  /** UpdateInboxRules `RuleId`; cmdlets name rules by name. */
  ruleId: string | null;
  /** Conditions this record sets, by parameter; null clears one. */
  conditions: Map<string, string | null>;
  /** Actions this record sets, by the parameter that sets them; an empty list clears them. */
  actions: Map<string, RuleAction[]>;
  /** True when the record restates the whole rule (Outlook does), replacing what came before. */
  complete: boolean;
  /** UpdateInboxRules `RuleState`: whether the rule is on after this record; null when unsaid. */
  enabled: boolean | null;
  /** False when the record says the change failed. */
  succeeded: boolean;
}

const CMDLET_KINDS: Readonly<Record<string, RuleChange['kind']>> = {
  'new-inboxrule': 'created',
  'set-inboxrule': 'changed',
  'enable-inboxrule': 'enabled',
  'disable-inboxrule': 'disabled',
  'remove-inboxrule': 'removed',
};

const OUTLOOK_KINDS: Readonly<Record<string, RuleChange['kind']>> = {
  addmailboxrule: 'created',
  modifymailboxrule: 'changed',
  removemailboxrule: 'removed',
};

/** Cmdlet parameters that are actions; the switch-like ones act only when `True`. */
const ACTION_PARAMETERS: Readonly<Record<string, RuleActionKind>> = {
  forwardto: 'forward',
  forwardasattachmentto: 'forward-as-attachment',
  redirectto: 'redirect',
  movetofolder: 'move',
  copytofolder: 'copy',
  deletemessage: 'delete',
  softdeletemessage: 'delete',
  markasread: 'mark-read',
  stopprocessingrules: 'stop-processing',
  markimportance: 'other',
  applycategory: 'other',
  applysystemcategory: 'other',
  pinmessage: 'other',
  sendtextmessagenotificationto: 'other',
};
const SWITCHES = new Set([
  'deletemessage',
  'softdeletemessage',
  'markasread',
  'stopprocessingrules',
  'pinmessage',
]);

/** Parameters that say how a cmdlet runs or which rule it is about, not what the rule does. */
const NOT_CONDITIONS = new Set([
  'name',
  'newname',
  'identity',
  'mailbox',
  'force',
  'alwaysdeleteoutlookrulesblob',
  'confirm',
  'domaincontroller',
  'priority',
  'enabled',
  'whatif',
  'erroraction',
  'warningaction',
]);

const FORWARDING_KINDS: ReadonlySet<RuleActionKind> = new Set([
  'forward',
  'forward-as-attachment',
  'redirect',
]);

export function isForwarding(action: RuleAction): boolean {
  return FORWARDING_KINDS.has(action.kind);
}

/** The change an inbox-rule record makes; null for any other record. */
export function ruleChange(record: AuditRecord): RuleChange | null {
  const fields = record.activity;
  if (fields === null) return null;
  const operation = record.operation.toLowerCase();
  const succeeded = isSucceeded(record);
  if (operation === 'updateinboxrules')
    return outlookChange(record, fields.operationProperties, succeeded);
  const kind = CMDLET_KINDS[operation];
  if (kind === undefined) return null;
  const parameters = fields.parameters;
  const named =
    kind === 'created'
      ? (valueOf(parameters, 'Name') ?? tail(valueOf(parameters, 'Identity')))
      : (tail(valueOf(parameters, 'Identity')) ?? valueOf(parameters, 'Name'));
  const conditions = new Map<string, string | null>();
  const actions = new Map<string, RuleAction[]>();
  for (const { name, value } of parameters) {
    const key = name.toLowerCase();
    const actionKind = ACTION_PARAMETERS[key];
    if (actionKind !== undefined) actions.set(key, cmdletAction(actionKind, key, name, value));
    else if (!NOT_CONDITIONS.has(key)) {
      conditions.set(name, value === null || value === '' ? null : `${name}: ${value}`);
    }
  }
  return {
    record,
    kind,
    mailbox: record.mailbox,
    name: named ?? tail(fields.objectId),
    ruleId: null,
    conditions,
    actions,
    complete: false,
    enabled: null,
    succeeded,
  };
}

function cmdletAction(
  kind: RuleActionKind,
  key: string,
  name: string,
  value: string | null,
): RuleAction[] {
  const text = value ?? '';
  if (SWITCHES.has(key)) {
    return text.toLowerCase() === 'true' ? [{ kind, targets: [], folder: null, text: name }] : [];
  }
  if (text === '' || text === '$null') return [];
  const forwarding = FORWARDING_KINDS.has(kind);
  return [
    {
      kind,
      targets: forwarding ? targetsIn(text) : [],
      folder: kind === 'move' || kind === 'copy' ? folderPath(text) : null,
      text: `${name}: ${text}`,
    },
  ];
}

function outlookChange(
  record: AuditRecord,
  properties: readonly NamedValue[],
  succeeded: boolean,
): RuleChange | null {
  const operation = valueOf(properties, 'RuleOperation')?.toLowerCase() ?? '';
  const kind = OUTLOOK_KINDS[operation] ?? 'changed';
  const state = valueOf(properties, 'RuleState')?.toLowerCase() ?? null;
  // A removal says what the rule was; the report keeps the definition it last had in force.
  const defines = kind !== 'removed';
  const condition = valueOf(properties, 'RuleCondition');
  const conditions = new Map<string, string | null>();
  if (defines && condition !== null) conditions.set('RuleCondition', condition);
  const ruleActions = valueOf(properties, 'RuleActions');
  const actions = new Map<string, RuleAction[]>();
  if (defines && ruleActions !== null) actions.set('ruleactions', outlookActions(ruleActions));
  return {
    record,
    kind,
    mailbox: record.mailbox,
    name: valueOf(properties, 'RuleName'),
    ruleId: valueOf(properties, 'RuleId'),
    conditions,
    actions,
    complete: defines,
    enabled: state === null ? null : !state.includes('disabled') && state.includes('enabled'),
    succeeded,
  };
}

/**
 * `RuleActions` is JSON text: `[{"ActionType":"Forward","Recipients":[...],"ForwardFlags":"None"}]`.
 * Only Forward and DeferAction are seen in public records; the other types are read by name,
 * and anything unknown is kept as `other` with its type, never dropped.
 */
function outlookActions(text: string): RuleAction[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [{ kind: 'other', targets: [], folder: null, text }];
  }
  const entries = Array.isArray(parsed) ? parsed : [parsed];
  return entries.map((entry): RuleAction => {
    if (typeof entry !== 'object' || entry === null) {
      return { kind: 'other', targets: [], folder: null, text: JSON.stringify(entry) };
    }
    const fields = entry as Record<string, unknown>;
    const type = stringOf(fields.ActionType) ?? '';
    const flags = stringOf(fields.ForwardFlags) ?? '';
    const kind = outlookKind(type, flags);
    const recipients = fields.Recipients ?? fields.recipients;
    const targets =
      recipients === undefined || recipients === null
        ? []
        : targetsIn(JSON.stringify(recipients)).filter((target) => target.includes('@'));
    const folder = Object.entries(fields).find(
      ([key, value]) => /folder/i.test(key) && typeof value === 'string',
    )?.[1];
    return {
      kind,
      targets,
      folder: typeof folder === 'string' ? folderPath(folder) : null,
      text: [type, flags !== '' && flags !== 'None' ? flags : null, targets.join(', ')]
        .filter((part) => part !== null && part !== '')
        .join(': '),
    };
  });
}

function outlookKind(type: string, flags: string): RuleActionKind {
  const both = `${type} ${flags}`.toLowerCase();
  if (both.includes('redirect') || /preservesender|donotmungemessage/.test(both)) return 'redirect';
  if (both.includes('asattachment')) return 'forward-as-attachment';
  if (both.includes('forward')) return 'forward';
  if (both.includes('delete')) return 'delete';
  if (both.includes('copy')) return 'copy';
  if (both.includes('move')) return 'move';
  if (/markasread|markread/.test(both)) return 'mark-read';
  return 'other';
}

/** A named value that says something: absent, null and blank are all null. */
function valueOf(values: readonly NamedValue[], name: string): string | null {
  const value = namedValue(values, name)?.trim() ?? '';
  return value === '' ? null : value;
}

/** The part after the last backslash: `…\<mailbox guid>\<rule name>` names the rule. */
function tail(text: string | null): string | null {
  if (text === null) return null;
  const last = text.slice(text.lastIndexOf('\\') + 1).trim();
  return last === '' ? null : last;
}

function folderPath(name: string): string {
  const trimmed = name.trim();
  return trimmed.startsWith('\\') ? trimmed : `\\${trimmed}`;
}

function stringOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
