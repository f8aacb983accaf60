import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionManifest } from '../../src/collect/index.js';
import type { CaseFile, Report } from '../../src/model/index.js';
import { collectAndAnalyze } from '../../src/pipeline/index.js';
import { collectAuditEvidence } from '../../src/collect/index.js';
import { renderPdf } from '../../src/report/pdf/index.js';
import { startEmulator, type RunningEmulator, type TenantData } from '../emulator/index.js';
import { readPdf } from '../report/fixture.js';
import { tempDir } from './case-fixture.js';
import { auditData, FAULT, faultCase, faultOptions, faultTenant, message } from './fault-tenant.js';

/**
 * The attacker, signed in as the finance lead, opened the CEO's mailbox as a delegate; the
 * CEO's own client was throttled there an hour later. The case accounts' audit queries cannot
 * return the CEO's own record: live collection must ask for the CEO's account too.
 */
const CEO = 'ceo@kwizzy.nl';
const DELEGATE_READ = '00000002-ce00-4000-8000-000000000001';
const OWNER_THROTTLED = '00000002-ce00-4000-8000-000000000002';

function delegateTenant(): TenantData {
  const tenant = faultTenant();
  tenant.auditRecords.push(
    auditData({
      id: DELEGATE_READ,
      mailbox: CEO,
      actor: FAULT.lead,
      at: '2026-10-02T10:00:00Z',
      messages: ['board-minutes@kwizzy.nl'],
    }),
    auditData({
      id: OWNER_THROTTLED,
      mailbox: CEO,
      at: '2026-10-02T11:00:00Z',
      ip: '10.20.1.40',
      throttled: true,
      messages: ['own-mail@kwizzy.nl'],
    }),
  );
  tenant.mailboxes[CEO] = {
    folders: [{ id: 'c-inbox', path: '\\Inbox', displayName: 'Inbox', parentId: null }],
    messages: [message(CEO, 'board-minutes@kwizzy.nl', 'c-inbox', '2026-09-29T08:00:00Z')],
  };
  return tenant;
}

async function manifestOf(caseFile: CaseFile): Promise<CollectionManifest> {
  const text = await readFile(join(caseFile.output, 'evidence', 'collection.json'), 'utf8');
  return JSON.parse(text) as CollectionManifest;
}

const run = (caseFile: CaseFile, collect: ReturnType<typeof faultOptions>['options']) =>
  collectAndAnalyze(caseFile, {
    generatedAt: '2026-10-20T00:00:00Z',
    progress: () => undefined,
    collect,
  });

const queriesCreated = (emulator: RunningEmulator) =>
  emulator.stats.requests['POST /security/auditLog/queries'] ?? 0;

describe('a mailbox the attacker reached as a delegate', () => {
  let emulator: RunningEmulator;
  let caseFile: CaseFile;
  let report: Report;
  let manifest: CollectionManifest;
  let rerunQueries: number;

  beforeAll(async () => {
    const { options, clock } = faultOptions();
    emulator = await startEmulator({
      tenant: delegateTenant(),
      clock,
      auditQueryPolls: { notStarted: 0, running: 1 },
    });
    caseFile = faultCase(await tempDir(), emulator.url);
    report = await run(caseFile, options);
    manifest = await manifestOf(caseFile);
    const before = queriesCreated(emulator);
    await run(caseFile, options);
    rerunQueries = queriesCreated(emulator) - before;
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it("asks the audit log for the delegate mailbox's own account over the window", () => {
    const asked = manifest.audit.chunks.filter((chunk) => chunk.delegate === CEO);
    expect(asked.map((chunk) => [chunk.start, chunk.end, chunk.status])).toEqual([
      ['2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z', 'complete'],
      ['2026-10-02T00:00:00Z', '2026-10-03T00:00:00Z', 'complete'],
      ['2026-10-03T00:00:00Z', '2026-10-04T00:00:00Z', 'complete'],
    ]);
    expect(asked.every((chunk) => chunk.request.body.userPrincipalNameFilters[0] === CEO)).toBe(
      true,
    );
    expect(asked.map((chunk) => chunk.records)).toEqual([0, 1, 0]);
    expect(manifest.runs.map((entry) => [entry.step, entry.outcome])).toEqual([
      ['audit', 'complete'],
      ['delegates', 'complete'],
      ['messages', 'complete'],
    ]);
  });

  it("counts the owner's throttling: a window in which nothing was audited", () => {
    expect(report.throttledWindows).toEqual([
      {
        mailbox: CEO,
        start: '2026-10-02T11:00:00Z',
        end: '2026-10-03T11:00:00Z',
        openedAt: '2026-10-02T11:00:00Z',
        attributed: false,
        auditRecordIds: [OWNER_THROTTLED],
      },
    ]);
    expect(
      report.messages.find((entry) => entry.internetMessageId === 'board-minutes@kwizzy.nl'),
    ).toMatchObject({ mailbox: CEO, exposure: 'confirmed', metadataSource: 'graph-mailbox' });
    expect(report.collection?.delegates).toEqual([CEO]);
    expect(report.collection?.problems).toEqual([]);
  });

  it('tells counsel whose records were asked for and what still cannot be seen', async () => {
    const pdf = await readPdf(await renderPdf(report));
    expect(pdf.text).toContain(
      `The attacker reached ${CEO} through a case account. The audit log was also searched for ` +
        'what the owner of that mailbox did under their own account, so throttling and ' +
        'synchronisation by that owner are taken into account. Records of other people or ' +
        'applications working in that mailbox are still not collected.',
    );
    expect(pdf.text).toContain(`complete, own records of ${CEO}`);
  });

  it('asks nothing again on a second run', () => {
    expect(rerunQueries).toBe(0);
  });
});

describe("a delegate mailbox's own records the audit log will not give", () => {
  let emulator: RunningEmulator;
  let first: Report;
  let manifest: CollectionManifest;
  let second: Report;
  let rerunQueries: number;

  beforeAll(async () => {
    const { options, clock } = faultOptions();
    emulator = await startEmulator({
      tenant: delegateTenant(),
      clock,
      auditQueryPolls: { notStarted: 0, running: 1 },
    });
    const caseFile = faultCase(await tempDir(), emulator.url);
    // The case accounts' records come through; every query after them ends cancelled.
    await collectAuditEvidence(caseFile, options);
    emulator.faults.audit.cancel = 100;
    first = await run(caseFile, options);
    manifest = await manifestOf(caseFile);
    emulator.faults.audit.cancel = 0;
    const before = queriesCreated(emulator);
    second = await run(caseFile, options);
    rerunQueries = queriesCreated(emulator) - before;
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('records each period it is missing, and the report says it once for the mailbox', async () => {
    // The manifest keeps a gap per daily chunk, for the next run to fill one by one.
    expect(manifest.gaps.map((gap) => [gap.step, gap.part, gap.cause])).toEqual(
      ['2026-10-01', '2026-10-02', '2026-10-03'].map((day, index) => [
        'audit',
        {
          kind: 'delegate',
          mailbox: CEO,
          start: `${day}T00:00:00Z`,
          end: `2026-10-0${index + 2}T00:00:00Z`,
        },
        'query-failed',
      ]),
    );
    // The report joins the days that failed alike into one period.
    expect(first.collection?.gaps.map((gap) => [gap.step, gap.part, gap.cause])).toEqual([
      [
        'audit',
        {
          kind: 'delegate',
          mailbox: CEO,
          start: '2026-10-01T00:00:00Z',
          end: '2026-10-04T00:00:00Z',
        },
        'query-failed',
      ],
    ]);
    expect(first.collection?.problems.map((problem) => problem.message)).toEqual([
      `The audit records of ${CEO}'s own account from 2026-10-01T00:00:00Z to ` +
        '2026-10-04T00:00:00Z were not collected: its throttling and synchronisation in that ' +
        'period are not shown (its audit log query ended cancelled 3 times); run ' +
        '"mailexposure collect" again once this is put right to fill the gap.',
    ]);
    expect(first.throttledWindows).toEqual([]);
    // What the case accounts' records show is all there.
    expect(
      first.messages.find((entry) => entry.internetMessageId === 'board-minutes@kwizzy.nl')
        ?.exposure,
    ).toBe('confirmed');
    const pdf = await readPdf(await renderPdf(first));
    // Said where the PDF names the limitations (each place once), always for the whole period.
    const said = pdf.text.split(`The records ${CEO}'s owner made under their own account from `);
    expect(said.length).toBeGreaterThan(1);
    for (const sentence of said.slice(1)) {
      expect(sentence).toMatch(
        /^1 Oct 2026, 02:00:00 UTC\+02:00 to 4 Oct 2026, 02:00:00 UTC\+02:00 were not collected/,
      );
    }
  });

  it('fills the gap on the next run with the missing queries only', () => {
    expect(second.collection?.gaps).toEqual([]);
    expect(second.collection?.problems).toEqual([]);
    expect(second.throttledWindows.map((window) => window.auditRecordIds)).toEqual([
      [OWNER_THROTTLED],
    ]);
    expect(rerunQueries).toBe(3);
  });
});
