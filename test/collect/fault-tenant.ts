import type { CaseFile } from '../../src/model/index.js';
import type { CollectOptions } from '../../src/collect/index.js';
import type { TenantData, TenantMessage } from '../emulator/index.js';
import { testPkiFromEnv } from '../emulator/index.js';
import { kwizzyCase, virtualTiming } from './case-fixture.js';

/**
 * A small tenant where every lookup stage and every way of attribution matters, for the
 * fault tests: two compromised mailboxes read from the attacker's address; one message read
 * in a session the attacker is known by only through a sign-in; a message only in the
 * recoverable items, one only in message trace; a synced folder.
 */
export const FAULT = {
  tenantId: '2b7e4c1a-9d3f-4a5e-8c6b-1f0e2d3c4b5a',
  clientId: '5c1d8e2f-3a4b-4c5d-9e6f-7a8b9c0d1e2f',
  secret: 'fault-tenant-secret~Kw1zzy',
  lead: 'finance.lead@kwizzy.nl',
  dev: 'j.devries@kwizzy.nl',
  attackerIp: '203.0.113.7',
  proxyIp: '198.51.100.77',
  attackerSession: '9a1f0c2e-5b7d-4e3a-8c6f-0d2b4e6a8c1f',
  window: { start: '2026-10-01T00:00:00Z', end: '2026-10-03T23:59:59Z' },
  /** The emulator's "now": message trace reaches back 90 days from here. */
  now: '2026-10-20T00:00:00Z',
} as const;

export interface Read {
  id: string;
  mailbox: string;
  /** The acting user, when not the mailbox's owner (a delegate). */
  actor?: string;
  at: string;
  /** Exchange throttled the client: the record says IsThrottled. */
  throttled?: boolean;
  ip?: string;
  /** `ClientIPAddress` as the record writes it, when not `ip` with a port. */
  clientIpAddress?: string;
  session?: string;
  messages?: string[];
  sync?: string;
}

export function auditData(read: Read): Record<string, unknown> {
  return {
    CreationTime: read.at.replace(/Z$/, ''),
    Id: read.id,
    Operation: 'MailItemsAccessed',
    OrganizationId: FAULT.tenantId,
    RecordType: 50,
    ResultStatus: 'Succeeded',
    UserKey: '10032001A2B3C4D5',
    UserType: 0,
    Version: 1,
    Workload: 'Exchange',
    ClientIPAddress: read.clientIpAddress ?? `${read.ip ?? FAULT.attackerIp}:51234`,
    UserId: read.actor ?? read.mailbox,
    MailboxOwnerUPN: read.mailbox,
    LogonType: read.actor === undefined ? 0 : 2,
    ...(read.session === undefined ? {} : { AppAccessContext: { AADSessionId: read.session } }),
    OperationProperties: [
      { Name: 'MailAccessType', Value: read.sync === undefined ? 'Bind' : 'Sync' },
      ...(read.throttled === true ? [{ Name: 'IsThrottled', Value: 'True' }] : []),
    ],
    Folders: [
      read.sync === undefined
        ? {
            Path: '\\Inbox',
            FolderItems: (read.messages ?? []).map((id) => ({ InternetMessageId: `<${id}>` })),
          }
        : { Path: read.sync },
    ],
    OperationCount: 1,
  };
}

export function message(
  mailbox: string,
  id: string,
  folder: string,
  received: string,
  extra: Partial<TenantMessage> = {},
): TenantMessage {
  return {
    id: `AAMk-${id}`,
    internetMessageId: `<${id}>`,
    subject: `About ${id}`,
    from: { address: 'accounts@supplier.example' },
    toRecipients: [{ address: mailbox }],
    ccRecipients: [{ address: 'controller@kwizzy.nl' }],
    receivedDateTime: received,
    sentDateTime: received,
    parentFolderId: folder,
    ...extra,
  };
}

/**
 * `readsPerDay` Bind records per day and mailbox, each for its own message, plus the special
 * cases, plus `ghosts` messages the attacker opened that no mailbox and no trace knows.
 */
export function faultTenant(readsPerDay = 3, ghosts = 0): TenantData {
  const pki = testPkiFromEnv();
  const reads: Read[] = [];
  const lead: TenantMessage[] = [];
  const dev: TenantMessage[] = [];
  for (const [mailbox, messages, tag] of [
    [FAULT.lead, lead, 'l'],
    [FAULT.dev, dev, 'd'],
  ] as const) {
    for (const day of [1, 2, 3]) {
      for (let index = 0; index < readsPerDay; index++) {
        const id = `${tag}${day}-${index}@kwizzy.nl`;
        const at = `2026-10-0${day}T${String(9 + index).padStart(2, '0')}:15:00Z`;
        messages.push(message(mailbox, id, `${tag}-inbox`, `2026-09-2${day}T08:00:00Z`));
        reads.push({
          id: `0000000${day}-${tag}000-4000-8000-${String(index).padStart(12, '0')}`,
          mailbox,
          at,
          messages: [id],
        });
      }
    }
  }
  lead.push(
    message(FAULT.lead, 'deleted@kwizzy.nl', 'l-inbox', '2026-09-20T08:00:00Z', { deleted: true }),
    message(FAULT.lead, 'project-a@kwizzy.nl', 'l-projects', '2026-09-25T08:00:00Z'),
    message(FAULT.lead, 'project-b@kwizzy.nl', 'l-projects', '2026-09-26T08:00:00Z'),
    message(FAULT.lead, 'by-session@kwizzy.nl', 'l-inbox', '2026-09-27T08:00:00Z'),
  );
  reads.push(
    {
      id: '00000002-5e55-4000-8000-000000000001',
      mailbox: FAULT.lead,
      at: '2026-10-02T14:00:00Z',
      ip: FAULT.proxyIp,
      session: FAULT.attackerSession,
      messages: ['by-session@kwizzy.nl'],
    },
    {
      id: '00000002-de1e-4000-8000-000000000002',
      mailbox: FAULT.lead,
      at: '2026-10-02T15:00:00Z',
      messages: ['deleted@kwizzy.nl', 'traced-only@example.org'],
    },
    {
      id: '00000003-5c00-4000-8000-000000000003',
      mailbox: FAULT.lead,
      at: '2026-10-03T16:00:00Z',
      sync: '\\Inbox\\Projects',
    },
  );
  for (let index = 0; index < ghosts; index++) {
    reads.push({
      id: `00000003-6057-4000-8000-${String(index).padStart(12, '0')}`,
      mailbox: FAULT.dev,
      at: '2026-10-03T18:00:00Z',
      messages: [`ghost-${index}@kwizzy.nl`],
    });
  }
  return {
    tenantId: FAULT.tenantId,
    clients: [
      { clientId: FAULT.clientId, secret: FAULT.secret, certificatePem: pki.client.certificatePem },
    ],
    auditRecords: reads.map(auditData),
    mailboxes: {
      [FAULT.lead]: {
        folders: [
          { id: 'l-inbox', path: '\\Inbox', displayName: 'Inbox', parentId: null },
          {
            id: 'l-projects',
            path: '\\Inbox\\Projects',
            displayName: 'Projects',
            parentId: 'l-inbox',
          },
        ],
        messages: lead,
      },
      [FAULT.dev]: {
        folders: [{ id: 'd-inbox', path: '\\Inbox', displayName: 'Inbox', parentId: null }],
        messages: dev,
      },
    },
    signIns: [
      {
        id: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
        createdDateTime: '2026-10-02T13:55:00Z',
        userPrincipalName: FAULT.lead,
        ipAddress: FAULT.attackerIp,
        sessionId: FAULT.attackerSession,
        appDisplayName: 'Office 365 Exchange Online',
        isInteractive: true,
        status: { errorCode: 0 },
      },
    ],
    messageTraces: ['finance.lead@kwizzy.nl', 'board@example.org'].map((recipient, index) => ({
      id: `7c6b5a49-3827-4160-8f9e-0d1c2b3a495${index}`,
      senderAddress: 'ceo.lookalike@example.org',
      recipientAddress: recipient,
      messageId: '<traced-only@example.org>',
      receivedDateTime: '2026-09-30T07:00:00Z',
      subject: 'Urgent wire',
      status: 'delivered',
    })),
  };
}

/** The fault tenant's case, collecting from the emulator at `url` into `output`. */
export function faultCase(output: string, url: string): CaseFile {
  const base = kwizzyCase(output, {
    tenantId: FAULT.tenantId,
    clientId: FAULT.clientId,
    endpoints: { login: url, graph: url },
  });
  return {
    ...base,
    accounts: [FAULT.lead, FAULT.dev],
    threatActor: { ips: [FAULT.attackerIp], sessionIds: [], appIds: [] },
    window: { ...FAULT.window },
  };
}

/** Collection options on a virtual clock shared with the emulator (`clock`): no real waits. */
export function faultOptions(): { options: CollectOptions; clock: () => number; waits: number[] } {
  const { timing, waits } = virtualTiming(FAULT.now);
  return {
    options: {
      env: { MAILEXPOSURE_CLIENT_SECRET: FAULT.secret },
      timing: { ...timing, poll: { initialMs: 1_000, maxMs: 1_000, timeoutMs: 3_600_000 } },
    },
    clock: timing.now,
    waits,
  };
}
