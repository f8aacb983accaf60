import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { graphClient } from './graph-test-client.js';
import { loadDemoTenant } from './demo-tenant.js';
import {
  startEmulator,
  testPkiFromEnv,
  type RunningEmulator,
  type TenantMessage,
} from './index.js';
import { SAMPLE } from './sample-tenant.js';

const CASE_DIR = fileURLToPath(new URL('../fixtures/emulator/demo-case', import.meta.url));
const CLIENTS = [{ clientId: SAMPLE.clientId, secret: SAMPLE.secret }];
const REMINDER = '<20261002091422.A7D4FC@mail.druckhaus-rheinland.de>';
const BANK_DETAILS =
  '<AM9PR05MB5518AA1A9CA411C4D8B8A02F11A9BC2FFDD8@AM9PR05MB5518.eurprd05.prod.outlook.com>';

describe("the demo tenant, built from a case folder's evidence", () => {
  const demo = loadDemoTenant(CLIENTS, CASE_DIR);
  const { tenant } = demo;

  const placed = (
    mailbox: string,
    id: string,
  ): { message: TenantMessage; path: string } | undefined => {
    const data = tenant.mailboxes[mailbox];
    const message = data?.messages.find((candidate) => candidate.internetMessageId === id);
    const path = data?.folders.find((folder) => folder.id === message?.parentFolderId)?.path;
    return message === undefined || path === undefined ? undefined : { message, path };
  };

  let emulator: RunningEmulator | undefined;
  afterAll(async () => {
    await emulator?.stop();
  });

  it('serves each audit record once, whichever exports hold it', () => {
    expect(tenant.auditRecords.map((record) => record.Id)).toEqual([
      'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01',
      'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a02',
      'a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a03',
    ]);
    expect(tenant.tenantId).toBe('6f1d3a52-8c47-4e29-b3a0-5d7e9c21f843');
  });

  it("puts traced mail in the internal recipients' inboxes and the sender's Sent Items", () => {
    expect(placed('invoices@kwizzy.nl', REMINDER)?.path).toBe('\\Inbox');
    expect(placed('finance.lead@kwizzy.nl', REMINDER)?.message).toMatchObject({
      from: { address: 'buchhaltung@druckhaus-rheinland.de' },
      toRecipients: [{ address: 'finance.lead@kwizzy.nl' }, { address: 'invoices@kwizzy.nl' }],
      receivedDateTime: '2026-10-02T09:14:22Z',
    });
    expect(placed('finance.lead@kwizzy.nl', BANK_DETAILS)?.path).toBe('\\Sent Items');
    expect(tenant.mailboxes['einkauf@lindqvist-spielwaren.de']).toBeUndefined();
  });

  it('keeps a message only the audit log knows in the folder its record names', () => {
    const bank = placed(
      'finance.lead@kwizzy.nl',
      '<538140290.50331.JavaMail.noreply@mx.noordzeebank.nl>',
    );
    expect(bank?.path).toBe('\\Inbox\\Bank');
    expect(bank?.message.from.address).toBe('unknown.sender@example.invalid');
  });

  it('turns trace rows into Graph message traces and reports what it could not use', () => {
    expect(tenant.messageTraces).toHaveLength(3);
    expect(tenant.messageTraces[0]).toMatchObject({
      messageId: REMINDER,
      status: 'delivered',
      size: 51234,
    });
    expect(tenant.signIns.map((signIn) => signIn.sessionId)).toEqual([
      '7e3b9d21-6a4f-4c08-b5e2-1d9f0a6c3b57',
    ]);
    expect(demo.skipped).toEqual(['README.txt: no audit, sign-in or trace records']);
    expect(demo.now).toBe('2026-10-07T12:00:00.000Z');
  });

  it('answers Graph lookups for the demo data', async () => {
    emulator = await startEmulator({ tenant, now: demo.now, pki: testPkiFromEnv() });
    const filter = encodeURIComponent(`internetMessageId eq '${REMINDER}'`);
    const page = (await graphClient(emulator)
      .api(`/users/invoices@kwizzy.nl/messages?$filter=${filter}&$select=subject`)
      .get()) as { value: { subject: string }[] };
    expect(page.value.map((message) => message.subject)).toEqual([
      'Rechnung Nr. 4711 – Zahlungserinnerung',
    ]);
  });
});
