/**
 * Generates the demo case's evidence (cases/demo/evidence) and its ground truth
 * (cases/demo/EXPECTED.md): `npm run demo:evidence`. Seeded and clock-free, so two runs write
 * the same bytes. Every name, address and message below is fictional; addresses of the
 * attacker are documentation ranges (RFC 5737, RFC 3849).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateActivity } from './demo/activity.js';
import { attackerExtras } from './demo/attacker-extras.js';
import { AuditDataWriter } from './demo/audit-data.js';
import { expectedMarkdown } from './demo/expected.js';
import {
  ACCOUNTS,
  CORRESPONDENTS,
  DEVRIES,
  DOMAINS,
  EMPLOYEES,
  FEATURED,
  FINANCE,
  INVOICES,
  KOWALSKA,
  SCANNER,
  TENANT,
  VISSER,
} from './demo/kwizzy.js';
import { generateMailPool } from './demo/mail-pool.js';
import { Random } from './demo/random.js';
import { signInLog } from './demo/sign-ins.js';
import type { AttackSession, SessionPlan } from './demo/types.js';
import { extractorSuiteJsonl, messageTraceCsv, purviewCsv } from './demo/writers.js';

// ---------------------------------------------------------------------------------------------
// The incident at Kwizzy B.V. (the company is in demo/kwizzy.ts), first half of October 2026.
// ---------------------------------------------------------------------------------------------

const SEED = 0x4b572026;
const utc = (text: string): number => Date.parse(text);

/** An attacker session; `signInAt` is when Entra issued its token. */
const attackerSession = (
  plan: Omit<SessionPlan, 'attacker' | 'signInAt' | 'clientAppId' | 'clientAppName'> & {
    signInAt: string;
    app?: { id: string; name: string };
  },
): SessionPlan => ({
  label: plan.label,
  account: plan.account,
  client: plan.client,
  ips: plan.ips,
  sessionId: plan.sessionId,
  aadSessionId: plan.aadSessionId,
  signInAt: utc(plan.signInAt),
  clientAppId: plan.app?.id ?? null,
  clientAppName: plan.app?.name ?? null,
  attacker: true,
});

/** The attacker's consented OAuth app. */
const ATTACKER_APP = { id: '8c3f6a2e-1d94-4b7a-9e05-3f7b1c8d2a6e', name: 'Mail Backup Sync' };

/** What the investigators know and write in case.yaml (kept equal to it by the tests). */
export const THREAT_ACTOR = { ips: ['203.0.113.0/24', '2001:db8::/32'], appIds: [ATTACKER_APP.id] };

/**
 * A1–A2: the attacker in finance.lead's OWA, searching for "IBAN" and planting a rule that hides
 * mail about invoices and bank details, then through her delegate access to invoices@, searching
 * it, planting a rule there that forwards the suppliers' mail to an outside address (until
 * finance.lead removes it on 13 October), sending changed bank details to a customer and
 * deleting that message from Sent Items and Deleted Items. A3: a mail-download app
 * on j.devries until Exchange throttles the mailbox. A4–A5: m.kowalska from classic Outlook
 * (folder sync) and OWA, which moves to another address mid-session. A6: a token from a sign-in
 * on the attacker's address, replayed from a phone network: only the sign-in log ties it.
 */
const ATTACKS: AttackSession[] = [
  {
    session: attackerSession({
      label: 'A1',
      account: FINANCE,
      client: 'owa',
      ips: [{ from: 0, raw: '203.0.113.45:51234' }],
      sessionId: 'c0a1e5f2-3b47-4d8e-9a61-5f2d7b3e8c14',
      aadSessionId: '7e3b9d21-6a4f-4c08-b5e2-1d9f0a6c3b57',
      signInAt: '2026-10-03T08:11:02Z',
    }),
    signInIp: '203.0.113.45',
    attributedBy: 'ip',
    steps: [
      {
        kind: 'bind',
        at: utc('2026-10-03T08:15:00Z'),
        minutes: 70,
        mailbox: FINANCE,
        count: 40,
        featured: ['seikyusho'],
      },
      {
        kind: 'search',
        at: utc('2026-10-03T08:31:07Z'),
        id: '3f9e2b71-5c48-4d0a-9e6f-81a2b3c4d5e6',
        mailbox: FINANCE,
        query: 'IBAN',
      },
      { kind: 'inboxRule', at: utc('2026-10-03T09:05:31Z') },
      {
        kind: 'bind',
        at: utc('2026-10-03T09:30:00Z'),
        minutes: 15,
        mailbox: FINANCE,
        count: 8,
        folders: ['\\Inbox\\Bank'],
      },
    ],
  },
  {
    session: attackerSession({
      label: 'A2',
      account: FINANCE,
      client: 'owa',
      ips: [{ from: 0, raw: '203.0.113.45' }],
      sessionId: '4f8d2c6a-91e3-4b7f-a0d5-3c6e8b1f2a94',
      aadSessionId: 'b25e7a13-c849-4f6d-8e01-9a3d5c7f1e28',
      signInAt: '2026-10-06T07:01:48Z',
    }),
    signInIp: '203.0.113.45',
    attributedBy: 'ip',
    steps: [
      {
        kind: 'bind',
        at: utc('2026-10-06T07:05:00Z'),
        minutes: 60,
        mailbox: INVOICES,
        count: 32,
        featured: ['rechnung-4711'],
      },
      {
        kind: 'search',
        at: utc('2026-10-06T07:31:10Z'),
        id: '8a4c6e02-1b3d-4f57-a9c8-2d4e6f8a0b13',
        mailbox: INVOICES,
        query: 'betaling gewijzigd rekeningnummer',
      },
      {
        kind: 'bind',
        at: utc('2026-10-06T08:10:00Z'),
        minutes: 15,
        mailbox: FINANCE,
        count: 10,
        rereads: 2,
      },
      {
        kind: 'forwardRule',
        at: utc('2026-10-06T08:33:12Z'),
        id: 'b7d1f3a5-9c2e-4b80-8d64-3e5f7a9b1c24',
        mailbox: INVOICES,
        name: 'Crediteuren',
        fromWords: ['rechnung', 'facturen', 'faktury', 'billing', 'accounts'],
        target: 'crediteuren.kwizzy@securemail-portal.example',
        removedAt: utc('2026-10-13T09:12:05Z'),
        removedId: 'c2e4a6b8-0d1f-4a35-b7c9-4f6a8b0c2d35',
      },
      { kind: 'send', featured: 'bank-details' },
      {
        kind: 'hideSent',
        featured: 'bank-details',
        at: utc('2026-10-06T08:44:10Z'),
        id: 'd3f5b7c9-1e2a-4b46-8cda-5a7b9c1d3e46',
        softDeleteAt: utc('2026-10-06T08:44:52Z'),
        softDeleteId: 'e4a6c8da-2f3b-4c57-9deb-6b8c0d2e4f57',
      },
    ],
  },
  {
    session: attackerSession({
      label: 'A3',
      account: DEVRIES,
      client: 'rest',
      ips: [{ from: 0, raw: '[2001:db8:66::17]:443' }],
      sessionId: 'e91c4b7d-2f58-4a36-b8d9-6e0f3a1c5d72',
      aadSessionId: '3d6f0b8e-5a21-4c97-9f4b-2e8a7d1c0b65',
      signInAt: '2026-10-08T13:19:26Z',
      app: ATTACKER_APP,
    }),
    signInIp: '2001:db8:66::17',
    attributedBy: 'ip, app',
    steps: [
      {
        kind: 'bind',
        at: utc('2026-10-08T13:25:00Z'),
        minutes: 820,
        mailbox: DEVRIES,
        count: 72,
        featured: ['timologio', 'angebot'],
      },
      { kind: 'throttled', at: utc('2026-10-09T03:12:44Z'), mailbox: DEVRIES, count: 3 },
    ],
  },
  {
    session: attackerSession({
      label: 'A4',
      account: KOWALSKA,
      client: 'outlook',
      ips: [{ from: 0, raw: '::ffff:203.0.113.99' }],
      sessionId: '0b7e2d9f-4c13-4e85-a6f2-8d1b5e3a9c40',
      aadSessionId: '9a4c1f6e-7d30-4b52-8e9a-1c5f3b7d2e06',
      signInAt: '2026-10-10T19:30:12Z',
    }),
    signInIp: '203.0.113.99',
    attributedBy: 'ip',
    steps: [
      {
        kind: 'sync',
        at: utc('2026-10-10T19:34:08Z'),
        mailbox: KOWALSKA,
        folder: '\\Inbox',
        shape: 'folders',
      },
      {
        kind: 'sync',
        at: utc('2026-10-10T19:36:51Z'),
        mailbox: KOWALSKA,
        folder: '\\Sent Items',
        shape: 'parentFolder',
      },
      { kind: 'bind', at: utc('2026-10-10T19:50:00Z'), minutes: 20, mailbox: KOWALSKA, count: 10 },
    ],
  },
  {
    session: attackerSession({
      label: 'A5',
      account: KOWALSKA,
      client: 'owa',
      ips: [
        { from: 0, raw: '203.0.113.99:50112' },
        { from: utc('2026-10-11T07:30:00Z'), raw: '198.51.100.23' },
      ],
      sessionId: '5d2a8f1c-3e64-4b09-9c7d-0f6b2a4e8d31',
      aadSessionId: 'f6e1b3a7-2c95-4d48-b0f3-7a9e5c1d4b82',
      signInAt: '2026-10-11T06:49:55Z',
    }),
    signInIp: '203.0.113.99',
    attributedBy: 'ip; session for the records from 198.51.100.23',
    steps: [
      { kind: 'bind', at: utc('2026-10-11T06:52:00Z'), minutes: 15, mailbox: KOWALSKA, count: 8 },
      {
        kind: 'bind',
        at: utc('2026-10-11T07:40:00Z'),
        minutes: 80,
        mailbox: KOWALSKA,
        count: 30,
        featured: ['faktura'],
      },
    ],
  },
  {
    session: attackerSession({
      label: 'A6',
      account: FINANCE,
      client: 'mobile',
      ips: [{ from: 0, raw: '198.51.100.140' }],
      sessionId: null,
      aadSessionId: '2c8f5a0d-9b61-4e37-a4c8-5d0e9f2b7a13',
      signInAt: '2026-10-12T20:04:37Z',
    }),
    signInIp: '203.0.113.45',
    attributedBy: 'signIn (AADSessionId signed in from 203.0.113.45)',
    steps: [
      {
        kind: 'bind',
        at: utc('2026-10-12T20:10:00Z'),
        minutes: 30,
        mailbox: FINANCE,
        count: 12,
        rereads: 4,
      },
    ],
  },
];

/** What was exported, and when each export starts and ends (UTC). */
const WINDOW = { start: utc('2026-10-01T00:00:00Z'), end: utc('2026-10-15T00:00:00Z') };
const PURVIEW_RANGE = { start: utc('2026-09-30T22:00:00Z'), end: utc('2026-10-10T00:00:00Z') };
const JSONL_RANGE = { start: utc('2026-10-07T00:00:00Z'), end: utc('2026-10-15T02:00:00Z') };
/** The mailboxes' mail in the story starts here, a month and a half before the window. */
const POOL_START = utc('2026-08-17T00:00:00Z');
/** Message trace: three 10-day Get-MessageTraceV2 queries back from the window's end. */
const TRACE_START = utc('2026-09-15T00:00:00Z');
const TEN_DAYS = 10 * 24 * 3600_000;
const TRACE_QUERIES = [0, 1, 2].map((i) => ({
  start: TRACE_START + i * TEN_DAYS,
  end: TRACE_START + (i + 1) * TEN_DAYS,
}));
const FILES = {
  purview: 'evidence/audit/purview-audit-search-2026-10-10.csv',
  jsonl: 'evidence/audit/UAL-20261007000000-20261015020000.jsonl',
  trace: 'evidence/trace/MessageTraceV2-20260915-20261015.csv',
  signIns: 'evidence/signins.json',
};

// ---------------------------------------------------------------------------------------------

const locate = (ip: string): { city: string; state: string; countryOrRegion: string } =>
  ip.startsWith('203.0.113.')
    ? { city: 'Ashburn', state: 'Virginia', countryOrRegion: 'US' }
    : ip.startsWith('2001:db8:')
      ? { city: 'Frankfurt am Main', state: 'Hessen', countryOrRegion: 'DE' }
      : { city: 'Utrecht', state: 'Utrecht', countryOrRegion: 'NL' };

const range = (r: { start: number; end: number }): string =>
  `${new Date(r.start).toISOString().slice(0, 16)} .. ${new Date(r.end).toISOString().slice(0, 16)}`;

/** Writes the evidence and EXPECTED.md under `caseDir`; returns the paths written. */
export async function generateDemoEvidence(caseDir: string): Promise<string[]> {
  const pool = generateMailPool(new Random(SEED), {
    start: POOL_START,
    end: WINDOW.end,
    employees: EMPLOYEES,
    correspondents: CORRESPONDENTS,
    scanner: { address: SCANNER, ip: '10.20.0.15', to: [FINANCE, VISSER] },
    internalPerDay: 7,
    replyChance: 0.45,
    featured: FEATURED,
  });
  const { events, sessions } = generateActivity(new Random(SEED + 1), pool, {
    start: PURVIEW_RANGE.start,
    end: JSONL_RANGE.end,
    employees: EMPLOYEES,
    attacks: ATTACKS,
    traceStart: TRACE_START,
    tracedShare: 0.85,
    pinnedReads: [
      { at: utc('2026-09-30T22:14:05Z'), account: FINANCE },
      { at: utc('2026-09-30T23:59:59Z'), account: KOWALSKA },
      { at: WINDOW.start, account: FINANCE },
      { at: WINDOW.end, account: FINANCE },
      { at: utc('2026-10-15T00:00:01Z'), account: KOWALSKA },
      { at: utc('2026-10-15T00:47:19Z'), account: FINANCE },
    ],
  });
  const writer = new AuditDataWriter(new Random(SEED + 2), TENANT);
  // The extras are formatted after the story's records, so theirs stay byte for byte as before.
  const extras = attackerExtras(pool, ATTACKS, sessions, SEED + 5);
  const records = [
    ...events.map((e) => writer.format(e)),
    ...extras.events.map((e) => writer.format(e)),
  ].sort((a, b) => a.event.time - b.event.time || (a.event.id < b.event.id ? -1 : 1));
  const within = (r: { start: number; end: number }) =>
    records.filter((x) => x.event.time >= r.start && x.event.time < r.end);
  const purview = within(PURVIEW_RANGE);
  const jsonl = within(JSONL_RANGE);

  const traceRng = new Random(SEED + 3);
  const traced = pool.messages.filter((m) =>
    TRACE_QUERIES.some((q) => m.received >= q.start && m.received < q.end),
  );
  const traceIds = new Map(traced.map((m) => [m, traceRng.guid()]));
  const copies = extras.forwarded.map((f) => f.copy);
  for (const copy of copies) traceIds.set(copy, traceRng.guid());
  const trace = messageTraceCsv(
    [...traced, ...copies],
    TRACE_QUERIES,
    TENANT.organizationName,
    (m) => traceIds.get(m) ?? '',
  );

  const failures = [
    { account: DEVRIES, at: utc('2026-10-08T13:14:09Z'), ip: '2001:db8:66::17' },
    { account: DEVRIES, at: utc('2026-10-08T13:16:40Z'), ip: '2001:db8:66::17' },
  ];
  const signIns = signInLog(new Random(SEED + 4), events, sessions, {
    accounts: ACCOUNTS,
    names: new Map(EMPLOYEES.map((e) => [e.address, e.name])),
    attacks: ATTACKS,
    failures,
    locate,
    tokenOf: (s) => writer.tokenOf(s),
    issuedAt: (s, firstUse) => writer.issuedAt(s, firstUse),
  });
  const signInCount = (JSON.parse(signIns) as { value: unknown[] }).value.length;

  const contents: [string, string, number, string][] = [
    [FILES.purview, purviewCsv(purview), purview.length, range(PURVIEW_RANGE)],
    [FILES.jsonl, extractorSuiteJsonl(jsonl), jsonl.length, range(JSONL_RANGE)],
    [
      FILES.trace,
      trace,
      trace.split('\r\n').length - 2,
      range({ start: TRACE_START, end: WINDOW.end }),
    ],
    [FILES.signIns, signIns, signInCount, 'sign-ins of the three accounts'],
  ];
  const expectedPath = join(caseDir, 'EXPECTED.md');
  const expected = await expectedMarkdown(
    {
      window: WINDOW,
      accounts: ACCOUNTS,
      domains: DOMAINS,
      threatActor: THREAT_ACTOR,
      organisations: new Map([
        ...CORRESPONDENTS.map((c): [string, string] => [c.address, c.name]),
        ...EMPLOYEES.map((e): [string, string] => [e.address, `Kwizzy B.V. (${e.name})`]),
        [INVOICES, 'Kwizzy B.V. (shared mailbox)'],
        [SCANNER, 'Kwizzy B.V. (scanner)'],
      ]),
      files: contents.map(([path, content, rows, covers]) => ({ path, content, rows, covers })),
      purview,
      jsonl,
      attacks: ATTACKS,
      pool,
      traced: new Set(traced.map((m) => m.id)),
      forwarded: extras.forwarded,
      traceStart: TRACE_START,
      poolStart: POOL_START,
      signIns: { total: signInCount, attacker: ATTACKS.length, failed: failures.length },
    },
    expectedPath,
  );

  const written: string[] = [];
  for (const [path, content] of [
    ...contents.map(([p, c]): [string, string] => [p, c]),
    ['EXPECTED.md', expected] as [string, string],
  ]) {
    const target = join(caseDir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content, 'utf8');
    written.push(target);
  }
  return written;
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  const caseDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'cases', 'demo');
  for (const path of await generateDemoEvidence(caseDir)) console.log(path);
}
