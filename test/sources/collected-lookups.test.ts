import { describe, expect, it } from 'vitest';
import type { FolderListing, MessageLookup } from '../../src/model/index.js';
import { problemsOf, readFixture } from './fixture-files.js';

const input = 'evidence/collected-lookups.ndjson';

describe('collected-lookups-ndjson', () => {
  it('reads message lookups, found and not found, from a file that mixes both types', async () => {
    const contents = await readFixture('collected-lookups.ndjson');
    expect(contents.format).toBe('collected-lookups-ndjson');
    expect(contents.lookups).toEqual<MessageLookup[]>([
      {
        mailbox: 'finance.lead@kwizzy.nl',
        internetMessageId: 'AM0PR01MB5555AAAA@eurprd01.prod.outlook.com',
        found: true,
        metadataSource: 'graph-mailbox',
        subject: 'Invoice 4471, final "Project Tulip"',
        sender: 'accounts@supplier-example.com',
        recipients: ['finance.lead@kwizzy.nl', 'ap@kwizzy.nl'],
        date: '2026-10-01T14:03:44Z',
        reason: null,
        source: { input, line: 1 },
      },
      {
        mailbox: 'finance.lead@kwizzy.nl',
        internetMessageId: 'AM0PR01MB5555BBBB@eurprd01.prod.outlook.com',
        found: false,
        metadataSource: null,
        subject: null,
        sender: null,
        recipients: [],
        date: null,
        reason: 'not found in the mailbox or its recoverable items',
        source: { input, line: 2 },
      },
    ]);
  });

  it('reads a folder listing', async () => {
    const [listing] = (await readFixture('collected-lookups.ndjson')).folderListings;
    expect(listing).toEqual<FolderListing>({
      mailbox: 'finance.lead@kwizzy.nl',
      path: '\\Sent Items',
      messages: [
        {
          internetMessageId: 'AM0PR01MB5555CCCC@eurprd01.prod.outlook.com',
          subject: 'RE: Payment details, updated',
          sender: 'finance.lead@kwizzy.nl',
          recipients: ['payments@outside-example.org'],
          date: '2026-10-03T09:02:13Z',
        },
        {
          internetMessageId: 'AM0PR01MB5555FFFF@eurprd01.prod.outlook.com',
          subject: 'Lunch',
          sender: 'finance.lead@kwizzy.nl',
          recipients: ['colleague@kwizzy.nl'],
          date: '2026-09-30T11:30:00Z',
        },
      ],
      source: { input, line: 3 },
    });
  });

  it('rejects a lookup without mailbox and a line of an unknown type', async () => {
    const contents = await readFixture('collected-lookups.ndjson');
    expect(problemsOf(contents)).toEqual(['missing-field@4', 'invalid-field@5']);
    expect([contents.records, contents.rejected]).toEqual([3, 2]);
  });
});
