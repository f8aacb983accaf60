import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphClient } from './graph-test-client.js';
import { startEmulator, testPkiFromEnv, type RunningEmulator, type TenantData } from './index.js';
import { SAMPLE, sampleTenant } from './sample-tenant.js';

interface Page {
  value: Record<string, unknown>[];
  '@odata.nextLink'?: string;
}

const USER = `/users/${encodeURIComponent(SAMPLE.mailbox)}`;

/** `$filter=internetMessageId eq '...'` as Graph wants it: quotes doubled, value percent-encoded. */
function byMessageId(id: string): string {
  return `$filter=${encodeURIComponent(`internetMessageId eq '${id.replaceAll("'", "''")}'`)}`;
}

describe('emulated Outlook mail, with the real Graph client', () => {
  let emulator: RunningEmulator;
  let client: Client;
  let tenant: TenantData;

  const get = async (path: string): Promise<Page> => (await client.api(path).get()) as Page;

  const all = async (
    path: string,
  ): Promise<{ items: Record<string, unknown>[]; pages: number }> => {
    const items: Record<string, unknown>[] = [];
    let pages = 0;
    for (let next: string | undefined = path; next !== undefined; pages++) {
      const page = await get(next);
      items.push(...page.value);
      next = page['@odata.nextLink'];
    }
    return { items, pages };
  };

  beforeAll(async () => {
    tenant = sampleTenant(testPkiFromEnv());
    emulator = await startEmulator({ tenant });
    client = graphClient(emulator);
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('finds a message by internetMessageId, with quotes doubled and + percent-encoded', async () => {
    const id = "<o'brien+tag@kwizzy.nl>";
    const page = await get(`${USER}/messages?${byMessageId(id)}&$select=subject,from,toRecipients`);
    expect(page.value).toHaveLength(1);
    expect(Object.keys(page.value[0] ?? {}).sort()).toEqual([
      '@odata.etag',
      'from',
      'id',
      'subject',
      'toRecipients',
    ]);
    expect(page.value[0]).toMatchObject({
      subject: "Re: O'Brien",
      from: { emailAddress: { address: 'accounts@supplier.example' } },
    });
    // A raw + in a query string means a space, so the unencoded id finds nothing.
    const raw = await get(
      `${USER}/messages?$filter=internetMessageId eq '<o''brien+tag@kwizzy.nl>'`,
    );
    expect(raw.value).toHaveLength(0);
  });

  it('finds a soft-deleted message only in recoverableitemsdeletions', async () => {
    const id = '<msg-91@kwizzy.nl>';
    expect((await get(`${USER}/messages?${byMessageId(id)}`)).value).toHaveLength(0);
    const recovered = await get(
      `${USER}/mailFolders/recoverableitemsdeletions/messages?${byMessageId(id)}`,
    );
    expect(recovered.value.map((message) => message.subject)).toEqual(['Wire transfer details']);
  });

  it('resolves \\Inbox\\Projects through top-level folders, child folders and well-known names', async () => {
    const top = await get(
      `${USER}/mailFolders?$filter=${encodeURIComponent("displayName eq 'Inbox'")}`,
    );
    const inbox = top.value[0] ?? {};
    expect(inbox.displayName).toBe('Inbox');
    expect((await client.api(`${USER}/mailFolders/inbox`).get()) as unknown).toMatchObject({
      id: inbox.id,
    });
    const children = await get(
      `${USER}/mailFolders/${String(inbox.id)}/childFolders?$filter=${encodeURIComponent("displayName eq 'Projects'")}`,
    );
    expect(children.value).toMatchObject([
      { displayName: 'Projects', parentFolderId: inbox.id, totalItemCount: 5 },
    ]);
  });

  it('lists the messages a folder held before a time, page by page', async () => {
    const before = '2026-10-05T00:00:00Z';
    const expected = (tenant.mailboxes[SAMPLE.mailbox]?.messages ?? []).filter(
      (message) =>
        message.parentFolderId === 'inbox-id' &&
        message.deleted !== true &&
        message.receivedDateTime <= before,
    );
    const filter = encodeURIComponent(`receivedDateTime le ${before}`);
    const { items, pages } = await all(
      `${USER}/mailFolders/inbox/messages?$filter=${filter}&$select=internetMessageId,receivedDateTime&$top=4`,
    );
    expect(items.map((message) => message.internetMessageId).sort()).toEqual(
      expected.map((message) => message.internetMessageId).sort(),
    );
    expect(pages).toBe(Math.ceil(expected.length / 4));
  });

  it('answers 404 ErrorInvalidUser for an unknown mailbox', async () => {
    await expect(client.api('/users/nobody%40kwizzy.nl/messages').get()).rejects.toMatchObject({
      statusCode: 404,
      code: 'ErrorInvalidUser',
    });
  });

  it('refuses $orderby on a property that does not lead the $filter, as Exchange does', async () => {
    const filter = encodeURIComponent("subject eq 'Invoice 1003'");
    await expect(
      client.api(`${USER}/messages?$filter=${filter}&$orderby=receivedDateTime desc`).get(),
    ).rejects.toMatchObject({ statusCode: 400, code: 'InefficientFilter' });
  });
});
