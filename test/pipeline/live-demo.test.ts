import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCaseFile } from '../../src/case/index.js';
import type { CaseFile, Report } from '../../src/model/index.js';
import { analyzeEvidence, collectAndAnalyze } from '../../src/pipeline/index.js';
import { renderPdf } from '../../src/report/pdf/index.js';
import { loadDemoTenant } from '../emulator/demo-tenant.js';
import { startEmulator } from '../emulator/index.js';
import type { RunningEmulator } from '../emulator/index.js';
import { collectSettings } from '../kwizzy-case-file.js';
import { readPdf } from '../report/fixture.js';

const client = { clientId: '3c2f6b1e-9a47-4d5c-8e21-7b0f4a6d9c35', secret: 'demo-secret~Kw1zzy' };
const quiet = { generatedAt: '2026-11-01T00:00:00Z', progress: () => undefined };

/**
 * The demo tenant (the demo case's evidence, served by the Microsoft 365 emulator with one
 * request in ten failing) collected live must give the exposure the offline run gives.
 */
describe('the demo case collected live from the emulator', () => {
  let emulator: RunningEmulator;
  let offline: Report;
  let live: Report;

  beforeAll(async () => {
    const demoCase = await loadCaseFile('cases/demo/case.yaml');
    offline = await analyzeEvidence(demoCase, quiet);
    const demo = loadDemoTenant([client]);
    emulator = await startEmulator({
      tenant: demo.tenant,
      now: demo.now,
      failureRate: 0.1,
      faultSeed: 14,
      auditQueryPolls: { notStarted: 1, running: 1 },
    });
    const output = await mkdtemp(join(tmpdir(), 'mailexposure-live-'));
    const liveCase: CaseFile = {
      ...demoCase,
      evidence: { audit: [], messageTrace: [], signIns: [] },
      collect: collectSettings({
        tenantId: demo.tenant.tenantId,
        clientId: client.clientId,
        endpoints: { login: emulator.url, graph: emulator.url },
      }),
      output,
    };
    // The collection's clock runs at the emulator's "now": message trace reaches 90 days back.
    const offset = Date.parse(demo.now) - Date.now();
    live = await collectAndAnalyze(liveCase, {
      ...quiet,
      collect: {
        env: { MAILEXPOSURE_CLIENT_SECRET: client.secret },
        timing: {
          now: () => Date.now() + offset,
          poll: { initialMs: 5, maxMs: 20, timeoutMs: 60_000 },
        },
      },
    });
  }, 180_000);

  afterAll(async () => {
    await emulator.stop();
  });

  it('was throttled along the way', () => {
    const faults = emulator.stats.faults;
    expect(faults.tooManyRequests + faults.serviceUnavailable).toBeGreaterThan(0);
  });

  it('finds the same attacker sessions and confirmed messages', () => {
    const sessions = (report: Report) =>
      report.sessions.map((session) => [session.sessionId, session.mailbox, session.records]);
    expect(sessions(live)).toEqual(sessions(offline));
    // Live, a confirmed message may also cite the sync of a folder listed as holding it.
    const confirmed = (report: Report) =>
      new Map(
        report.messages
          .filter((message) => message.exposure === 'confirmed')
          .map((message) => [`${message.mailbox} ${message.internetMessageId}`, message]),
      );
    const liveConfirmed = confirmed(live);
    expect([...liveConfirmed.keys()]).toEqual([...confirmed(offline).keys()]);
    expect(liveConfirmed.size).toBe(219);
    for (const [key, message] of confirmed(offline)) {
      expect(liveConfirmed.get(key)?.auditRecordIds).toEqual(
        expect.arrayContaining(message.auditRecordIds),
      );
    }
  });

  it('finds the same synced folders and throttled window, and lists what the folders held', () => {
    const folders = (report: Report) =>
      report.folders.map(({ mailbox, path, syncedAt, auditRecordIds }) => [
        mailbox,
        path,
        syncedAt,
        auditRecordIds,
      ]);
    expect(folders(live)).toEqual(folders(offline));
    expect(live.folders.every((folder) => folder.listed && folder.messages > 0)).toBe(true);
    expect(live.messages.some((message) => message.exposure === 'presumed-sync')).toBe(true);
    expect(live.throttledWindows).toEqual(offline.throttledWindows);
  });

  it('keeps the throttled mailbox in the figures and counts each listed message once', () => {
    expect(live.summary).toMatchObject({
      sessions: offline.summary.sessions,
      sessionMailboxRows: offline.summary.sessionMailboxRows,
      confirmedMessages: offline.summary.confirmedMessages,
      presumedFolders: 2,
      unlistedFolders: 0,
      throttledMailboxes: 1,
      lowerBounds: {
        presumedSyncMessages: true,
        presumedThrottledMessages: true,
        dataSubjects: true,
      },
    });
    expect(
      live.summary.forwardedMessages +
        live.summary.confirmedMessages +
        live.summary.presumedSyncMessages +
        live.summary.presumedThrottledMessages,
    ).toBe(live.messages.length);
    // A listed message the attacker also opened counts as confirmed, not again as presumed.
    const presumedByFolders = live.folders.reduce(
      (sum, folder) => sum + folder.presumedMessages,
      0,
    );
    expect(presumedByFolders).toBe(live.summary.presumedSyncMessages);
    expect(live.folders.some((folder) => folder.presumedMessages < folder.messages)).toBe(true);
  });

  it("finds the mail the attacker's rule forwarded out by asking message trace for its target", () => {
    const forwarded = (report: Report) =>
      report.messages
        .filter((message) => message.exposure === 'forwarded')
        .map(({ mailbox, internetMessageId, subject, auditRecordIds, forwarding }) => ({
          mailbox,
          internetMessageId,
          subject,
          auditRecordIds,
          targets: forwarding?.targets,
          link: forwarding?.link,
          copyId: forwarding?.copyId,
        }));
    expect(forwarded(live)).toHaveLength(9);
    expect(forwarded(live)).toEqual(forwarded(offline));
    expect(live.summary.forwardedMessages).toBe(offline.summary.forwardedMessages);
    // The target's rows while the rule was in force, and the mailbox's from a day before.
    const traced = live.inputs.filter((input) => input.format === 'graph-message-trace');
    expect(traced.map((input) => input.path.split('/').slice(-2).join('/')).sort()).toEqual([
      'trace/crediteuren.kwizzy@securemail-portal.example-20261006T083312Z.ndjson',
      'trace/invoices@kwizzy.nl-20261005T083312Z.ndjson',
      'trace/sent-am9pr05mb2209af85af43eabd64533bb6eeb2168908c4@am9pr05mb2209.eurprd05.prod.outlook.com.ndjson',
    ]);
  });

  it('names the recipients of the mail the attacker sent from message trace, as offline', () => {
    const sent = (report: Report) =>
      report.activity.sentMessages.map(({ internetMessageId, recipients, recipientsFrom }) => ({
        internetMessageId,
        recipients,
        recipientsFrom,
      }));
    expect(sent(live)).toEqual(sent(offline));
    expect(live.activity.sentMessages[0]?.recipientsFrom).toBe('message-trace');
  });

  it('resolves every exposed message or says why it could not', () => {
    for (const message of live.messages) {
      expect(message.sender !== null || message.unresolvedReason !== null).toBe(true);
    }
    const fromGraph = live.messages.filter((message) =>
      message.metadataSource?.startsWith('graph-'),
    );
    expect(fromGraph.length).toBeGreaterThan(
      offline.summary.confirmedMessages - offline.summary.unresolvedMessages,
    );
    expect(live.collection?.chunks.every((chunk) => chunk.status !== 'truncated')).toBe(true);
  });

  it('collects non-interactive sign-ins too, so the collection records no problem', () => {
    expect(live.collection?.problems).toEqual([]);
  });

  it('shows counsel every audit query and what live collection cannot see', async () => {
    const pdf = await readPdf(await renderPdf(live));
    expect(pdf.text).toContain('Live collection');
    expect(pdf.compact).toContain(live.collection?.tenantId ?? 'no tenant');
    expect(pdf.text).toMatch(/deleted/);
  });
});
