import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { collectAndAnalyze } from '../../src/pipeline/index.js';
import { renderPdf } from '../../src/report/pdf/index.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { readPdf } from '../report/fixture.js';
import { tempDir } from './case-fixture.js';
import { FAULT, faultCase, faultOptions, faultTenant } from './fault-tenant.js';

/**
 * A tenant without an Entra ID P1/P2 licence, with one case mailbox outside the app's RBAC
 * scope and without the Exchange service principal for message trace: the collection goes on
 * without what Graph refuses, the report says what is missing, and once the tenant is put
 * right a second run fetches exactly what is missing.
 */
describe('a collection Graph refuses in part', () => {
  let emulator: RunningEmulator;
  let first: Report;
  let second: Report;
  let rerunRequests: Record<string, number>;
  let rerunMailboxRequests: Record<string, number>;

  const exposed = (report: Report, id: string) =>
    report.messages.find((message) => message.internetMessageId === id);

  beforeAll(async () => {
    const { options, clock } = faultOptions();
    emulator = await startEmulator({
      tenant: faultTenant(),
      clock,
      auditQueryPolls: { notStarted: 0, running: 1 },
      pageSizes: { auditRecords: 4 },
    });
    emulator.faults.deny = {
      auditLog: false,
      signIns: 'licence',
      messageTrace: true,
      mailboxes: [FAULT.dev],
    };
    const caseFile = faultCase(await tempDir(), emulator.url);
    const run = () =>
      collectAndAnalyze(caseFile, {
        generatedAt: '2026-10-20T00:00:00Z',
        progress: () => undefined,
        collect: options,
      });
    first = await run();

    emulator.faults.deny = { auditLog: false, signIns: null, messageTrace: false, mailboxes: [] };
    const before = structuredClone(emulator.stats);
    second = await run();
    rerunRequests = difference(emulator.stats.requests, before.requests);
    rerunMailboxRequests = difference(emulator.stats.mailboxRequests, before.mailboxRequests);
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('records each refused part with the status, the Graph code and what it means', () => {
    expect(
      first.collection?.gaps.map((gap) => [gap.step, gap.part, gap.status, gap.code, gap.cause]),
    ).toEqual([
      [
        'signIns',
        { kind: 'step' },
        403,
        'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
        'licence',
      ],
      [
        'lookups',
        { kind: 'mailbox', mailbox: FAULT.dev },
        403,
        'ErrorAccessDenied',
        'mailbox-access',
      ],
      ['messageTrace', { kind: 'step' }, 403, 'Authorization_RequestDenied', 'permission'],
    ]);
    expect(first.collection?.gaps[2]?.meaning).toMatch(/ExchangeMessageTrace\.Read\.All/);
    expect(first.collection?.problems.map((problem) => problem.code)).toEqual([
      'sign-ins-not-collected',
      'lookups-not-collected',
      'message-trace-not-searched',
    ]);
    expect(first.collection?.runs.map((run) => [run.step, run.outcome])).toEqual([
      ['audit', 'incomplete'],
      ['messages', 'incomplete'],
    ]);
  });

  it('still collects and analyses everything else', () => {
    // Every audit record of both mailboxes, and the lookups of the readable mailbox.
    expect(first.summary.recordsInScope).toBe(faultTenant().auditRecords.length);
    expect(exposed(first, 'l1-0@kwizzy.nl')).toMatchObject({
      exposure: 'confirmed',
      metadataSource: 'graph-mailbox',
      sender: 'accounts@supplier.example',
    });
    expect(exposed(first, 'deleted@kwizzy.nl')?.metadataSource).toBe('graph-recoverable');
    expect(first.folders.map((folder) => [folder.path, folder.listed])).toEqual([
      ['\\Inbox\\Projects', true],
    ]);
    // What was refused is said per message.
    expect(exposed(first, 'd1-0@kwizzy.nl')).toMatchObject({ exposure: 'confirmed', sender: null });
    expect(exposed(first, 'd1-0@kwizzy.nl')?.unresolvedReason).toContain(
      'the mailbox could not be searched (403 ErrorAccessDenied',
    );
    expect(exposed(first, 'traced-only@example.org')?.unresolvedReason).toContain(
      'message trace could not be searched (403 Authorization_RequestDenied',
    );
    // Without sign-ins, the read in the session known only from a sign-in is not attributed.
    expect(exposed(first, 'by-session@kwizzy.nl')).toBeUndefined();
  });

  it('tells counsel in the limitations what is missing and what it means', async () => {
    const pdf = await readPdf(await renderPdf(first));
    expect(pdf.text).toContain(
      'No sign-ins were collected, so attribution by sign-in was not possible',
    );
    expect(pdf.text).toContain(
      '(Microsoft Graph answered 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant: the tenant has no Microsoft Entra ID P1 or P2 licence',
    );
    expect(pdf.text).toContain(
      `The messages of ${FAULT.dev} could not be looked up in the mailbox`,
    );
    expect(pdf.text).toContain('Message trace could not be searched');
  });

  it('fills every gap on a second run once the tenant is put right, fetching nothing twice', () => {
    expect(second.collection?.gaps).toEqual([]);
    expect(second.collection?.problems).toEqual([]);
    expect(exposed(second, 'by-session@kwizzy.nl')).toMatchObject({
      exposure: 'confirmed',
      metadataSource: 'graph-mailbox',
    });
    expect(exposed(second, 'd1-0@kwizzy.nl')).toMatchObject({
      metadataSource: 'graph-mailbox',
      unresolvedReason: null,
    });
    expect(exposed(second, 'traced-only@example.org')).toMatchObject({
      metadataSource: 'graph-message-trace',
      recipients: ['board@example.org', 'finance.lead@kwizzy.nl'],
    });
    // The audit records and the lead's lookups were saved: none is asked again.
    expect(
      Object.keys(rerunRequests).filter((route) => route.includes('/security/auditLog/')),
    ).toEqual([]);
    // Two accounts, interactive and non-interactive.
    expect(rerunRequests['GET /auditLogs/signIns']).toBe(4);
    // One lookup in the lead's mailbox (the message newly attributed by sign-in), the readable
    // mailbox's nine, one message trace request; no folder listed again.
    expect(rerunMailboxRequests).toEqual({ [FAULT.lead]: 1, [FAULT.dev]: 9 });
    expect(rerunRequests['GET /admin/exchange/tracing/messageTraces']).toBe(1);
    expect(rerunRequests['GET /users/{user}/mailFolders']).toBeUndefined();
  });
});

function difference(after: Record<string, number>, before: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(after)
      .map(([key, value]) => [key, value - (before[key] ?? 0)] as const)
      .filter(([, value]) => value > 0),
  );
}
