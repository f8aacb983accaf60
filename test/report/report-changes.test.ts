import { describe, expect, it } from 'vitest';
import { reportChanges } from '../../src/report/index.js';
import { earlierAndLater } from './changed-fixture.js';
import { fixtureReport } from './fixture.js';

describe('what changed since an earlier report', () => {
  const { earlier, later } = earlierAndLater();
  const changes = reportChanges(
    { report: earlier, path: 'out/2026-10-10/report.json', sha256: 'a'.repeat(64) },
    later,
  );

  it('names the earlier report', () => {
    expect(changes.previous).toEqual({
      path: 'out/2026-10-10/report.json',
      sha256: 'a'.repeat(64),
      generatedAt: '2026-10-10T09:00:00Z',
      toolVersion: later.tool.version,
    });
  });

  it('lists new, changed, withdrawn and resolved messages by mailbox and id', () => {
    const ids = (list: { internetMessageId: string }[]): string[] =>
      list.map((message) => message.internetMessageId.slice(0, 18));
    expect(ids(changes.messages.added)).toEqual(['PAXPR01MB8839F00D@']);
    expect(changes.messages.added[0]).toMatchObject({
      mailbox: 'ap@kwizzy.nl',
      previous: null,
      current: 'presumed-sync',
    });
    expect(changes.messages.changed).toEqual([
      expect.objectContaining({
        mailbox: 'finance.lead@kwizzy.nl',
        previous: 'presumed-throttled',
        current: 'confirmed',
      }),
    ]);
    expect(changes.messages.removed).toEqual([
      expect.objectContaining({
        internetMessageId: 'gone@kwizzy.nl',
        previous: 'confirmed',
        current: null,
      }),
    ]);
    expect(ids(changes.messages.resolved)).toEqual(['AM0PR06MB5090AA11@']);
  });

  it('lists the people newly named and no longer named, and the inputs that changed', () => {
    expect(changes.dataSubjects).toEqual({
      added: [{ address: 'sales@gulf-trading.example.ae', internal: false, nonPerson: 'role' }],
      removed: [{ address: 'former@example.org', internal: false, nonPerson: null }],
    });
    expect(changes.inputs.added.map((input) => input.path)).toEqual([
      'evidence/audit/ual-management-api.json',
    ]);
    expect(changes.inputs.removed.map((input) => input.path)).toEqual(['evidence/audit/old.json']);
    expect(changes.inputs.changed).toEqual([
      {
        path: 'evidence/trace/message-trace-2026-10.csv',
        kind: 'messageTrace',
        previousSha256: '0'.repeat(64),
        currentSha256: later.inputs[2]?.sha256,
      },
    ]);
  });

  it('compares the key figures, a figure the earlier version lacked as unknown', () => {
    const figure = (name: string) => changes.figures.find((change) => change.figure === name);
    expect(figure('forwardedMessages')).toEqual({
      figure: 'forwardedMessages',
      previous: null,
      current: later.summary.forwardedMessages,
    });
    expect(figure('confirmedMessages')).toEqual({
      figure: 'confirmedMessages',
      previous: earlier.summary.confirmedMessages,
      current: later.summary.confirmedMessages,
    });
  });

  it('finds nothing between a report and itself, and is the same whatever the input order', () => {
    const same = reportChanges(
      { report: fixtureReport(), path: 'r.json', sha256: 'b'.repeat(64) },
      fixtureReport(),
    );
    expect([same.messages, same.dataSubjects, same.inputs]).toEqual([
      { added: [], changed: [], removed: [], resolved: [] },
      { added: [], removed: [] },
      { added: [], changed: [], removed: [] },
    ]);
    const shuffled = {
      ...later,
      messages: [...later.messages].reverse(),
      dataSubjects: [...later.dataSubjects].reverse(),
    };
    expect(
      reportChanges(
        { report: earlier, path: 'out/2026-10-10/report.json', sha256: 'a'.repeat(64) },
        shuffled,
      ),
    ).toEqual(changes);
  });
});
