import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/analyze/index.js';
import { activityRecord, input } from './build.js';

const ATTACKER = '203.0.113.7';
const OFFICE = '192.0.2.10';

function outlookRule(
  operation: string,
  ruleId: string,
  name: string | null,
  actions: string,
  time: string,
  ip = ATTACKER,
) {
  return activityRecord(
    'UpdateInboxRules',
    {
      resultStatus: 'Succeeded',
      operationProperties: [
        { name: 'RuleOperation', value: operation },
        { name: 'RuleId', value: ruleId },
        { name: 'RuleName', value: name },
        { name: 'RuleState', value: 'Enabled' },
        { name: 'RuleActions', value: actions },
      ],
    },
    { ip, creationTime: time, operation: 'UpdateInboxRules' },
  );
}

describe('rule 10: inbox rules', () => {
  it('reports a rule the cmdlet failed to create as never in force, forwarding nothing', () => {
    const failed = activityRecord(
      'New-InboxRule',
      {
        resultStatus: 'False',
        parameters: [
          { name: 'Name', value: 'x' },
          { name: 'ForwardTo', value: 'thief@evil.example' },
        ],
      },
      { ip: ATTACKER },
    );
    const [rule] = analyzeCase(input({ audit: [failed] })).activity.inboxRules;
    expect(rule).toMatchObject({ state: 'failed', createdAt: null, stoppedAt: null });
    expect(rule?.events[0]?.succeeded).toBe(false);
  });

  it('follows an Outlook rule by its RuleId, also once it gets a name', () => {
    const forward =
      '[{"ActionType":"Forward","Recipients":["thief@evil.example"],"ForwardFlags":"None"}]';
    const audit = [
      outlookRule('AddMailboxRule', '-42', null, forward, '2026-10-03T10:00:00Z'),
      outlookRule(
        'ModifyMailboxRule',
        '-42',
        'Facturen',
        '[{"ActionType":"Forward","Recipients":[{"Address":"thief@evil.example"}],"ForwardFlags":"PreserveSender"},{"ActionType":"Tag","Value":"x"}]',
        '2026-10-04T10:00:00Z',
      ),
      outlookRule('RemoveMailboxRule', '-42', null, '[]', '2026-10-05T10:00:00Z', OFFICE),
    ];
    const rules = analyzeCase(input({ audit })).activity.inboxRules;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      name: 'Facturen',
      state: 'removed',
      stoppedAt: '2026-10-05T10:00:00Z',
      externalTargets: ['thief@evil.example'],
    });
    // The last definition: a redirect (PreserveSender) and an action type nobody documents.
    expect(rules[0]?.actions.map((action) => [action.kind, action.text])).toEqual([
      ['redirect', 'Forward: PreserveSender: thief@evil.example'],
      ['other', 'Tag'],
    ]);
  });

  it('does not report a rule only the owner touched', () => {
    const own = activityRecord(
      'New-InboxRule',
      {
        parameters: [
          { name: 'Name', value: 'Newsletters' },
          { name: 'MoveToFolder', value: 'News' },
        ],
      },
      { ip: OFFICE },
    );
    expect(analyzeCase(input({ audit: [own] })).activity.inboxRules).toEqual([]);
  });

  it('reports a rule made before the window and disabled by the attacker', () => {
    const disable = activityRecord(
      'Disable-InboxRule',
      { parameters: [{ name: 'Identity', value: 'finance.lead\\Alerts from IT' }] },
      { ip: ATTACKER },
    );
    expect(analyzeCase(input({ audit: [disable] })).activity.inboxRules).toMatchObject([
      { name: 'Alerts from IT', state: 'disabled', stoppedAt: '2026-10-03T10:00:00Z' },
    ]);
  });
});
