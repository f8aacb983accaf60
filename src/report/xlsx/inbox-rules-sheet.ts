import { activityOf, ruleActionText } from '../format/index.js';
import { cellList, cellText } from './cell-text.js';
import { lastingChangeCells, lastingChangeColumns } from './lasting-change-columns.js';
import type { SheetBuilder } from './sheet.js';

/** The attacker's inbox rules: one row per rule, its whole life in the History column. */
export const inboxRulesSheet: SheetBuilder = (report, text) => ({
  name: text.label('sheet.inboxRules'),
  filter: true,
  columns: [
    { header: text.label('column.mailbox'), width: 28, kind: 'text' },
    { header: text.label('column.rule'), width: 20, kind: 'text' },
    { header: text.label('column.conditions'), width: 40, kind: 'list' },
    { header: text.label('column.actions'), width: 44, kind: 'list' },
    { header: text.label('column.forwardedTo'), width: 34, kind: 'list' },
    ...lastingChangeColumns(report, text),
  ],
  rows: activityOf(report).inboxRules.map((rule) => [
    rule.mailbox,
    cellText(rule.name),
    cellList(rule.conditions.length === 0 ? [text.label('allMail')] : rule.conditions),
    cellList(rule.actions.map((action) => ruleActionText(text, action))),
    cellList(rule.externalTargets),
    ...lastingChangeCells(text, rule, rule.createdAt),
  ]),
});
