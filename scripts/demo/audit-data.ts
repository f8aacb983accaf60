import type { AuditEvent } from './activity.js';
import type { MailboxEntry } from './mail-pool.js';
import type { Random } from './random.js';
import type { ClientKind, SessionPlan } from './types.js';

/** Well-known first-party application ids, as real records carry them. */
const EXCHANGE_ONLINE_APP = '00000002-0000-0ff1-ce00-000000000000';
const CLIENT_APP: Record<ClientKind, string | null> = {
  owa: null,
  outlook: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
  mobile: '27922004-5251-4030-b22d-91ecd9a37ea4',
  rest: null,
};
const CLIENT_INFO: Record<ClientKind, string> = {
  owa: 'Client=OWA;Action=ViaProxy',
  outlook: 'Client=MSExchangeRPC',
  mobile: 'Client=OutlookService;Outlook-iOS/2.0;',
  rest: 'Client=REST;Client=RESTSystem;;',
};
const RECORD_TYPE_NAMES: Record<number, string> = {
  1: 'ExchangeAdmin',
  2: 'ExchangeItem',
  3: 'ExchangeItemGroup',
  50: 'ExchangeItemAggregated',
  101: 'ExchangeSearch',
};

/** The "." rule of session A1: hides mail about invoices and bank details. */
const HIDING_RULE: { Name: string; Value: string }[] = [
  { Name: 'AlwaysDeleteOutlookRulesBlob', Value: 'False' },
  { Name: 'Force', Value: 'False' },
  { Name: 'MoveToFolder', Value: 'RSS Feeds' },
  { Name: 'Name', Value: '.' },
  { Name: 'SubjectOrBodyContainsWords', Value: 'factuur;invoice;betaling;Rechnung;IBAN;bank' },
  { Name: 'MarkAsRead', Value: 'True' },
  { Name: 'StopProcessingRules', Value: 'True' },
];

export interface FormattedRecord {
  event: AuditEvent;
  recordType: number;
  recordTypeName: string;
  /** The AuditData JSON exactly as every export carries it. */
  auditData: string;
}

export interface Tenant {
  organizationId: string;
  organizationName: string;
  /** Hosts mailboxes live on, without the `\r\n` Exchange appends. */
  servers: string[];
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Turns events into AuditData text. Identifiers that real tenants keep stable (mailbox GUIDs,
 * SIDs, folder ids, token ids) are drawn once per owner and reused.
 */
export class AuditDataWriter {
  private readonly stable = new Map<string, string>();
  private readonly issued = new Map<string, number>();

  constructor(
    private readonly rng: Random,
    private readonly tenant: Tenant,
  ) {}

  format(event: AuditEvent): FormattedRecord {
    const recordType = this.recordTypeOf(event);
    const data = this.build(event, recordType);
    // Some feeds carry every number as a string; the Item.ParentFolder sync record always does.
    const stringly =
      (event.sync?.shape === 'parentFolder' || this.rng.chance(0.08)) && recordType !== 1;
    let auditData = JSON.stringify(stringly ? stringifyNumbers(data) : data);
    // The Management API writes `<` and `>` as \u003c \u003e; some exports keep that text.
    if (this.rng.chance(0.3))
      auditData = auditData.replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
    return {
      event,
      recordType,
      recordTypeName: RECORD_TYPE_NAMES[recordType] ?? String(recordType),
      auditData,
    };
  }

  private recordTypeOf(event: AuditEvent): number {
    if (event.operation === 'New-InboxRule' || event.operation === 'Remove-InboxRule') return 1;
    if (event.operation === 'MoveToDeletedItems' || event.operation === 'SoftDelete') return 3;
    // The RecordType of search records is unconfirmed (docs/attacker-activity-records.md).
    if (event.operation === 'SearchQueryInitiatedExchange') return 101;
    if (event.operation === 'Send' || event.sync?.shape === 'parentFolder') return 2;
    return 50;
  }

  private once(key: string, make: () => string): string {
    let value = this.stable.get(key);
    if (value === undefined) {
      value = make();
      this.stable.set(key, value);
    }
    return value;
  }

  /** When the session's token was issued: its sign-in, or shortly before its first record. */
  issuedAt(session: SessionPlan, firstUse: number): number {
    let at = this.issued.get(session.label);
    if (at === undefined) {
      at = session.signInAt ?? firstUse - this.rng.int(60, 900) * 1000;
      this.issued.set(session.label, at);
    }
    return at;
  }

  /** `UniqueTokenId`, shared with the sign-in log's `uniqueTokenIdentifier`. */
  tokenOf(session: SessionPlan): string {
    return this.once(`token ${session.label}`, () => this.rng.base64(22).replace(/[+/]/g, 'A'));
  }

  private sid(account: string): string {
    return this.once(
      `sid ${account}`,
      () => `S-1-5-21-2026004417-3390311827-1718920554-${this.rng.int(1100, 9999)}`,
    );
  }

  private folderId(mailbox: string, path: string): string {
    return this.once(
      `folder ${mailbox} ${path}`,
      () => `LgAAAAB${this.rng.base64(29)}AQ${this.rng.base64(24)}AAAB`,
    );
  }

  private server(mailbox: string): string {
    return this.once(`server ${mailbox}`, () => `${this.rng.pick(this.tenant.servers)}\r\n`);
  }

  private common(event: AuditEvent, recordType: number): { [key: string]: Json } {
    const { session } = event;
    const context: { [key: string]: Json } = {
      AADSessionId: session.aadSessionId,
      IssuedAtTime: creationTime(this.issuedAt(session, event.time)),
      UniqueTokenId: this.tokenOf(session),
    };
    if (session.clientAppId !== null) {
      context['ClientAppId'] = session.clientAppId;
      context['ClientAppName'] = session.clientAppName;
    }
    return {
      AppAccessContext: context,
      CreationTime: creationTime(event.time),
      Id: event.id,
      Operation: event.operation,
      OrganizationId: this.tenant.organizationId,
      RecordType: recordType,
      ResultStatus: recordType === 1 ? 'True' : 'Succeeded',
      UserKey: this.once(
        `key ${session.account}`,
        () => `10032003${this.rng.hex(8).toUpperCase()}`,
      ),
      UserType: 0,
      Version: 1,
      Workload: 'Exchange',
      ClientIP: clientIpAt(session, event.time),
      UserId: session.account,
    };
  }

  private build(event: AuditEvent, recordType: number): { [key: string]: Json } {
    const { session, mailbox } = event;
    const data = this.common(event, recordType);
    const ip = clientIpAt(session, event.time);
    const appId = session.clientAppId ?? (session.client === 'owa' ? EXCHANGE_ONLINE_APP : null);
    if (recordType === 1) {
      return {
        ...data,
        ObjectId: `EURPR05A004.prod.outlook.com/Microsoft Exchange Hosted Organizations/${this.tenant.organizationName}/${mailbox.split('@')[0] ?? ''}\\${event.ruleName ?? '.'}`,
        AppId: EXCHANGE_ONLINE_APP,
        AppPoolName: 'MSExchangeOWAAppPool',
        ClientAppId: '',
        ExternalAccess: false,
        OrganizationName: this.tenant.organizationName,
        OriginatingServer: this.server(mailbox),
        Parameters: event.parameters ?? HIDING_RULE,
        SessionId: session.sessionId,
      };
    }
    const mailboxPart: { [key: string]: Json } = {
      ...(appId === null ? {} : { AppId: appId }),
      ...(CLIENT_APP[session.client] === null ? {} : { ClientAppId: CLIENT_APP[session.client] }),
      ClientIPAddress: ip,
      ClientInfoString: CLIENT_INFO[session.client],
      ExternalAccess: false,
      InternalLogonType: event.logonType,
      LogonType: event.logonType,
      LogonUserSid: this.sid(session.account),
      MailboxGuid: this.once(`mailbox ${mailbox}`, () => this.rng.guid()),
      MailboxOwnerSid: this.sid(mailbox),
      MailboxOwnerUPN: mailbox,
    };
    const tail: { [key: string]: Json } = {
      OrganizationName: this.tenant.organizationName,
      OriginatingServer: this.server(mailbox),
      ...(session.sessionId === null ? {} : { SessionId: session.sessionId }),
    };
    if (event.operation === 'MailItemsAccessed') {
      const properties = [
        { Name: 'MailAccessType', Value: event.access ?? 'Bind' },
        { Name: 'IsThrottled', Value: event.throttled ? 'True' : 'False' },
      ];
      if (event.sync?.shape === 'parentFolder') {
        const path = event.sync.folder;
        const item = {
          Id: `RgAAAAB${this.rng.base64(60)}AAAJ`,
          ParentFolder: {
            Id: this.folderId(mailbox, path),
            Name: path.slice(path.lastIndexOf('\\') + 1),
            Path: path,
          },
        };
        return { ...data, ...mailboxPart, OperationProperties: properties, ...tail, Item: item };
      }
      const folders = event.sync
        ? [{ Id: this.folderId(mailbox, event.sync.folder), Path: event.sync.folder }]
        : this.groupByFolder(mailbox, event.items);
      return {
        ...data,
        ...mailboxPart,
        OperationProperties: properties,
        ...tail,
        Folders: folders,
        OperationCount: event.sync ? 1 : event.items.length,
      };
    }
    if (event.operation === 'SearchQueryInitiatedExchange') {
      return { ...data, ...mailboxPart, ...tail, QueryText: event.query ?? '', QuerySource: 'OWA' };
    }
    if (event.operation === 'Send') {
      const entry = event.items[0];
      if (!entry) throw new Error('a Send event needs its message');
      const m = entry.message;
      const attachments =
        m.featured === 'bank-details'
          ? 'Kwizzy B.V. bankbevestiging (gewijzigd).pdf (48213b)'
          : this.rng.chance(0.25)
            ? `offerte ${this.rng.int(100, 999)} (v2).pdf (${this.rng.int(40_000, 400_000)}b); logo.png (8192b)`
            : null;
      const item: { [key: string]: Json } = {
        Id: `RgAAAAB${this.rng.base64(60)}AAAJ`,
        InternetMessageId: m.id,
        ParentFolder: { Id: this.folderId(mailbox, '\\Sent Items'), Path: '\\Sent Items' },
        SizeInBytes: m.size,
        Subject: m.subject,
        ...(attachments === null ? {} : { Attachments: attachments }),
      };
      return { ...data, ...mailboxPart, ...tail, Item: item };
    }
    const source = event.items[0]?.folder ?? '\\Inbox';
    return {
      ...data,
      ...mailboxPart,
      ...tail,
      AffectedItems: event.items.map((e) => ({
        Id: `RgAAAAB${this.rng.base64(60)}AAAJ`,
        InternetMessageId: e.message.id,
        ParentFolder: { Id: this.folderId(mailbox, e.folder), Path: e.folder },
        Subject: e.message.subject,
      })),
      CrossMailboxOperation: false,
      // SoftDelete takes mail out of Deleted Items into Recoverable Items: no DestFolder.
      ...(event.operation === 'MoveToDeletedItems'
        ? { DestFolder: { Id: this.folderId(mailbox, '\\Deleted Items'), Path: '\\Deleted Items' } }
        : {}),
      Folder: { Id: this.folderId(mailbox, source), Path: source },
    };
  }

  private groupByFolder(mailbox: string, items: MailboxEntry[]): Json[] {
    const byPath = new Map<string, Json[]>();
    for (const entry of items) {
      const list = byPath.get(entry.folder) ?? [];
      list.push({ InternetMessageId: entry.message.id, SizeInBytes: entry.message.size });
      byPath.set(entry.folder, list);
    }
    return [...byPath].map(([path, folderItems]) => ({
      FolderItems: folderItems,
      Id: this.folderId(mailbox, path),
      Path: path,
    }));
  }
}

/** The client address a session's record carries at a time (sessions can change address). */
export function clientIpAt(session: SessionPlan, time: number): string {
  return session.ips.filter((ip) => ip.from <= time).at(-1)?.raw ?? session.ips[0]?.raw ?? '';
}

/** `CreationTime` as the audit log writes it: UTC, no zone, no fraction. */
export function creationTime(time: number): string {
  return new Date(time).toISOString().slice(0, 19);
}

function stringifyNumbers(value: Json, key = ''): Json {
  if (typeof value === 'number') return key === 'SizeInBytes' ? `${value}.00` : String(value);
  if (Array.isArray(value)) return value.map((v) => stringifyNumbers(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifyNumbers(v, k)]));
  }
  return value;
}
