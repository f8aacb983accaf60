import type { TenantData, TenantMessage } from './index.js';
import type { TestPki } from './tls.js';

/** A small, realistic tenant for the emulator's own tests. */
export const SAMPLE = {
  tenantId: '7d1c5b7e-2f0a-4e8e-9b1d-3c4f5a6b7c8d',
  clientId: '0f4a3c2b-1d5e-4f6a-8b7c-9d0e1f2a3b4c',
  secret: 'sample-secret-value~1234',
  mailbox: 'finance.lead@kwizzy.nl',
  attackerIp: '203.0.113.7',
} as const;

function audit(index: number, overrides: Record<string, unknown>): Record<string, unknown> {
  const minute = String(index % 60).padStart(2, '0');
  return {
    CreationTime: `2026-10-03T09:${minute}:00`,
    Id: `5e0c${String(index).padStart(4, '0')}-8f1d-4a2b-9c3d-${String(index).padStart(12, '0')}`,
    Operation: 'MailItemsAccessed',
    OrganizationId: SAMPLE.tenantId,
    RecordType: 50,
    ResultStatus: 'Succeeded',
    UserKey: '10032001A2B3C4D5',
    UserType: 0,
    Version: 1,
    Workload: 'Exchange',
    ClientIPAddress: `${SAMPLE.attackerIp}:5${String(index).padStart(4, '0')}`,
    UserId: SAMPLE.mailbox,
    MailboxOwnerUPN: SAMPLE.mailbox,
    LogonType: 0,
    OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }],
    Folders: [
      {
        Id: 'LgAAAAAVyO4p',
        Path: '\\Inbox',
        FolderItems: [{ InternetMessageId: `<msg-${index}@kwizzy.nl>`, SizeInBytes: 48213 }],
      },
    ],
    OperationCount: 1,
    ...overrides,
  };
}

/** `count` Bind records on 3 October 2026 from the attacker's address, one a minute from 09:00. */
export function bindRecords(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => audit(index, {}));
}

function message(
  index: number,
  folder: string,
  overrides: Partial<TenantMessage> = {},
): TenantMessage {
  const day = String(1 + (index % 9)).padStart(2, '0');
  return {
    id: `AAMkAGI2TG93AAA${String(index).padStart(4, '0')}=`,
    internetMessageId: `<msg-${index}@kwizzy.nl>`,
    subject: `Invoice ${1000 + index}`,
    from: { name: 'Supplier Accounts', address: 'accounts@supplier.example' },
    toRecipients: [{ name: 'Finance Lead', address: SAMPLE.mailbox }],
    ccRecipients: [],
    receivedDateTime: `2026-10-${day}T08:${String(index % 60).padStart(2, '0')}:00Z`,
    sentDateTime: `2026-10-${day}T08:${String(index % 60).padStart(2, '0')}:00Z`,
    parentFolderId: folder,
    ...overrides,
  };
}

export function sampleTenant(pki: TestPki, auditRecords = bindRecords(5)): TenantData {
  const messages = Array.from({ length: 25 }, (_, index) =>
    message(index, index < 20 ? 'inbox-id' : 'projects-id'),
  );
  messages.push(
    message(90, 'inbox-id', {
      internetMessageId: "<o'brien+tag@kwizzy.nl>",
      subject: "Re: O'Brien",
    }),
    message(91, 'inbox-id', { deleted: true, subject: 'Wire transfer details' }),
  );
  return {
    tenantId: SAMPLE.tenantId,
    clients: [
      {
        clientId: SAMPLE.clientId,
        secret: SAMPLE.secret,
        certificatePem: pki.client.certificatePem,
      },
    ],
    auditRecords,
    mailboxes: {
      [SAMPLE.mailbox]: {
        folders: [
          { id: 'inbox-id', path: '\\Inbox', displayName: 'Inbox', parentId: null },
          {
            id: 'projects-id',
            path: '\\Inbox\\Projects',
            displayName: 'Projects',
            parentId: 'inbox-id',
          },
          { id: 'sent-id', path: '\\Sent Items', displayName: 'Sent Items', parentId: null },
        ],
        messages,
      },
    },
    signIns: [
      {
        id: 'b3a1e6c2-0d4f-4e1a-9a2b-1c3d5e7f9a0b',
        createdDateTime: '2026-10-03T08:55:12Z',
        userPrincipalName: SAMPLE.mailbox,
        ipAddress: SAMPLE.attackerIp,
        sessionId: '00b7a5a4-9c1e-4f55-8d0c-2b6e1f7a9c31',
        uniqueTokenIdentifier: 'x7Yw1mQe0kq3f9Zr2AAA',
        userAgent: 'python-requests/2.31.0',
        appId: '00000002-0000-0ff1-ce00-000000000000',
        appDisplayName: 'Office 365 Exchange Online',
        clientAppUsed: 'Browser',
        status: { errorCode: 0 },
      },
      {
        id: 'c4b2f7d3-1e5a-4f2b-8b3c-2d4e6f8a0b1c',
        createdDateTime: '2026-10-02T07:10:00Z',
        userPrincipalName: 'someone.else@kwizzy.nl',
        ipAddress: '192.0.2.10',
        sessionId: '11c8b6b5-ad2f-4066-9e1d-3c7f2a8b0d42',
        appId: '00000002-0000-0ff1-ce00-000000000000',
        appDisplayName: 'Office 365 Exchange Online',
        clientAppUsed: 'Browser',
        status: { errorCode: 0 },
      },
    ],
    messageTraces: [SAMPLE.mailbox, 'cfo@kwizzy.nl'].map((recipient, index) => ({
      id: `e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5${index}`,
      senderAddress: 'accounts@supplier.example',
      recipientAddress: recipient,
      messageId: '<msg-3@kwizzy.nl>',
      receivedDateTime: '2026-10-04T08:03:00Z',
      subject: 'Invoice 1003',
      size: 48213,
      fromIP: '198.51.100.25',
      toIP: '',
      status: 'delivered',
    })),
  };
}
