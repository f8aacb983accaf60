import type {
  ActivityFields,
  AuditRecord,
  CaseFile,
  FolderAccess,
  FolderListing,
  MessageLookup,
  SignInRecord,
  TraceRecord,
} from '../../src/model/index.js';
import { parseClientIp } from '../../src/model/index.js';
import type { AnalysisInput } from '../../src/analyze/index.js';
import { kwizzyCaseFile, type CaseFileFields } from '../kwizzy-case-file.js';

/** Small builders of realistic records (FORMATS.md); tests override what they are about. */

let line = 0;

/** An attributed-looking Bind by the compromised account unless told otherwise; `ip` is raw. */
export function record(fields: Partial<AuditRecord> & { ip?: string } = {}): AuditRecord {
  const { ip, ...rest } = fields;
  line += 1;
  // A test that sets clientIp alone means the record names that one address.
  const clientIp = 'clientIp' in rest ? (rest.clientIp ?? null) : parseClientIp(ip);
  const actor = rest.actor ?? 'finance.lead@kwizzy.nl';
  return {
    id: `rec-${String(line).padStart(4, '0')}`,
    creationTime: '2026-10-03T10:00:00Z',
    operation: 'MailItemsAccessed',
    recordType: 'ExchangeItemAggregated',
    workload: 'Exchange',
    actor,
    mailbox: actor,
    clientIp,
    clientIpRaw: ip ?? null,
    clientIps: clientIp === null ? [] : [clientIp],
    clientInfo: 'Client=OWA;Action=ViaProxy',
    sessionId: null,
    aadSessionId: null,
    uniqueTokenId: null,
    appIds: [],
    logonType: 0,
    externalAccess: false,
    mailAccessType: 'Bind',
    isThrottled: false,
    operationCount: 1,
    folders: [],
    item: null,
    activity: null,
    source: { input: 'evidence/audit/ual.json', line },
    ...rest,
  };
}

/** An activity record (rule 10) with the given Parameters or OperationProperties. */
export function activityRecord(
  operation: string,
  fields: Partial<ActivityFields>,
  recordFields: Partial<AuditRecord> & { ip?: string } = {},
): AuditRecord {
  return record({
    operation,
    mailAccessType: null,
    operationCount: null,
    activity: {
      objectId: null,
      resultStatus: 'True',
      parameters: [],
      operationProperties: [],
      affectedItems: [],
      folder: null,
      destFolder: null,
      crossMailbox: null,
      destMailbox: null,
      queryText: null,
      querySource: null,
      recipients: [],
      sentAs: null,
      unreadable: [],
      ...fields,
    },
    ...recordFields,
  });
}

/** `Folders[]` entry listing the given InternetMessageIds (as raw as the test wants). */
export function folder(path: string, ...messageIds: string[]): FolderAccess {
  return {
    path,
    items: messageIds.map((internetMessageId) => ({
      internetMessageId,
      subject: null,
      sizeInBytes: 1024,
      creationTime: null,
    })),
  };
}

/** The analysis tests' case: two domains, an attacker known by one address and two ranges. */
export function caseFile(fields: CaseFileFields = {}): CaseFile {
  return kwizzyCaseFile({
    threatActor: {
      ips: ['203.0.113.7', '198.51.100.0/24', '2001:db8:66::/48'],
      sessionIds: [],
      appIds: [],
    },
    ...fields,
    case: { domains: ['kwizzy.nl', 'kwizzy.onmicrosoft.com'], ...fields.case },
  });
}

/** One Get-MessageTrace row: one recipient per row. */
export function traceRow(
  messageId: string,
  recipient: string,
  fields: Partial<TraceRecord> = {},
): TraceRecord {
  line += 1;
  return {
    internetMessageId: messageId,
    received: '2026-10-02T08:00:00Z',
    sender: 'supplier@acme.example',
    recipients: [recipient],
    subject: 'Invoice 2026-118',
    status: 'Delivered',
    sizeInBytes: 20480,
    source: { input: 'evidence/trace/trace.csv', line },
    ...fields,
  };
}

export function signIn(ip: string, fields: Partial<SignInRecord> = {}): SignInRecord {
  line += 1;
  return {
    id: `signin-${line}`,
    createdDateTime: '2026-10-03T09:55:00Z',
    userPrincipalName: 'finance.lead@kwizzy.nl',
    userDisplayName: 'Sanne Bakker',
    ipAddress: parseClientIp(ip),
    ipAddressRaw: ip,
    sessionId: null,
    uniqueTokenId: null,
    appId: '00000002-0000-0ff1-ce00-000000000000',
    appDisplayName: 'Office 365 Exchange Online',
    clientAppUsed: 'Browser',
    userAgent: 'Mozilla/5.0',
    succeeded: true,
    source: { input: 'evidence/signins.json', line },
    ...fields,
  };
}

export function lookup(
  mailbox: string,
  messageId: string,
  fields: Partial<MessageLookup> = {},
): MessageLookup {
  line += 1;
  return {
    mailbox,
    internetMessageId: messageId,
    found: true,
    metadataSource: 'graph-mailbox',
    subject: 'Payroll October',
    sender: 'hr@kwizzy.nl',
    recipients: ['finance.lead@kwizzy.nl'],
    date: '2026-10-01T07:00:00Z',
    reason: null,
    source: { input: 'out/evidence/lookups.jsonl', line },
    ...fields,
  };
}

export function listing(
  mailbox: string,
  path: string,
  messages: { id: string; date: string | null }[],
): FolderListing {
  line += 1;
  return {
    mailbox,
    path,
    messages: messages.map(({ id, date }) => ({
      internetMessageId: id,
      subject: `Listed ${id}`,
      sender: 'colleague@kwizzy.nl',
      recipients: [mailbox],
      date,
    })),
    source: { input: 'out/evidence/folders.jsonl', line },
  };
}

export function input(fields: Partial<AnalysisInput> = {}): AnalysisInput {
  return {
    caseFile: caseFile(),
    audit: [],
    trace: [],
    signIns: [],
    lookups: [],
    folderListings: [],
    ...fields,
  };
}
