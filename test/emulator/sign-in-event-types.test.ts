import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphClient } from './graph-test-client.js';
import { startEmulator, testPkiFromEnv, type RunningEmulator } from './index.js';
import { SAMPLE, sampleTenant } from './sample-tenant.js';

interface Page {
  value: Record<string, unknown>[];
}

const filter = (text: string): string => `$filter=${encodeURIComponent(text)}`;
const NON_INTERACTIVE = "signInEventTypes/any(t: t eq 'nonInteractiveUser')";
const INTERACTIVE_SESSION = '00b7a5a4-9c1e-4f55-8d0c-2b6e1f7a9c31';

/** Token refreshes of the attacker's session: one typed by Entra, one only `isInteractive`. */
const refreshes: Record<string, unknown>[] = [
  {
    id: 'd5c3a8e4-2f6b-4a3c-9c4d-3e5f7a9b1c2d',
    createdDateTime: '2026-10-03T10:15:40Z',
    userPrincipalName: SAMPLE.mailbox,
    ipAddress: SAMPLE.attackerIp,
    sessionId: INTERACTIVE_SESSION,
    appId: '00000002-0000-0ff1-ce00-000000000000',
    appDisplayName: 'Office 365 Exchange Online',
    clientAppUsed: 'Browser',
    isInteractive: false,
    signInEventTypes: ['nonInteractiveUser'],
    status: { errorCode: 0 },
  },
  {
    id: 'e6d4b9f5-3a7c-4b4d-8d5e-4f6a8b0c2d3e',
    createdDateTime: '2026-10-03T11:20:05Z',
    userPrincipalName: SAMPLE.mailbox,
    ipAddress: SAMPLE.attackerIp,
    sessionId: INTERACTIVE_SESSION,
    appId: '00000002-0000-0ff1-ce00-000000000000',
    appDisplayName: 'Office 365 Exchange Online',
    clientAppUsed: 'Browser',
    isInteractive: false,
    status: { errorCode: 0 },
  },
];

describe('emulated sign-in event types (beta signInEventTypes), with the real Graph client', () => {
  let emulator: RunningEmulator;
  let client: Client;

  const get = async (path: string, version = 'beta'): Promise<Page> =>
    (await client.api(path).version(version).get()) as Page;
  const ids = (page: Page): unknown[] => page.value.map((signIn) => signIn.id);

  beforeAll(async () => {
    const tenant = sampleTenant(testPkiFromEnv());
    emulator = await startEmulator({
      tenant: { ...tenant, signIns: [...tenant.signIns, ...refreshes] },
    });
    client = graphClient(emulator);
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('lists interactive sign-ins only unless signInEventTypes is filtered on', async () => {
    const all = await get('/auditLogs/signIns');
    expect(ids(all)).toEqual([
      'b3a1e6c2-0d4f-4e1a-9a2b-1c3d5e7f9a0b',
      'c4b2f7d3-1e5a-4f2b-8b3c-2d4e6f8a0b1c',
    ]);
    // A sign-in the tenant gives no event types is interactive.
    expect(all.value.map((signIn) => signIn.signInEventTypes)).toEqual([
      ['interactiveUser'],
      ['interactiveUser'],
    ]);
    const user = await get(
      `/auditLogs/signIns?${filter(`userPrincipalName eq '${SAMPLE.mailbox}'`)}`,
    );
    expect(ids(user)).toEqual(['b3a1e6c2-0d4f-4e1a-9a2b-1c3d5e7f9a0b']);
  });

  it('lists non-interactive sign-ins, newest first, for the filter the collection sends', async () => {
    const query = filter(
      `userPrincipalName eq '${SAMPLE.mailbox}' and createdDateTime ge 2026-10-01T00:00:00Z and createdDateTime le 2026-10-15T00:00:00Z and ${NON_INTERACTIVE}`,
    );
    const page = await get(`/auditLogs/signIns?${query}`);
    expect(ids(page)).toEqual(refreshes.map((signIn) => signIn.id).reverse());
    // Typed from isInteractive: false when the tenant gives no signInEventTypes.
    expect(page.value.map((signIn) => signIn.signInEventTypes)).toEqual([
      ['nonInteractiveUser'],
      ['nonInteractiveUser'],
    ]);
    expect(page.value.every((signIn) => signIn.sessionId === INTERACTIVE_SESSION)).toBe(true);
  });

  it('compares event types without regard to case and combines them with or', async () => {
    const either = filter(
      "signInEventTypes/any(x: x eq 'INTERACTIVEUSER') or signInEventTypes/any(x: x eq 'nonInteractiveUser')",
    );
    expect(ids(await get(`/auditLogs/signIns?${either}`))).toEqual([
      ...refreshes.map((signIn) => signIn.id).reverse(),
      'b3a1e6c2-0d4f-4e1a-9a2b-1c3d5e7f9a0b',
      'c4b2f7d3-1e5a-4f2b-8b3c-2d4e6f8a0b1c',
    ]);
    const service = filter("signInEventTypes/any(t: t eq 'servicePrincipal')");
    expect((await get(`/auditLogs/signIns?${service}`)).value).toEqual([]);
  });

  it('refuses any() outside what beta documents, saying why', async () => {
    const refused = async (text: string, version = 'beta'): Promise<unknown> =>
      get(`/auditLogs/signIns?${filter(text)}`, version).then(
        () => 'accepted',
        (error: unknown) => error,
      );
    // v1.0's signIn has no signInEventTypes.
    expect(await refused(NON_INTERACTIVE, 'v1.0')).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('signineventtypes/any is not supported') as unknown,
    });
    expect(await refused("userPrincipalName/any(t: t eq 'x')")).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('userprincipalname/any is not supported') as unknown,
    });
    expect(await refused("signInEventTypes/any(t: t ne 'interactiveUser')")).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('ne is not supported') as unknown,
    });
    expect(await refused("signInEventTypes/any(t: u eq 'interactiveUser')")).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('Invalid filter clause: expected t, found u') as unknown,
    });
  });

  it('leaves signInEventTypes out of v1.0 sign-ins, which are interactive', async () => {
    const v1 = await get('/auditLogs/signIns', 'v1.0');
    expect(ids(v1)).toHaveLength(2);
    expect(v1.value.some((signIn) => 'signInEventTypes' in signIn)).toBe(false);
  });
});
