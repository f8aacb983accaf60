import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectMessageEvidence, type MessageTargets } from '../../src/collect/index.js';
import { noFaults } from '../emulator/fault-plan.js';
import { startEmulator, type RunningEmulator, type TenantData } from '../emulator/index.js';
import { tempDir } from './case-fixture.js';
import { FAULT, faultCase, faultOptions } from './fault-tenant.js';

/**
 * Message trace asked for what the attacker's forwarding sent out and to whom the attacker's
 * own messages went, against the emulator (which
 * refuses ranges over 10 days or starting more than 90 days back). The emulator's "now" is
 * 2026-10-20: the trace reaches back to 2026-07-22.
 */
const LEAD = FAULT.lead;
const DROP = 'drop@outside.example';
const TRACE = 'GET /admin/exchange/tracing/messageTraces';

function row(id: string, at: string, sender: string, recipient: string, subject: string) {
  return {
    id: `trace-${id}-${recipient}`,
    messageId: `<${id}>`,
    receivedDateTime: at,
    senderAddress: sender,
    recipientAddress: recipient,
    subject,
    status: 'delivered',
    size: 20480,
    fromIP: '',
    toIP: '',
  };
}

const TENANT: TenantData = {
  tenantId: FAULT.tenantId,
  clients: [{ clientId: FAULT.clientId, secret: FAULT.secret }],
  auditRecords: [],
  mailboxes: {},
  signIns: [],
  messageTraces: [
    row(
      'inv-881@supplier.example',
      '2026-07-25T09:00:00Z',
      'ap@supplier.example',
      LEAD,
      'Invoice 881',
    ),
    row('fw-881@kwizzy.nl', '2026-07-25T09:00:20Z', LEAD, DROP, 'FW: Invoice 881'),
    row('stmt@bank.example', '2026-08-01T09:59:50Z', 'noreply@bank.example', LEAD, 'Statement'),
    row('fw-stmt@kwizzy.nl', '2026-08-01T10:00:05Z', LEAD, DROP, 'FW: Statement'),
    row('wire@kwizzy.nl', '2026-08-02T10:00:01Z', LEAD, 'accounts@customer.example', 'New IBAN'),
    row('wire@kwizzy.nl', '2026-08-02T10:00:01Z', LEAD, 'cfo@customer.example', 'New IBAN'),
    // After the rule was removed, and to another mailbox: not asked for.
    row('fw-late@kwizzy.nl', '2026-08-10T10:00:00Z', LEAD, DROP, 'FW: Late'),
    row(
      'other@supplier.example',
      '2026-07-25T09:00:00Z',
      'ap@supplier.example',
      FAULT.dev,
      'Other',
    ),
  ],
};

/** A rule that forwarded LEAD's mail to DROP from 10 July to 5 August 2026; a sent message. */
const TARGETS: MessageTargets = {
  messages: [],
  folders: [],
  forwarding: [
    { mailbox: LEAD, target: DROP, from: '2026-07-10T08:00:00Z', until: '2026-08-05T08:00:00Z' },
  ],
  sent: [
    { mailbox: LEAD, internetMessageId: 'wire@kwizzy.nl', sentAt: '2026-08-02T09:59:58Z' },
    { mailbox: LEAD, internetMessageId: 'ancient@kwizzy.nl', sentAt: '2026-07-01T09:00:00Z' },
    // Message trace has no row of it: an answer all the same.
    { mailbox: LEAD, internetMessageId: 'unsent@kwizzy.nl', sentAt: '2026-08-03T09:00:00Z' },
  ],
};

describe("live collection of the trace of the attacker's forwarding and sent mail", () => {
  let emulator: RunningEmulator;
  let clock = () => Date.parse(FAULT.now);

  beforeAll(async () => {
    emulator = await startEmulator({ tenant: TENANT, clock: () => clock() });
  });

  beforeEach(() => {
    Object.assign(emulator.faults, noFaults());
  });

  afterAll(async () => {
    await emulator.stop();
  });

  async function collect(output: string) {
    const virtual = faultOptions();
    clock = virtual.clock;
    const before = emulator.stats.requests[TRACE] ?? 0;
    const manifest = await collectMessageEvidence(
      faultCase(output, emulator.url),
      TARGETS,
      virtual.options,
    );
    return { manifest, requests: (emulator.stats.requests[TRACE] ?? 0) - before };
  }

  it('asks for the target while the rule was in force, the mailbox from a day before and the sent mail, once', async () => {
    const output = await tempDir();
    const first = await collect(output);
    // Per address: a slice past the 90 days (not asked), one cut to them, one after; the two
    // sent messages within them.
    expect(first.requests).toBe(6);
    expect(first.manifest.gaps).toEqual([]);
    const saved = first.manifest.files.map((file) => [file.path, file.format, file.records]);
    expect(saved).toEqual([
      ['trace/drop@outside.example-20260720T080000Z.ndjson', 'graph-message-trace', 1],
      ['trace/drop@outside.example-20260730T080000Z.ndjson', 'graph-message-trace', 1],
      ['trace/finance.lead@kwizzy.nl-20260719T080000Z.ndjson', 'graph-message-trace', 1],
      ['trace/finance.lead@kwizzy.nl-20260729T080000Z.ndjson', 'graph-message-trace', 1],
      ['trace/sent-wire@kwizzy.nl.ndjson', 'graph-message-trace', 2],
    ]);
    const text = await readFile(
      join(output, 'evidence', 'trace', 'drop@outside.example-20260720T080000Z.ndjson'),
      'utf8',
    );
    expect(JSON.parse(text)).toEqual(TENANT.messageTraces[1]);
    expect(first.manifest.limitations).toEqual(
      expect.arrayContaining([
        'Message trace reaches back 90 days: the rows to drop@outside.example from ' +
          '2026-07-10T08:00:00Z to 2026-07-20T08:00:00Z could not be asked for, so mail ' +
          'forwarded out then is not listed.',
        'Message trace reaches back 90 days: the rows to finance.lead@kwizzy.nl from ' +
          '2026-07-09T08:00:00Z to 2026-07-19T08:00:00Z could not be asked for, so mail ' +
          'forwarded out then is not listed.',
        'Message trace reaches back 90 days: the recipients of the message ancient@kwizzy.nl ' +
          'the attacker sent at 2026-07-01T09:00:00Z could not be asked for.',
      ]),
    );

    // The answer without rows makes no file; the manifest keeps it, with its page's hash.
    const unsent = first.manifest.messageTrace.queries.find(
      (query) => query.key === 'trace/sent-unsent@kwizzy.nl.ndjson',
    );
    expect(unsent).toMatchObject({ records: 0, file: null });
    expect(unsent?.request.url).toMatch(/messageTraces\?\$filter=messageId%20eq%20'%3Cunsent%40/);
    expect(unsent?.pages.map((page) => [page.url, page.records])).toEqual([
      [unsent?.request.url, 0],
    ]);
    expect(unsent?.pages[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.manifest.messageTrace.queries.map((query) => [query.key, query.file])).toEqual(
      [...saved.map(([path]) => [path, path]), ['trace/sent-unsent@kwizzy.nl.ndjson', null]].sort(),
    );

    // A rerun asks nothing again, the question that had no row included.
    const second = await collect(output);
    expect(second.requests).toBe(0);
    expect(second.manifest.files).toEqual(first.manifest.files);
    expect(second.manifest.messageTrace).toEqual(first.manifest.messageTrace);
  });

  it('records a gap and asks no further when message trace is refused', async () => {
    emulator.faults.deny.messageTrace = true;
    const { manifest, requests } = await collect(await tempDir());
    expect(requests).toBe(1);
    expect(manifest.gaps.map((gap) => [gap.step, gap.part.kind, gap.cause, gap.status])).toEqual([
      ['messageTrace', 'step', 'permission', 403],
    ]);
    expect(manifest.files).toEqual([]);
  });
});
