import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseFile, CollectSettings } from '../../src/model/index.js';
import type { CollectOptions, GraphTransport } from '../../src/collect/index.js';
import type { FakeMessage, FakeTenant } from './fake-graph.js';
import { fakeLogin } from './fake-login.js';
import { caseIn, collectSettings, kwizzyCaseFile } from '../kwizzy-case-file.js';

export const ACCOUNTS = ['finance.lead@kwizzy.nl', 'j.devries@kwizzy.nl'];
export const SECRET = 'kw1zzy-client-s3cret-DO-NOT-LEAK';

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'mailexposure-collect-'));
}

/** The Kwizzy case over two days, collecting from the fake Graph. */
export function kwizzyCase(output: string, collect: Partial<CollectSettings> = {}): CaseFile {
  return kwizzyCaseFile({
    ...caseIn(output),
    sha256: 'a'.repeat(64),
    accounts: [...ACCOUNTS],
    threatActor: { ips: ['203.0.113.0/24'], sessionIds: [], appIds: [] },
    window: { start: '2026-10-01T00:00:00Z', end: '2026-10-03T00:00:00Z' },
    collect: collectSettings({
      tenantId: '6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5',
      clientId: '0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a',
      endpoints: { login: 'https://login.test', graph: 'https://graph.test' },
      ...collect,
    }),
  });
}

/** Time that moves only when the collection waits, so retries and polls cost nothing. */
export function virtualTiming(start = '2026-11-27T10:00:00Z') {
  let now = Date.parse(start);
  const waits: number[] = [];
  return {
    waits,
    timing: {
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        now += ms;
        await new Promise((resolve) => setImmediate(resolve));
      },
    },
  };
}

/** Options that run against `transport`, signed in to a fake Entra ID, on virtual time. */
export function fakeOptions(
  transport: GraphTransport,
  extra: CollectOptions = {},
): CollectOptions & { waits: number[] } {
  const { timing, waits } = virtualTiming();
  return {
    env: { MAILEXPOSURE_CLIENT_SECRET: SECRET },
    msalNetworkClient: fakeLogin('fake-access-token').network,
    transport: () => transport,
    timing,
    waits,
    ...extra,
  };
}

function auditRecord(
  id: string,
  createdDateTime: string,
  operation: string,
  user: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.security.auditLogRecord',
    id,
    createdDateTime,
    auditLogRecordType: 'ExchangeItemAggregated',
    operation,
    organizationId: '6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5',
    userType: 'Regular',
    userId: user,
    service: 'Exchange',
    objectId: null,
    userPrincipalName: user,
    clientIp: '203.0.113.7',
    administrativeUnits: [],
    auditData: {
      '@odata.type': '#microsoft.graph.security.exchangeMailboxAuditRecord',
      Id: id,
      CreationTime: createdDateTime.replace(/Z$/, ''),
      Operation: operation,
      UserId: user,
      MailboxOwnerUPN: user,
      ClientIPAddress: '203.0.113.7:51234',
      OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }],
      Folders: [
        {
          Path: '\\Inbox',
          FolderItems: [{ InternetMessageId: `<${id}@kwizzy.nl>`, SizeInBytes: 20481 }],
        },
      ],
      ...extra,
    },
  };
}

/** Audit records: some in each day, one on the window's last second, some out of scope. */
export function kwizzyAuditRecords(perDay = 3): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  for (const day of ['01', '02']) {
    for (let index = 0; index < perDay; index++) {
      const minute = String(10 + (index % 50)).padStart(2, '0');
      const hour = String(8 + (index % 16)).padStart(2, '0');
      const user = ACCOUNTS[index % ACCOUNTS.length] ?? '';
      records.push(
        auditRecord(
          `0000${day}00-0000-4000-8000-${String(index).padStart(12, '0')}`,
          `2026-10-${day}T${hour}:${minute}:00Z`,
          index % 5 === 4 ? 'New-InboxRule' : 'MailItemsAccessed',
          user,
        ),
      );
    }
  }
  records.push(
    auditRecord(
      '00000300-0000-4000-8000-000000000000',
      '2026-10-03T00:00:00Z',
      'Send',
      'j.devries@kwizzy.nl',
    ),
    // Out of scope: after the window, another user, another operation.
    auditRecord(
      '00000300-0000-4000-8000-000000000001',
      '2026-10-03T00:00:05Z',
      'Send',
      'j.devries@kwizzy.nl',
    ),
    auditRecord(
      '00000100-0000-4000-8000-999999999999',
      '2026-10-01T12:00:00Z',
      'MailItemsAccessed',
      'ceo@kwizzy.nl',
    ),
    auditRecord(
      '00000100-0000-4000-8000-999999999998',
      '2026-10-01T12:00:00Z',
      'FileAccessed',
      'j.devries@kwizzy.nl',
    ),
  );
  return records;
}

export function kwizzySignIns(): Record<string, unknown>[] {
  const signIn = (id: string, upn: string, at: string, ip: string, type: string) => ({
    id,
    createdDateTime: at,
    userPrincipalName: upn,
    ipAddress: ip,
    sessionId: `5e55-${id}`,
    uniqueTokenIdentifier: `tok-${id}`,
    appDisplayName: 'Office 365 Exchange Online',
    signInEventTypes: [type],
    status: { errorCode: 0 },
  });
  return [
    signIn(
      's1',
      'finance.lead@kwizzy.nl',
      '2026-10-01T07:59:00Z',
      '203.0.113.7',
      'interactiveUser',
    ),
    signIn(
      's2',
      'finance.lead@kwizzy.nl',
      '2026-10-01T09:00:00Z',
      '203.0.113.7',
      'nonInteractiveUser',
    ),
    signIn('s3', 'j.devries@kwizzy.nl', '2026-10-02T08:00:00Z', '192.0.2.10', 'interactiveUser'),
    signIn('s4', 'j.devries@kwizzy.nl', '2026-09-20T08:00:00Z', '192.0.2.10', 'interactiveUser'),
  ];
}

export function kwizzyTenant(messages: FakeMessage[] = []): FakeTenant {
  return {
    auditRecords: kwizzyAuditRecords(),
    signIns: kwizzySignIns(),
    messages,
    traces: [],
  };
}
