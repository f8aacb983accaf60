import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/analyze/index.js';
import { folder, input, listing, record } from './build.js';

const ATTACKER = '203.0.113.7';

function sync(id: string, path: string, creationTime: string, fields = {}) {
  return record({
    id,
    ip: ATTACKER,
    sessionId: 's-outlook',
    clientInfo: 'Client=MSExchangeRPC',
    mailAccessType: 'Sync',
    creationTime,
    folders: [folder(path)],
    ...fields,
  });
}

describe('rule 5: presumed exposure by folder sync', () => {
  it('reports the synced folder of both record shapes when no listing is available', () => {
    const aggregated = sync('sync-folders', '\\Inbox', '2026-10-03T10:00:00Z');
    // RecordType 2 names its folder in Item.ParentFolder; the normaliser turns it into `folders`.
    const exchangeItem = sync('sync-item', '\\Sent Items', '2026-10-03T10:00:05Z', {
      recordType: 'ExchangeItem',
      item: {
        subject: null,
        parentFolder: '\\Sent Items',
        internetMessageId: null,
        attachments: [],
      },
    });
    const analysis = analyzeCase(input({ audit: [exchangeItem, aggregated] }));
    expect(analysis.folders).toEqual([
      {
        mailbox: 'finance.lead@kwizzy.nl',
        path: '\\Inbox',
        syncedAt: '2026-10-03T10:00:00Z',
        sessionId: 's-outlook',
        listed: false,
        messages: 0,
        presumedMessages: 0,
        auditRecordIds: ['sync-folders'],
      },
      {
        mailbox: 'finance.lead@kwizzy.nl',
        path: '\\Sent Items',
        syncedAt: '2026-10-03T10:00:05Z',
        sessionId: 's-outlook',
        listed: false,
        messages: 0,
        presumedMessages: 0,
        auditRecordIds: ['sync-item'],
      },
    ]);
    expect(analysis.messages).toEqual([]);
    expect(analysis.mailboxes).toEqual(['finance.lead@kwizzy.nl']);
  });

  it('lists each message of a listed folder received at or before the sync, or undated', () => {
    const synced = sync('sync-1', '\\Inbox', '2026-10-03T10:00:00Z');
    const inbox = listing('finance.lead@kwizzy.nl', '\\inbox', [
      { id: '<before@acme.example>', date: '2026-10-02T09:00:00Z' },
      { id: 'at-sync@acme.example', date: '2026-10-03T10:00:00.000Z' },
      { id: 'undated@acme.example', date: null },
      { id: 'after@acme.example', date: '2026-10-03T10:00:01Z' },
    ]);
    const analysis = analyzeCase(input({ audit: [synced], folderListings: [inbox] }));
    expect(analysis.folders[0]).toMatchObject({ listed: true, messages: 3 });
    expect(analysis.messages.map((m) => m.internetMessageId)).toEqual([
      'at-sync@acme.example',
      'before@acme.example',
      'undated@acme.example',
    ]);
    expect(analysis.messages[0]).toMatchObject({
      exposure: 'presumed-sync',
      firstAccess: '2026-10-03T10:00:00Z',
      folder: '\\Inbox',
      sessions: ['s-outlook'],
      auditRecordIds: ['sync-1'],
      metadataSource: 'graph-mailbox',
      sender: 'colleague@kwizzy.nl',
    });
    expect(analysis.inputUse['out/evidence/folders.jsonl']).toMatchObject({ used: 1 });
  });

  it('cites every sync that covered a message and keeps each sync as its own row', () => {
    const early = sync('sync-early', '\\Inbox', '2026-10-03T10:00:00Z');
    const late = sync('sync-late', '\\Inbox', '2026-10-05T10:00:00Z');
    const inbox = listing('finance.lead@kwizzy.nl', '\\Inbox', [
      { id: 'old@acme.example', date: '2026-10-01T09:00:00Z' },
      { id: 'between@acme.example', date: '2026-10-04T09:00:00Z' },
    ]);
    const analysis = analyzeCase(input({ audit: [late, early], folderListings: [inbox] }));
    expect(analysis.folders.map((f) => [f.auditRecordIds, f.messages])).toEqual([
      [['sync-early'], 1],
      [['sync-late'], 2],
    ]);
    const byId = new Map(analysis.messages.map((m) => [m.internetMessageId, m]));
    expect(byId.get('old@acme.example')).toMatchObject({
      firstAccess: '2026-10-03T10:00:00Z',
      lastAccess: '2026-10-05T10:00:00Z',
      accessCount: 2,
      auditRecordIds: ['sync-early', 'sync-late'],
    });
    expect(byId.get('between@acme.example')).toMatchObject({
      firstAccess: '2026-10-05T10:00:00Z',
      accessCount: 1,
      auditRecordIds: ['sync-late'],
    });
  });

  it('keeps a message that was also bound as confirmed, citing the sync but counted once', () => {
    const synced = sync('sync-1', '\\Inbox', '2026-10-03T10:00:00Z');
    const bound = record({
      id: 'bind-1',
      ip: ATTACKER,
      creationTime: '2026-10-03T10:02:00Z',
      folders: [folder('\\Inbox', '<both@acme.example>')],
    });
    const inbox = listing('finance.lead@kwizzy.nl', '\\Inbox', [
      { id: 'both@acme.example', date: '2026-10-02T09:00:00Z' },
    ]);
    const analysis = analyzeCase(input({ audit: [synced, bound], folderListings: [inbox] }));
    const [message, ...rest] = analysis.messages;
    expect(rest).toEqual([]);
    // Listed in the folder, but counted once: as confirmed, not as presumed by the sync.
    expect(analysis.folders[0]).toMatchObject({ listed: true, messages: 1, presumedMessages: 0 });
    expect(message).toMatchObject({
      exposure: 'confirmed',
      firstAccess: '2026-10-03T10:02:00Z',
      accessCount: 1,
      auditRecordIds: ['bind-1', 'sync-1'],
    });
  });

  it('ignores a sync that is not the attacker’s', () => {
    const own = sync('own', '\\Inbox', '2026-10-03T10:00:00Z', {
      clientIp: '192.0.2.10',
      sessionId: null,
    });
    expect(analyzeCase(input({ audit: [own] })).folders).toEqual([]);
  });
});
