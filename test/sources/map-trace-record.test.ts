import { describe, expect, it } from 'vitest';
import { mapTraceRecord } from '../../src/sources/map-trace-record.js';
import type { RawTraceRow } from '../../src/sources/reader.js';

const row: RawTraceRow = {
  messageId: '<AM0PR01MB0001@eurprd01.prod.outlook.com>',
  received: '2026-10-03T08:15:00Z',
  sender: ' Billing@Supplier-Example.com ',
  recipients: ['anna.berg@contoso-demo.nl'],
  subject: ' =1+1',
  status: 'Delivered',
  size: '4182',
};
const source = { input: 'evidence/trace.csv', line: 2 };

describe('mapTraceRecord', () => {
  it('keeps a subject exactly as written, and trims and lower-cases addresses', () => {
    const record = mapTraceRecord(row, source);
    expect(record.subject).toBe(' =1+1');
    expect(record.sender).toBe('billing@supplier-example.com');
  });

  it('reads a blank subject as none', () => {
    expect(mapTraceRecord({ ...row, subject: '  ' }, source).subject).toBeNull();
  });
});
