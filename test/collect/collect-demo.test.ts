import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_OPERATIONS } from '../../src/collect/audit-plan.js';
import {
  collectAuditEvidence,
  collectMessageEvidence,
  type CollectOptions,
  type FolderListingLine,
  type MessageLookupLine,
} from '../../src/collect/index.js';
import { normalizeMessageId, type CaseFile } from '../../src/model/index.js';
import { DEMO_CASE_DIR, loadDemoTenant, type DemoTenant } from '../emulator/demo-tenant.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { kwizzyCase, tempDir } from './case-fixture.js';

/**
 * The demo tenant (built from cases/demo's evidence) collected from the emulator with 10% of
 * requests failing: no record and no message may be lost. Comparing the exposure with the
 * offline run of cases/demo needs the readers and the analysis: see the pipeline's tests.
 */
const ACCOUNTS = ['finance.lead@kwizzy.nl', 'j.devries@kwizzy.nl', 'm.kowalska@kwizzy.nl'];
/** What collection asks the audit log for: mail access and the attacker's other activity. */
const OPERATIONS = new Set<string>(AUDIT_OPERATIONS);
const CLIENT = { clientId: '3c2f6b1e-9a47-4d5c-8e21-7b0f4a6d9c35', secret: 'demo-secret~Kw1zzy' };
const WINDOW = { start: '2026-10-01T00:00:00Z', end: '2026-10-15T00:00:00Z' };

type AuditData = Record<string, unknown> & {
  Id: string;
  CreationTime: string;
  Operation: string;
  UserId: string;
  MailboxOwnerUPN?: string;
};

const utc = (creationTime: string) => `${creationTime.replace(/Z$/, '')}Z`;
const inWindow = (record: AuditData) =>
  Date.parse(utc(record.CreationTime)) >= Date.parse(WINDOW.start) &&
  Date.parse(utc(record.CreationTime)) <= Date.parse(WINDOW.end);
const accessType = (record: AuditData) =>
  (record.OperationProperties as { Name: string; Value: string }[] | undefined)?.find(
    (property) => property.Name === 'MailAccessType',
  )?.Value;

async function ndjson<T>(dir: string, sub: string): Promise<T[]> {
  const lines: T[] = [];
  for (const name of (await readdir(join(dir, sub))).filter((n) => n.endsWith('.ndjson'))) {
    const text = await readFile(join(dir, sub, name), 'utf8');
    for (const line of text.split('\n').filter((l) => l !== '')) lines.push(JSON.parse(line) as T);
  }
  return lines;
}

describe.skipIf(!existsSync(join(DEMO_CASE_DIR, 'evidence')))(
  'collecting the demo tenant from the emulator',
  () => {
    let demo: DemoTenant;
    let emulator: RunningEmulator;
    let caseFile: CaseFile;
    let options: CollectOptions;

    beforeAll(async () => {
      demo = loadDemoTenant([CLIENT]);
      emulator = await startEmulator({
        tenant: demo.tenant,
        now: demo.now,
        failureRate: 0.1,
        faultSeed: 2026,
        auditQueryPolls: { notStarted: 1, running: 1 },
      });
      const base = kwizzyCase(await tempDir(), {
        tenantId: demo.tenant.tenantId,
        clientId: CLIENT.clientId,
        endpoints: { login: emulator.url, graph: emulator.url },
      });
      caseFile = { ...base, accounts: ACCOUNTS, window: WINDOW };
      // The collection's clock runs at the emulator's "now" (message trace reaches 90 days).
      const offset = Date.parse(demo.now) - Date.now();
      options = {
        env: { MAILEXPOSURE_CLIENT_SECRET: CLIENT.secret },
        timing: {
          now: () => Date.now() + offset,
          poll: { initialMs: 5, maxMs: 20, timeoutMs: 60_000 },
        },
      };
    });

    afterAll(async () => {
      await emulator.stop();
    });

    it('loses no record and no message despite 10% of requests failing', async () => {
      const records = demo.tenant.auditRecords as AuditData[];
      const wanted = records.filter(
        (record) =>
          inWindow(record) &&
          OPERATIONS.has(record.Operation) &&
          ACCOUNTS.includes(record.UserId.toLowerCase()),
      );
      const audit = await collectAuditEvidence(caseFile, options);
      const evidence = join(caseFile.output, 'evidence');
      const collected = await ndjson<{ id: string }>(evidence, 'audit');
      expect(collected.map((record) => record.id).sort()).toEqual(
        wanted.map((record) => record.Id).sort(),
      );
      expect(audit.audit.chunks.every((chunk) => chunk.status === 'complete')).toBe(true);
      const signIns = await ndjson<{ id: string }>(evidence, 'signins');
      const wantedSignIns = demo.tenant.signIns.filter(
        (signIn) =>
          ACCOUNTS.includes(String(signIn.userPrincipalName).toLowerCase()) &&
          String(signIn.createdDateTime) >= WINDOW.start &&
          String(signIn.createdDateTime) <= WINDOW.end,
      );
      expect(signIns.map((signIn) => signIn.id).sort()).toEqual(
        wantedSignIns.map((signIn) => String(signIn.id)).sort(),
      );

      // Every message a Bind record of a case account names, and every synced folder.
      const messages = new Map<string, { mailbox: string; internetMessageId: string }>();
      const folders: { mailbox: string; path: string; syncedAt: string }[] = [];
      for (const record of wanted.filter((r) => r.Operation === 'MailItemsAccessed')) {
        const mailbox = (record.MailboxOwnerUPN ?? record.UserId).toLowerCase();
        const accessed = (record.Folders ?? []) as {
          Path?: string;
          FolderItems?: { InternetMessageId?: string }[];
        }[];
        if (accessType(record) === 'Sync') {
          for (const folder of accessed) {
            if (folder.Path)
              folders.push({ mailbox, path: folder.Path, syncedAt: utc(record.CreationTime) });
          }
        }
        for (const item of accessed.flatMap((folder) => folder.FolderItems ?? [])) {
          const id = normalizeMessageId(item.InternetMessageId ?? '');
          if (id !== '') messages.set(`${mailbox} ${id}`, { mailbox, internetMessageId: id });
        }
      }
      expect(messages.size).toBeGreaterThan(200);
      expect(folders.length).toBeGreaterThan(0);
      const result = await collectMessageEvidence(
        caseFile,
        { messages: [...messages.values()], folders },
        options,
      );
      const lines = await ndjson<MessageLookupLine | FolderListingLine>(evidence, 'lookups');
      const lookups = lines.filter(
        (line): line is MessageLookupLine => line.type === 'messageLookup',
      );
      expect(lookups.map((line) => `${line.mailbox} ${line.internetMessageId}`).sort()).toEqual(
        [...messages.keys()].sort(),
      );
      for (const line of lookups) {
        const stored = demo.tenant.mailboxes[line.mailbox]?.messages.find(
          (message) => normalizeMessageId(message.internetMessageId) === line.internetMessageId,
        );
        if (stored === undefined) {
          expect(
            line.metadataSource === null || line.metadataSource === 'graph-message-trace',
          ).toBe(true);
          continue;
        }
        expect(line).toMatchObject({
          found: true,
          metadataSource: stored.deleted === true ? 'graph-recoverable' : 'graph-mailbox',
          subject: stored.subject,
          date: stored.receivedDateTime,
        });
      }
      // One listing per synced folder, with what it held at its latest sync.
      const listings = lines.filter(
        (line): line is FolderListingLine => line.type === 'folderListing',
      );
      const latest = new Map<string, string>();
      for (const folder of folders) {
        const key = `${folder.mailbox} ${folder.path}`;
        if ((latest.get(key) ?? '') < folder.syncedAt) latest.set(key, folder.syncedAt);
      }
      const listed = result.messages.folders.filter((folder) => folder.status === 'listed');
      expect(
        listed.length + result.problems.filter((p) => p.code === 'folder-not-found').length,
      ).toBe(latest.size);
      for (const listing of listings) {
        const data = demo.tenant.mailboxes[listing.mailbox];
        const folder = data?.folders.find((candidate) => candidate.path === listing.path);
        const before = latest.get(`${listing.mailbox} ${listing.path}`) ?? '';
        const expected = (data?.messages ?? [])
          .filter(
            (m) =>
              m.parentFolderId === folder?.id && m.deleted !== true && m.receivedDateTime <= before,
          )
          .map((m) => normalizeMessageId(m.internetMessageId))
          .sort();
        expect(listing.messages.map((m) => m.internetMessageId).sort()).toEqual(expected);
      }

      const stats = emulator.stats;
      expect(stats.faults.tooManyRequests + stats.faults.serviceUnavailable).toBeGreaterThan(10);
      expect(stats.faults.mailboxConcurrency).toBe(0);
      for (const peak of Object.values(stats.maxConcurrentByMailbox))
        expect(peak).toBeLessThanOrEqual(4);
      const everything = (
        await Promise.all(
          (await readdir(evidence, { recursive: true, withFileTypes: true }))
            .filter((entry) => entry.isFile())
            .map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')),
        )
      ).join('\n');
      expect(everything).not.toContain(CLIENT.secret);
      for (const token of stats.tokensIssued) expect(everything).not.toContain(token);
    }, 180_000);
  },
);
