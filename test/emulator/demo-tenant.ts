import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { creationTime } from './audit-records.js';
import { readDemoEvidence } from './demo-evidence.js';
import type {
  EmailAddress,
  TenantClient,
  TenantData,
  TenantFolder,
  TenantMessage,
} from './tenant.js';

/** The demo case folder of this repository. */
export const DEMO_CASE_DIR = fileURLToPath(new URL('../../cases/demo', import.meta.url));

/** The demo tenant's directory id (the demo evidence's `OrganizationId` when it has one). */
const FALLBACK_TENANT_ID = '6f1d3a52-8c47-4e29-b3a0-5d7e9c21f843';

export interface DemoTenant {
  tenant: TenantData;
  /** A fixed "now" just after the evidence, so message trace's 90-day reach holds. */
  now: string;
  /** Evidence files the loader could not use, with the reason. */
  skipped: string[];
}

interface Draft {
  internetMessageId: string;
  path: string;
  subject: string | null;
  /** Earliest time the message is known to have existed. */
  seen: number;
}

interface Trace {
  sender: string;
  recipients: string[];
  subject: string;
  received: string;
}

const hashId = (prefix: string, text: string): string =>
  prefix + createHash('sha256').update(text).digest('base64url').slice(0, 40);

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** ISO 8601 UTC without milliseconds, or null for text that is no time. */
function isoTime(value: string | number | undefined): string | null {
  const time = typeof value === 'number' ? value : Date.parse(value ?? '');
  return Number.isNaN(time) ? null : new Date(time).toISOString().replace('.000Z', 'Z');
}

/** Trace rows with a usable Message-ID and receipt time (others cannot be served). */
function usableRows(
  rows: Record<string, string>[],
): (Record<string, string> & { received: string })[] {
  return rows.flatMap((row) => {
    const received = isoTime(row.Received);
    return received === null || (row.MessageId ?? '') === '' ? [] : [{ ...row, received }];
  });
}

/** Trace rows aggregated per Message-ID: the sender, every recipient, the first receipt. */
function traces(rows: ReturnType<typeof usableRows>): Map<string, Trace> {
  const byId = new Map<string, Trace>();
  for (const row of rows) {
    const id = row.MessageId ?? '';
    const received = row.received;
    const trace = byId.get(id) ?? {
      sender: (row.SenderAddress ?? '').toLowerCase(),
      recipients: [],
      subject: row.Subject ?? '',
      received,
    };
    const recipient = (row.RecipientAddress ?? '').toLowerCase();
    if (!trace.recipients.includes(recipient)) trace.recipients.push(recipient);
    if (received < trace.received) trace.received = received;
    byId.set(id, trace);
  }
  return byId;
}

/** The parts of AuditData that place a message in a folder. */
interface AuditItem {
  InternetMessageId?: string;
  Subject?: string;
  ParentFolder?: { Path?: string };
}

interface AuditFolder {
  Path?: string;
  FolderItems?: AuditItem[];
}

/** An array field of AuditData; anything else (absent, or a loose single object) counts as none. */
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** Every (mailbox, message, folder) the audit records show; a later record's folder wins. */
function auditedMessages(records: Record<string, unknown>[]): Map<string, Map<string, Draft>> {
  const mailboxes = new Map<string, Map<string, Draft>>();
  const place = (
    mailbox: string,
    item: AuditItem,
    path: string | undefined,
    time: number,
  ): void => {
    const id = item.InternetMessageId;
    if (id === undefined || path === undefined) return;
    const messages = mailboxes.get(mailbox) ?? new Map<string, Draft>();
    const earlier = messages.get(id);
    messages.set(id, {
      internetMessageId: id,
      path,
      subject: item.Subject ?? earlier?.subject ?? null,
      seen: Math.min(time, earlier?.seen ?? time),
    });
    mailboxes.set(mailbox, messages);
  };
  for (const record of [...records].sort((a, b) => creationTime(a) - creationTime(b))) {
    const mailbox = (text(record.MailboxOwnerUPN) ?? text(record.UserId) ?? '').toLowerCase();
    if (!mailbox.includes('@')) continue;
    const time = creationTime(record);
    for (const folder of list<AuditFolder>(record.Folders)) {
      for (const item of list<AuditItem>(folder.FolderItems))
        place(mailbox, item, folder.Path, time);
    }
    const moved = record.Operation === 'MoveToDeletedItems';
    const items = [record.Item, ...list<unknown>(record.AffectedItems)].filter(
      (entry): entry is AuditItem => typeof entry === 'object' && entry !== null,
    );
    for (const item of items) {
      place(mailbox, item, moved ? '\\Deleted Items' : item.ParentFolder?.Path, time);
    }
  }
  return mailboxes;
}

function folderTree(mailbox: string, paths: Iterable<string>): TenantFolder[] {
  const folders = new Map<string, TenantFolder>();
  for (const path of ['\\Inbox', '\\Sent Items', '\\Deleted Items', ...paths]) {
    const parts = path.split('\\').filter((part) => part !== '');
    parts.forEach((displayName, index) => {
      const full = `\\${parts.slice(0, index + 1).join('\\')}`;
      if (folders.has(full)) return;
      const parent =
        index === 0 ? null : (folders.get(`\\${parts.slice(0, index).join('\\')}`)?.id ?? null);
      folders.set(full, {
        id: hashId('AAMkF', `${mailbox}${full}`),
        path: full,
        displayName,
        parentId: parent,
      });
    });
  }
  return [...folders.values()];
}

/**
 * Builds the demo tenant from `cases/demo/evidence`: its audit records (de-duplicated by `Id`),
 * sign-ins and message trace as Graph would serve them, and one mailbox per internal address
 * holding every message the evidence places there. Metadata comes from the trace rows; a
 * message only the audit log knows gets its audit subject and, as sender, the mailbox owner
 * for sent mail or `unknown.sender@example.invalid` otherwise.
 */
export function loadDemoTenant(clients: TenantClient[], caseDir = DEMO_CASE_DIR): DemoTenant {
  const evidence = readDemoEvidence(`${caseDir}/evidence`);
  const unique = new Map<string, Record<string, unknown>>();
  for (const record of evidence.auditRecords) {
    const id = text(record.Id)?.toLowerCase();
    if (id !== undefined && !unique.has(id)) unique.set(id, record);
  }
  const auditRecords = [...unique.values()].sort(
    (a, b) => creationTime(a) - creationTime(b) || String(a.Id).localeCompare(String(b.Id)),
  );
  const rows = usableRows(evidence.traceRows);
  const traced = traces(rows);
  const audited = auditedMessages(auditRecords);
  const domains = new Set([...audited.keys()].map((mailbox) => mailbox.split('@')[1]));
  const internal = (address: string): boolean => domains.has(address.split('@')[1]);
  for (const [id, trace] of traced) {
    const places: [string, string][] = [
      ...trace.recipients
        .filter(internal)
        .map((recipient): [string, string] => [recipient, '\\Inbox']),
      ...(internal(trace.sender) ? [[trace.sender, '\\Sent Items'] as [string, string]] : []),
    ];
    for (const [mailbox, path] of places) {
      const messages = audited.get(mailbox) ?? new Map<string, Draft>();
      if (!messages.has(id))
        messages.set(id, {
          internetMessageId: id,
          path,
          subject: trace.subject,
          seen: Date.parse(trace.received),
        });
      audited.set(mailbox, messages);
    }
  }
  const mailboxes: TenantData['mailboxes'] = {};
  for (const [mailbox, drafts] of [...audited].sort(([a], [b]) => a.localeCompare(b))) {
    const folders = folderTree(
      mailbox,
      [...drafts.values()].map((draft) => draft.path),
    );
    const folderOf = new Map(folders.map((folder) => [folder.path, folder.id]));
    const messages = [...drafts.values()].map((draft): TenantMessage => {
      const trace = traced.get(draft.internetMessageId);
      const sent = draft.path === '\\Sent Items';
      const when = trace?.received ?? isoTime(draft.seen) ?? '';
      const address = (value: string): EmailAddress => ({ address: value });
      return {
        id: hashId('AAMkM', `${mailbox}${draft.internetMessageId}`),
        internetMessageId: draft.internetMessageId,
        subject: trace?.subject ?? draft.subject ?? '',
        from: address(trace?.sender ?? (sent ? mailbox : 'unknown.sender@example.invalid')),
        toRecipients: (trace?.recipients ?? (sent ? [] : [mailbox])).map(address),
        ccRecipients: [],
        receivedDateTime: when,
        sentDateTime: when,
        parentFolderId: folderOf.get(draft.path) ?? '',
      };
    });
    mailboxes[mailbox] = { folders, messages: messages.sort((a, b) => a.id.localeCompare(b.id)) };
  }
  const times = [
    ...auditRecords.map(creationTime),
    ...[...traced.values()].map((trace) => Date.parse(trace.received)),
  ];
  const latest = times.length === 0 ? Date.parse('2026-10-15T00:00:00Z') : Math.max(...times);
  return {
    tenant: {
      tenantId: text(auditRecords[0]?.OrganizationId) ?? FALLBACK_TENANT_ID,
      clients,
      auditRecords,
      mailboxes,
      signIns: evidence.signIns,
      messageTraces: rows.map((row) => ({
        id: row.MessageTraceId ?? '',
        messageId: row.MessageId ?? '',
        receivedDateTime: row.received,
        senderAddress: row.SenderAddress ?? '',
        recipientAddress: row.RecipientAddress ?? '',
        subject: row.Subject ?? '',
        status: (row.Status ?? '').charAt(0).toLowerCase() + (row.Status ?? '').slice(1),
        size: Number(row.Size ?? 0),
        fromIP: row.FromIP ?? '',
        toIP: row.ToIP ?? '',
      })),
    },
    now: new Date(Math.ceil(latest / 86_400_000) * 86_400_000 + 43_200_000).toISOString(),
    skipped: evidence.skipped,
  };
}
