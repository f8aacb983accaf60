import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collectMessageEvidence,
  readManifest,
  type CollectionManifest,
  type FolderListingLine,
  type MessageLookupLine,
} from '../../src/collect/index.js';
import { FakeGraph, type FakeMessage } from './fake-graph.js';
import { fakeOptions, kwizzyCase, kwizzyTenant, tempDir } from './case-fixture.js';

const LEAD = 'finance.lead@kwizzy.nl';

function message(
  id: string,
  folder: string,
  receivedDateTime: string,
  extra: Partial<FakeMessage> = {},
): FakeMessage {
  return {
    mailbox: LEAD,
    folder,
    internetMessageId: `<${id}>`,
    subject: `Subject of ${id}`,
    from: 'Supplier@Example.com',
    to: ['finance.lead@kwizzy.nl', 'AP@kwizzy.nl'],
    receivedDateTime,
    ...extra,
  };
}

/** Ids with every character that can break a filter literal or a URL. */
const TRICKY = [
  "o'brien+invoice=1&x#y%z/q@mail.example.com",
  'AM0PR01MB1234 5678@eurprd01.prod.outlook.com',
];

function mailboxMessages(count: number): FakeMessage[] {
  return Array.from({ length: count }, (_, index) =>
    message(
      `m${String(index).padStart(5, '0')}@kwizzy.nl`,
      '\\Inbox',
      `2026-09-${String(1 + (index % 28)).padStart(2, '0')}T08:00:00Z`,
    ),
  );
}

async function lines(
  output: string,
  mailbox = LEAD,
): Promise<(MessageLookupLine | FolderListingLine)[]> {
  const text = await readFile(join(output, 'evidence', 'lookups', `${mailbox}.ndjson`), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as MessageLookupLine | FolderListingLine);
}

function lookups(all: (MessageLookupLine | FolderListingLine)[]): MessageLookupLine[] {
  return all.filter((line): line is MessageLookupLine => line.type === 'messageLookup');
}

describe('collectMessageEvidence: lookups', () => {
  it('records where each message was found, or why it was not', async () => {
    const output = await tempDir();
    const tenant = kwizzyTenant([
      message('in-mailbox@kwizzy.nl', '\\Inbox', '2026-09-30T09:15:00Z'),
      message('deleted@kwizzy.nl', 'recoverable', '2026-09-29T10:00:00Z'),
      message(TRICKY[0] ?? '', '\\Inbox', '2026-09-28T10:00:00Z'),
      message(TRICKY[1] ?? '', '\\Sent Items', '2026-09-28T11:00:00Z'),
    ]);
    tenant.traces = ['x@kwizzy.nl', 'y@example.org'].map((recipient, index) => ({
      id: `t${index}`,
      messageId: '<purged@example.org>',
      senderAddress: 'CFO@Example.org',
      recipientAddress: recipient,
      subject: 'Wire details',
      receivedDateTime: '2026-09-25T06:00:00Z',
      status: 'delivered',
    }));
    const targets = [
      'in-mailbox@kwizzy.nl',
      '<deleted@kwizzy.nl>',
      '\\u003cpurged@example.org\\u003e',
      'never-existed@kwizzy.nl',
      ...TRICKY,
    ].map((internetMessageId) => ({ mailbox: 'Finance.Lead@kwizzy.nl', internetMessageId }));

    const manifest = await collectMessageEvidence(
      kwizzyCase(output),
      { messages: targets, folders: [] },
      fakeOptions(new FakeGraph(tenant)),
    );

    const byId = new Map(
      lookups(await lines(output)).map((line) => [line.internetMessageId, line]),
    );
    expect(byId.size).toBe(6);
    expect(byId.get('in-mailbox@kwizzy.nl')).toEqual({
      type: 'messageLookup',
      mailbox: LEAD,
      internetMessageId: 'in-mailbox@kwizzy.nl',
      found: true,
      metadataSource: 'graph-mailbox',
      subject: 'Subject of in-mailbox@kwizzy.nl',
      sender: 'supplier@example.com',
      recipients: ['ap@kwizzy.nl', 'finance.lead@kwizzy.nl'],
      date: '2026-09-30T09:15:00Z',
      reason: null,
    });
    expect(byId.get('deleted@kwizzy.nl')?.metadataSource).toBe('graph-recoverable');
    expect(byId.get('purged@example.org')).toMatchObject({
      found: true,
      metadataSource: 'graph-message-trace',
      subject: 'Wire details',
      sender: 'cfo@example.org',
      recipients: ['x@kwizzy.nl', 'y@example.org'],
      date: '2026-09-25T06:00:00Z',
    });
    expect(byId.get('never-existed@kwizzy.nl')).toMatchObject({
      found: false,
      metadataSource: null,
    });
    expect(byId.get('never-existed@kwizzy.nl')?.reason).toBe(
      'not found in the mailbox; not found in its recoverable items; ' +
        'not found in message trace 2026-08-29T10:01:00Z..2026-10-03T00:00:01Z',
    );
    for (const id of TRICKY) expect(byId.get(id)?.metadataSource).toBe('graph-mailbox');
    expect(manifest.messages.lookups).toEqual({
      lookedUp: 6,
      found: { 'graph-mailbox': 3, 'graph-recoverable': 1, 'graph-message-trace': 1 },
      notFound: 1,
    });
  });

  it('asks for one $batch per 20 messages and only the fields it needs', async () => {
    const output = await tempDir();
    const tenant = kwizzyTenant(mailboxMessages(137));
    const graph = new FakeGraph(tenant);
    const targets = tenant.messages.map((m) => ({
      mailbox: LEAD,
      internetMessageId: m.internetMessageId,
    }));
    await collectMessageEvidence(
      kwizzyCase(output),
      { messages: targets, folders: [] },
      fakeOptions(graph),
    );

    expect(graph.requests).toHaveLength(Math.ceil(137 / 20));
    expect(
      graph.requests.every((request) => request.url === 'https://graph.test/v1.0/$batch'),
    ).toBe(true);
    expect(graph.batchItems).toHaveLength(137);
    const found = lookups(await lines(output));
    expect(found.filter((line) => line.found)).toHaveLength(137);
    expect(graph.batchItems[0]).toContain(
      '$select=internetMessageId%2Csubject%2Cfrom%2CtoRecipients%2CccRecipients%2CbccRecipients%2CreceivedDateTime%2CsentDateTime',
    );
  });

  it('re-queues throttled batch items after their Retry-After and loses none', async () => {
    const output = await tempDir();
    const tenant = kwizzyTenant(mailboxMessages(300));
    const graph = new FakeGraph(tenant, { failureRate: 0.1, seed: 3 });
    const targets = tenant.messages.map((m) => ({
      mailbox: LEAD,
      internetMessageId: m.internetMessageId,
    }));
    const options = fakeOptions(graph);
    const manifest = await collectMessageEvidence(
      kwizzyCase(output),
      { messages: targets, folders: [] },
      options,
    );

    const found = lookups(await lines(output));
    expect(found).toHaveLength(300);
    expect(new Set(found.map((line) => line.internetMessageId)).size).toBe(300);
    expect(found.every((line) => line.found && line.metadataSource === 'graph-mailbox')).toBe(true);
    const retried = manifest.runs.at(-1)?.requests.retried ?? 0;
    expect(graph.failures).toBeGreaterThan(10);
    expect(retried).toBe(graph.failures);
    // At most one request per 20 lookups, plus one per retry.
    expect(graph.requests.length).toBeLessThanOrEqual(Math.ceil(300 / 20) + retried);
    expect(options.waits.filter((ms) => ms >= 1000).length).toBeGreaterThan(0);
  });

  it('never has more than 4 requests in flight against one mailbox', async () => {
    const output = await tempDir();
    const other = 'j.devries@kwizzy.nl';
    const messages = [
      ...mailboxMessages(400),
      ...mailboxMessages(120).map((m) => ({ ...m, mailbox: other, folder: '\\Inbox\\Projects' })),
    ];
    const graph = new FakeGraph(kwizzyTenant(messages), { latencyMs: 3, failureRate: 0.05 });
    await collectMessageEvidence(
      kwizzyCase(output),
      {
        messages: messages.map((m) => ({
          mailbox: m.mailbox,
          internetMessageId: m.internetMessageId,
        })),
        folders: [
          { mailbox: LEAD, path: '\\Inbox', syncedAt: '2026-10-02T08:00:00Z' },
          { mailbox: other, path: '\\Inbox\\Projects', syncedAt: '2026-10-02T08:00:00Z' },
        ],
      },
      fakeOptions(graph),
    );
    expect(graph.peakPerMailbox.get(LEAD)).toBe(4);
    expect(graph.peakPerMailbox.get(other)).toBeLessThanOrEqual(4);
    expect(lookups(await lines(output))).toHaveLength(400);
    expect(lookups(await lines(output, other))).toHaveLength(120);
  });

  it('resumes interrupted lookups without looking anything up twice or writing it twice', async () => {
    const output = await tempDir();
    const tenant = kwizzyTenant(mailboxMessages(200));
    const targets = tenant.messages.map((m) => ({
      mailbox: LEAD,
      internetMessageId: m.internetMessageId,
    }));
    const controller = new AbortController();
    const first = new FakeGraph(tenant, {
      onRequest: (request) => {
        if (request.url.endsWith('$batch') && first.requests.length === 4) {
          controller.abort(new Error('laptop lid closed'));
        }
      },
    });
    await expect(
      collectMessageEvidence(
        kwizzyCase(output),
        { messages: targets, folders: [] },
        fakeOptions(first, { signal: controller.signal }),
      ),
    ).rejects.toThrow('laptop lid closed');
    const saved = lookups(await lines(output)).length;
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThan(200);

    const second = new FakeGraph(tenant);
    await collectMessageEvidence(
      kwizzyCase(output),
      { messages: targets, folders: [] },
      fakeOptions(second),
    );
    expect(second.batchItems).toHaveLength(200 - saved);
    const after = lookups(await lines(output));
    expect(after).toHaveLength(200);
    expect(new Set(after.map((line) => line.internetMessageId)).size).toBe(200);

    const third = new FakeGraph(tenant);
    const manifest = await collectMessageEvidence(
      kwizzyCase(output),
      { messages: targets, folders: [] },
      fakeOptions(third),
    );
    expect(third.requests).toEqual([]);
    expect(manifest.messages.lookups.lookedUp).toBe(200);
    expect(manifest.runs.map((run) => run.outcome)).toEqual([
      'interrupted',
      'complete',
      'complete',
    ]);
  });
  it('records lines an interrupted run wrote but did not record, so the evidence still verifies', async () => {
    const output = await tempDir();
    const tenant = kwizzyTenant(mailboxMessages(3));
    const targets = tenant.messages.map((m) => ({
      mailbox: LEAD,
      internetMessageId: m.internetMessageId,
    }));
    const caseFile = kwizzyCase(output);
    await collectMessageEvidence(
      caseFile,
      { messages: targets, folders: [] },
      fakeOptions(new FakeGraph(tenant)),
    );
    // A crash after the last lines reached the disk but before collection.json was saved:
    // the manifest still records the file as it was after its first line.
    const manifestPath = join(output, 'evidence', 'collection.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as CollectionManifest;
    const path = `lookups/${LEAD}.ndjson`;
    const content = await readFile(join(output, 'evidence', path));
    const firstLine = content.subarray(0, content.indexOf(0x0a) + 1);
    manifest.files = manifest.files.map((file) =>
      file.path === path
        ? {
            ...file,
            sha256: createHash('sha256').update(firstLine).digest('hex'),
            bytes: firstLine.length,
            records: 1,
          }
        : file,
    );
    await writeFile(manifestPath, JSON.stringify(manifest));

    const again = new FakeGraph(tenant);
    const resumed = await collectMessageEvidence(
      caseFile,
      { messages: targets, folders: [] },
      fakeOptions(again),
    );
    expect(again.requests).toEqual([]);
    const recorded = resumed.files.find((file) => file.path === path);
    expect(recorded).toMatchObject({
      sha256: createHash('sha256').update(content).digest('hex'),
      bytes: content.length,
      records: 3,
    });
    expect((await readManifest(join(output, 'evidence')))?.files).toEqual(resumed.files);
  });
});

describe('collectMessageEvidence: synced folders', () => {
  it('lists what a synced folder held when it was synced', async () => {
    const output = await tempDir();
    const tenant = kwizzyTenant([
      message('old@kwizzy.nl', '\\Inbox\\Projects', '2026-09-01T08:00:00Z'),
      message('at-sync@kwizzy.nl', '\\Inbox\\Projects', '2026-10-02T08:00:00Z'),
      message('after@kwizzy.nl', '\\Inbox\\Projects', '2026-10-02T08:00:01Z'),
      message('elsewhere@kwizzy.nl', '\\Inbox', '2026-09-01T08:00:00Z'),
    ]);
    const manifest = await collectMessageEvidence(
      kwizzyCase(output),
      {
        messages: [],
        folders: [
          { mailbox: LEAD, path: '\\Inbox\\Projects', syncedAt: '2026-10-01T09:00:00Z' },
          { mailbox: LEAD, path: '\\Inbox\\Projects', syncedAt: '2026-10-02T08:00:00Z' },
          { mailbox: LEAD, path: '\\Archive\\2019', syncedAt: '2026-10-02T08:00:00Z' },
        ],
      },
      fakeOptions(new FakeGraph(tenant)),
    );
    const listings = (await lines(output)).filter(
      (line): line is FolderListingLine => line.type === 'folderListing',
    );
    expect(listings).toEqual([
      {
        type: 'folderListing',
        mailbox: LEAD,
        path: '\\Inbox\\Projects',
        messages: [
          {
            internetMessageId: 'old@kwizzy.nl',
            subject: 'Subject of old@kwizzy.nl',
            sender: 'supplier@example.com',
            recipients: ['ap@kwizzy.nl', 'finance.lead@kwizzy.nl'],
            date: '2026-09-01T08:00:00Z',
          },
          {
            internetMessageId: 'at-sync@kwizzy.nl',
            subject: 'Subject of at-sync@kwizzy.nl',
            sender: 'supplier@example.com',
            recipients: ['ap@kwizzy.nl', 'finance.lead@kwizzy.nl'],
            date: '2026-10-02T08:00:00Z',
          },
        ],
      },
    ]);
    expect(manifest.messages.folders.map((f) => [f.path, f.status, f.receivedBefore])).toEqual([
      ['\\Archive\\2019', 'not-found', '2026-10-02T08:00:00Z'],
      ['\\Inbox\\Projects', 'listed', '2026-10-02T08:00:00Z'],
    ]);
    expect(manifest.problems).toEqual([
      {
        code: 'folder-not-found',
        message:
          'finance.lead@kwizzy.nl \\Archive\\2019: folder "Archive" of \\Archive\\2019 not found; the synced folder is reported without its messages.',
      },
    ]);
    expect(manifest.limitations).toContain(
      'Synced folders were listed as they are at collection time: messages deleted from a ' +
        'folder since it was synced are not listed.',
    );
    const saved = await readManifest(join(output, 'evidence'));
    expect(saved?.files.map((file) => [file.path, file.kind, file.records])).toEqual([
      ['lookups/finance.lead@kwizzy.nl.ndjson', 'messageLookups', 1],
    ]);
  });
});

describe('collectMessageEvidence: message trace', () => {
  it("asks every message's likeliest slice before any message's next one, within the budget", async () => {
    const output = await tempDir();
    const tenant = kwizzyTenant([
      message('elsewhere@kwizzy.nl', '\\Inbox', '2026-09-01T08:00:00Z'),
    ]);
    const row = (id: string, receivedDateTime: string) => ({
      id: `t-${id}`,
      messageId: `<${id}>`,
      senderAddress: 'cfo@example.org',
      recipientAddress: LEAD,
      subject: `Trace of ${id}`,
      receivedDateTime,
      status: 'delivered',
    });
    // a arrived two days before it was read, b fifteen; c is in no trace.
    tenant.traces = [
      row('a@x.org', '2026-09-30T10:00:00Z'),
      row('b@x.org', '2026-09-17T10:00:00Z'),
    ];
    const graph = new FakeGraph(tenant);
    const options = fakeOptions(graph);
    const events: string[] = [];
    const caseFile = kwizzyCase(output, { messageTraceBudget: { requests: 3, minutes: 5 } });
    await collectMessageEvidence(
      caseFile,
      {
        messages: ['a@x.org', 'b@x.org', 'c@x.org'].map((internetMessageId) => ({
          mailbox: LEAD,
          internetMessageId,
          readAt: '2026-10-02T10:00:00Z',
        })),
        folders: [],
      },
      { ...options, onProgress: (event) => events.push(event.type) },
    );
    const traced = graph.requests
      .filter((request) => request.url.includes('/messageTraces'))
      .map((request) => {
        const filter = new URL(request.url).searchParams.get('$filter') ?? '';
        const id = /messageId eq '<([^>]+)>'/.exec(filter)?.[1];
        const from = /receivedDateTime ge (\S+)/.exec(filter)?.[1]?.slice(0, 10);
        return `${id ?? ''} ${from ?? ''}`;
      });
    expect(traced).toEqual([
      'a@x.org 2026-09-22',
      'b@x.org 2026-09-22',
      'c@x.org 2026-09-22',
      'b@x.org 2026-09-12',
      'c@x.org 2026-09-12',
      'c@x.org 2026-09-02',
      'c@x.org 2026-08-29',
    ]);
    // Three requests per five minutes: two waits of five minutes.
    expect(events.filter((type) => type === 'budget-wait')).toHaveLength(2);
    expect(options.waits.filter((ms) => ms === 300_000)).toHaveLength(2);
    const byId = new Map(
      lookups(await lines(output)).map((line) => [line.internetMessageId, line]),
    );
    expect(byId.get('a@x.org')?.metadataSource).toBe('graph-message-trace');
    expect(byId.get('b@x.org')?.metadataSource).toBe('graph-message-trace');
    // Back to 90 days before the last request, ten minutes of waiting after the first.
    expect(byId.get('c@x.org')?.reason).toBe(
      'not found in the mailbox; not found in its recoverable items; ' +
        'not found in message trace 2026-08-29T10:11:00Z..2026-10-02T10:00:01Z',
    );
  });

  it('keeps the trace rows of a message the attacker sent as Graph wrote them', async () => {
    const output = await tempDir();
    const tenant = kwizzyTenant();
    tenant.traces = [
      {
        messageId: '<wire@kwizzy.nl>',
        receivedDateTime: '2026-10-02T10:00:01Z',
        senderAddress: LEAD,
        recipientAddress: 'accounts@customer.example',
        subject: 'New IBAN <urgent>',
        size: 20480.0,
      },
    ];
    const graph = new FakeGraph(tenant);
    await collectMessageEvidence(
      kwizzyCase(output),
      {
        messages: [],
        folders: [],
        sent: [
          { mailbox: LEAD, internetMessageId: 'wire@kwizzy.nl', sentAt: '2026-10-02T10:00:00Z' },
        ],
      },
      fakeOptions(graph),
    );
    const saved = await readFile(
      join(output, 'evidence', 'trace', 'sent-wire@kwizzy.nl.ndjson'),
      'utf8',
    );
    // One line, Graph's escapes kept: not rewritten by JSON.parse and JSON.stringify.
    expect(saved).toBe(
      '{"messageId":"\\u003cwire@kwizzy.nl\\u003e","receivedDateTime":"2026-10-02T10:00:01Z",' +
        '"senderAddress":"finance.lead@kwizzy.nl","recipientAddress":"accounts@customer.example",' +
        '"subject":"New IBAN \\u003curgent\\u003e","size":20480}\n',
    );
  });
});
