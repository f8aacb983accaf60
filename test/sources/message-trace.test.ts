import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/model/index.js';
import { problemsOf, readFixture } from './fixture-files.js';

describe('message-trace-csv', () => {
  it('reads one record per recipient row, with the PowerShell columns present', async () => {
    const contents = await readFixture('message-trace.csv');
    expect(contents.format).toBe('message-trace-csv');
    expect(contents.trace[0]).toEqual<TraceRecord>({
      internetMessageId: 'AM0PR01MB5555AAAA@eurprd01.prod.outlook.com',
      received: '2026-10-01T14:03:44Z',
      sender: 'accounts@supplier-example.com',
      recipients: ['finance.lead@kwizzy.nl'],
      subject: 'Invoice 4471, final "Project Tulip"',
      status: 'Delivered',
      sizeInBytes: 48213,
      source: { input: 'evidence/message-trace.csv', line: 2 },
    });
    expect(contents.trace[1]?.recipients).toEqual(['ap@kwizzy.nl']);
  });

  it('reads an ISO Received with seven fraction digits', async () => {
    const trace = (await readFixture('message-trace.csv')).trace[2];
    expect(trace?.received).toBe('2026-10-03T09:02:13.573Z');
  });

  it('rejects a row with too few columns at its line', async () => {
    const contents = await readFixture('message-trace.csv');
    expect(problemsOf(contents)).toEqual(['unreadable-row@5']);
    expect([contents.records, contents.rejected]).toEqual([3, 1]);
  });
});

describe('message-trace-history-csv', () => {
  it('splits recipient_status into recipients and their statuses', async () => {
    const contents = await readFixture('message-trace-history.csv');
    expect(contents.format).toBe('message-trace-history-csv');
    expect(contents.trace[0]).toEqual<TraceRecord>({
      internetMessageId: 'DB9PR02MB7777DDDD@eurprd02.prod.outlook.com',
      received: '2026-09-28T07:41:09.123Z',
      sender: 'ceo@kwizzy.nl',
      recipients: ['finance.lead@kwizzy.nl', 'legal@kwizzy.nl'],
      subject: 'Board pack Q3',
      status: 'Receive, Deliver',
      sizeInBytes: 1048576,
      source: { input: 'evidence/message-trace-history.csv', line: 2 },
    });
  });

  it('reads a locale origin time as US month/day in UTC', async () => {
    const trace = (await readFixture('message-trace-history.csv')).trace[1];
    expect(trace).toMatchObject({ received: '2026-09-29T16:05:03Z', status: 'Receive, Fail' });
  });

  it('rejects a row without message_id', async () => {
    const contents = await readFixture('message-trace-history.csv');
    expect(problemsOf(contents)).toEqual(['missing-field@4']);
  });
});

describe('graph-message-trace', () => {
  it('reads Graph exchangeMessageTrace rows, one recipient each', async () => {
    const contents = await readFixture('graph-message-trace.ndjson');
    expect(contents.format).toBe('graph-message-trace');
    expect(contents.kind).toBe('messageTrace');
    expect(contents.trace[1]).toEqual<TraceRecord>({
      internetMessageId:
        'AM9PR05MB2209BD845723C6CD3BD05C9CCE102D50@AM9PR05MB2209.eurprd05.prod.outlook.com',
      received: '2026-10-07T13:53:15.483Z',
      sender: 'invoices@kwizzy.nl',
      recipients: ['crediteuren.kwizzy@securemail-portal.example'],
      subject: 'FW: Rechnung Nr. 77241 – Zahlungserinnerung',
      status: 'delivered',
      sizeInBytes: 51877,
      source: { input: 'evidence/graph-message-trace.ndjson', line: 2 },
    });
    expect(contents.trace[2]).toMatchObject({
      subject: ' =1+1',
      status: 'failed',
      sizeInBytes: 20480,
    });
  });

  it('rejects a row without messageId at its line', async () => {
    const contents = await readFixture('graph-message-trace.ndjson');
    expect(problemsOf(contents)).toEqual(['missing-field@3']);
    expect([contents.records, contents.rejected]).toEqual([3, 1]);
  });
});
