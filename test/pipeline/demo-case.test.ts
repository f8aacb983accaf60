import { beforeAll, describe, expect, it } from 'vitest';
import { loadCaseFile } from '../../src/case/index.js';
import type { Report } from '../../src/model/index.js';
import { analyzeEvidence } from '../../src/pipeline/index.js';
import { renderJson } from '../../src/report/index.js';

const options = { generatedAt: '2026-11-01T00:00:00Z', progress: () => undefined };

// The figures below are the demo's ground truth by construction (cases/demo/EXPECTED.md).
describe('the demo case, end to end', () => {
  let report: Report;

  beforeAll(async () => {
    const caseFile = await loadCaseFile('cases/demo/case.yaml');
    report = await analyzeEvidence(caseFile, options);
  });

  it('reads every record of both overlapping exports once', () => {
    const byPath = Object.fromEntries(report.inputs.map((input) => [input.path, input]));
    expect(byPath['evidence/audit/purview-audit-search-2026-10-10.csv']).toMatchObject({
      format: 'purview-csv',
      records: 1073,
      rejected: 0,
    });
    expect(byPath['evidence/audit/UAL-20261007000000-20261015020000.jsonl']).toMatchObject({
      format: 'extractor-suite-jsonl',
      records: 936,
      rejected: 0,
    });
    expect(report.inputs.reduce((total, input) => total + input.duplicates, 0)).toBe(414);
    expect(report.summary.recordsInScope).toBe(1111);
    expect(report.problems).toEqual([]);
  });

  it('attributes the six attacker sessions, by address, session pivot and sign-in', () => {
    expect(report.sessions.reduce((total, session) => total + session.records, 0)).toBe(88);
    const a5 = report.sessions.find(
      (session) => session.sessionId === '5d2a8f1c-3e64-4b09-9c7d-0f6b2a4e8d31',
    );
    expect(a5?.ips).toContain('198.51.100.23');
    expect(a5?.attributedBy).toContain('session');
    const a6 = report.sessions.find(
      (session) => session.sessionId === '2c8f5a0d-9b61-4e37-a4c8-5d0e9f2b7a13',
    );
    expect(a6).toMatchObject({ attributedBy: ['signIn'], records: 5, ips: ['198.51.100.140'] });
    expect(report.summary.firstAttackerAccess).toBe('2026-10-03T08:15:20Z');
    expect(report.summary.lastAttackerAccess).toBe('2026-10-12T20:34:25Z');
  });

  it('finds the confirmed messages per mailbox, the delegate mailbox among them', () => {
    const confirmed = report.messages.filter((message) => message.exposure === 'confirmed');
    const perMailbox: Record<string, number> = {};
    for (const message of confirmed) {
      perMailbox[message.mailbox] = (perMailbox[message.mailbox] ?? 0) + 1;
    }
    expect(perMailbox).toEqual({
      'finance.lead@kwizzy.nl': 64,
      'invoices@kwizzy.nl': 32,
      'j.devries@kwizzy.nl': 75,
      'm.kowalska@kwizzy.nl': 48,
    });
    expect(confirmed.filter((message) => message.unresolvedReason !== null)).toHaveLength(33);
  });

  it('reports both synced folders and the attributed throttled window', () => {
    expect(
      report.folders.map((folder) => [
        folder.mailbox,
        folder.path,
        folder.syncedAt,
        folder.auditRecordIds,
      ]),
    ).toEqual([
      [
        'm.kowalska@kwizzy.nl',
        '\\Inbox',
        '2026-10-10T19:34:08Z',
        ['29a05b48-2e20-445a-9532-0b4abf574bfb'],
      ],
      [
        'm.kowalska@kwizzy.nl',
        '\\Sent Items',
        '2026-10-10T19:36:51Z',
        ['9fdf5abb-a3e6-4a22-90fb-4eb222ee5a26'],
      ],
    ]);
    expect(report.throttledWindows).toEqual([
      {
        mailbox: 'j.devries@kwizzy.nl',
        start: '2026-10-09T03:12:44Z',
        end: '2026-10-10T03:12:44Z',
        openedAt: '2026-10-09T03:12:44Z',
        attributed: true,
        auditRecordIds: ['661ccf55-fe55-418c-a5c4-df4dab82826d'],
      },
    ]);
  });

  it('states page 1 as lower bounds: whole folders, a whole mailbox, people not all known', () => {
    const { summary } = report;
    expect(summary).toMatchObject({
      sessions: 6,
      sessionMailboxRows: 7,
      confirmedMessages: 219,
      presumedFolders: 2,
      unlistedFolders: 2,
      presumedSyncMessages: 0,
      throttledMailboxes: 1,
      presumedThrottledMessages: 26,
      lowerBounds: {
        presumedSyncMessages: true,
        presumedThrottledMessages: true,
        dataSubjects: true,
      },
    });
    // Every message counts once, at its strongest level.
    expect(
      summary.forwardedMessages +
        summary.confirmedMessages +
        summary.presumedSyncMessages +
        summary.presumedThrottledMessages,
    ).toBe(report.messages.length);
    // Session A2 read invoices@ and finance.lead@: two rows, one session.
    const a2 = report.sessions.filter(
      (session) => session.sessionId === '4f8d2c6a-91e3-4b7f-a0d5-3c6e8b1f2a94',
    );
    expect(a2.map((session) => session.mailbox).sort()).toEqual([
      'finance.lead@kwizzy.nl',
      'invoices@kwizzy.nl',
    ]);
    expect(new Set(a2.map((session) => session.session)).size).toBe(1);
  });

  it('names the people and counts the addresses that are likely not a person apart', () => {
    expect([
      report.summary.personDataSubjects,
      report.summary.internalPersonDataSubjects,
      report.summary.nonPersonDataSubjects,
    ]).toEqual([11, 8, 13]);
    const subject = (address: string) =>
      report.dataSubjects.find((candidate) => candidate.address === address);
    expect(subject('invoices@kwizzy.nl')?.nonPerson).toBe('shared-mailbox');
    expect(subject('scan@kwizzy.onmicrosoft.com')?.nonPerson).toBe('device');
    expect(subject('zakelijk@noordzeebank.nl')?.nonPerson).toBe('role');
    expect(subject('finance.lead@kwizzy.nl')).toMatchObject({
      displayName: 'Sanne Bakker',
      nonPerson: null,
    });
    expect(subject('a.nowak@drukarnia-wisla.pl')).toMatchObject({
      nonPerson: null,
      mailboxes: ['m.kowalska@kwizzy.nl'],
    });
  });

  it("finds the invoices the attacker's rule forwarded out, and what else the attacker did", () => {
    const forwarded = report.messages.filter((message) => message.exposure === 'forwarded');
    expect(forwarded).toHaveLength(9);
    expect(new Set(forwarded.map((message) => message.mailbox))).toEqual(
      new Set(['invoices@kwizzy.nl']),
    );
    expect(forwarded.every((message) => message.forwarding?.link === 'inferred')).toBe(true);
    expect(forwarded[1]).toMatchObject({
      internetMessageId: '20261007135256.22F10F@mail.druckhaus-rheinland.de',
      subject: 'Rechnung Nr. 77241 – Zahlungserinnerung',
      sender: 'rechnung@druckhaus-rheinland.de',
      recipients: ['invoices@kwizzy.nl', 'm.kowalska@kwizzy.nl'],
      auditRecordIds: [
        'b7d1f3a5-9c2e-4b80-8d64-3e5f7a9b1c24',
        'c2e4a6b8-0d1f-4a35-b7c9-4f6a8b0c2d35',
      ],
    });
    const { activity } = report;
    expect(
      activity.inboxRules.map((rule) => [rule.name, rule.mailbox, rule.state, rule.stoppedAt]),
    ).toEqual([
      ['.', 'finance.lead@kwizzy.nl', 'active', null],
      ['Crediteuren', 'invoices@kwizzy.nl', 'removed', '2026-10-13T09:12:05Z'],
    ]);
    expect(activity.inboxRules[1]?.externalTargets).toEqual([
      'crediteuren.kwizzy@securemail-portal.example',
    ]);
    expect(activity.searches.map((search) => search.queryText)).toEqual([
      'IBAN',
      'betaling gewijzigd rekeningnummer',
    ]);
    expect(activity.sentMessages.map((sent) => sent.recipients)).toEqual([
      ['buchhaltung@lindqvist-spielwaren.de', 'einkauf@lindqvist-spielwaren.de'],
    ]);
    expect(activity.hiddenMessages.map((hidden) => [hidden.kind, hidden.at])).toEqual([
      ['deleted', '2026-10-06T08:44:10Z'],
      ['soft-deleted', '2026-10-06T08:44:52Z'],
    ]);
    // The forwarding target is the attacker's: not a data subject.
    expect(report.dataSubjects.map((subject) => subject.address)).not.toContain(
      'crediteuren.kwizzy@securemail-portal.example',
    );
  });

  it('counts the data subjects that message trace can name', () => {
    expect([
      report.summary.dataSubjects,
      report.summary.internalDataSubjects,
      report.summary.externalDataSubjects,
    ]).toEqual([24, 10, 14]);
  });

  it('cites, for every exposed message, audit records that say where they were read', () => {
    const cited = new Map(report.auditRecords.map((record) => [record.id, record]));
    for (const message of report.messages) {
      expect(message.auditRecordIds.length).toBeGreaterThan(0);
      for (const id of message.auditRecordIds) {
        expect(cited.get(id)?.sources.length).toBeGreaterThan(0);
      }
    }
  });

  it('renders the same report.json for the same evidence', async () => {
    const caseFile = await loadCaseFile('cases/demo/case.yaml');
    const again = await analyzeEvidence(caseFile, options);
    expect(renderJson(again)).toBe(renderJson(report));
  });
});
