import { createHash } from 'node:crypto';
import { format, resolveConfig } from 'prettier';
import type { AuditEvent } from './activity.js';
import { clientIpAt, creationTime, type FormattedRecord } from './audit-data.js';
import type { MailboxEntry, MailPool } from './mail-pool.js';
import type { AttackSession, Message } from './types.js';

const DAY = 24 * 3600_000;

export interface GroundTruthInput {
  window: { start: number; end: number };
  accounts: string[];
  domains: string[];
  /** Organisation of each known address. */
  organisations: Map<string, string>;
  /** As the case file lists them. */
  threatActor: { ips: string[]; appIds: string[] };
  files: { path: string; content: string; rows: number; covers: string }[];
  purview: FormattedRecord[];
  jsonl: FormattedRecord[];
  attacks: AttackSession[];
  pool: MailPool;
  /** Message ids (with brackets) that the trace export has rows for. */
  traced: Set<string>;
  /** Messages the attacker's rule forwarded out, each with its forwarded copy and the rule. */
  forwarded: { mailbox: string; original: Message; copy: Message; rule: AuditEvent }[];
  traceStart: number;
  /** The oldest mail in the story. */
  poolStart: number;
  signIns: { total: number; attacker: number; failed: number };
}

interface Exposure {
  mailbox: string;
  entry: MailboxEntry;
  binds: number;
  recordIds: Set<string>;
  sessions: Set<string>;
}

const iso = (time: number): string => `${creationTime(time)}Z`;
const row = (cells: (string | number)[]): string =>
  `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]): string =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const code = (text: string): string => `\`${text}\``;

/** EXPECTED.md: the figures the pipeline must reproduce, known by construction. */
export async function expectedMarkdown(
  input: GroundTruthInput,
  markdownPath: string,
): Promise<string> {
  const { window, accounts } = input;
  const byId = new Map<string, AuditEvent>();
  for (const r of [...input.purview, ...input.jsonl]) byId.set(r.event.id, r.event);
  const purviewIds = new Set(input.purview.map((r) => r.event.id));
  const overlap = input.jsonl.filter((r) => purviewIds.has(r.event.id)).length;
  const all = [...byId.values()].sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
  const inWindow = all.filter((e) => e.time >= window.start && e.time <= window.end);
  const outside = all.filter((e) => !inWindow.includes(e));
  const attacker = inWindow.filter((e) => e.session.attacker);
  const reached = new Set(attacker.map((e) => e.mailbox).filter((m) => !accounts.includes(m)));
  const scopeMailboxes = new Set([...accounts, ...reached]);
  const inScope = inWindow.filter(
    (e) => accounts.includes(e.session.account) || scopeMailboxes.has(e.mailbox),
  );
  const isInternal = (address: string): boolean =>
    input.domains.some((d) => address.endsWith(`@${d}`));

  const exposures = new Map<string, Map<string, Exposure>>();
  for (const e of attacker.filter((x) => x.access === 'Bind')) {
    const perMailbox = exposures.get(e.mailbox) ?? new Map<string, Exposure>();
    exposures.set(e.mailbox, perMailbox);
    for (const entry of e.items) {
      const exposure = perMailbox.get(entry.message.id) ?? {
        mailbox: e.mailbox,
        entry,
        binds: 0,
        recordIds: new Set(),
        sessions: new Set(),
      };
      exposure.binds++;
      exposure.recordIds.add(e.id);
      exposure.sessions.add(labelOf(input.attacks, e));
      perMailbox.set(entry.message.id, exposure);
    }
  }
  const mailboxes = [...exposures.keys()].sort();
  const allExposures = mailboxes.flatMap((m) => [...(exposures.get(m)?.values() ?? [])]);
  const missing = allExposures
    .filter((x) => !input.traced.has(x.entry.message.id))
    .sort(
      (a, b) =>
        (a.mailbox < b.mailbox ? -1 : a.mailbox > b.mailbox ? 1 : 0) ||
        a.entry.message.received - b.entry.message.received,
    );
  const distinctIds = new Set(allExposures.map((x) => x.entry.message.id));
  // Per address: exposed (mailbox, message) pairs naming it, and how many of those trace shows.
  // A forwarded message counts once, whether or not the attacker also read it; its forwarding
  // target is the attacker's and names nobody.
  const forwardedOnly = input.forwarded.filter(
    (f) => !exposures.get(f.mailbox)?.has(f.original.id),
  );
  const people = new Map<string, { all: number; traced: number }>();
  for (const x of [
    ...allExposures.map((e) => ({ message: e.entry.message })),
    ...forwardedOnly.map((f) => ({ message: f.original })),
  ]) {
    const m = x.message;
    for (const address of new Set([m.sender, ...m.recipients])) {
      const counts = people.get(address) ?? { all: 0, traced: 0 };
      counts.all++;
      if (input.traced.has(m.id)) counts.traced++;
      people.set(address, counts);
    }
  }
  const peopleRows = [...people].sort(([a], [b]) => (a < b ? -1 : 1));
  const split = (addresses: string[]): string => {
    const internal = addresses.filter(isInternal).length;
    return `${addresses.length} (${internal} internal, ${addresses.length - internal} external)`;
  };
  const everyone = split(peopleRows.map(([a]) => a));
  const inTrace = split(peopleRows.filter(([, c]) => c.traced > 0).map(([a]) => a));
  const syncs = attacker.filter((e) => e.access === 'Sync');
  const throttled = inWindow.filter((e) => e.throttled);
  const rules = inScope.filter((e) => e.operation.endsWith('-InboxRule'));
  const send = attacker.find((e) => e.operation === 'Send');
  const searches = attacker.filter((e) => e.operation === 'SearchQueryInitiatedExchange');
  const hidden = attacker.filter(
    (e) => e.operation === 'MoveToDeletedItems' || e.operation === 'SoftDelete',
  );

  const sections = [
    '# Demo case: expected figures',
    'Generated by `npm run demo:evidence` (`scripts/generate-demo-evidence.ts`) together with the evidence. ' +
      "Everything below is true by construction: compare the pipeline's report with it. Times are UTC.",
    '## Evidence files',
    table(
      ['File', 'Records / rows', 'Covers (UTC)', 'SHA-256'],
      input.files.map((f) => [
        code(f.path),
        f.rows,
        f.covers,
        code(createHash('sha256').update(f.content).digest('hex')),
      ]),
    ),
    [
      `- Audit records: ${input.purview.length} in the Purview CSV + ${input.jsonl.length} in the JSONL; ` +
        `${overlap} appear in both (identical AuditData, same \`Id\`), so **${all.length} distinct records**.`,
      `- In the window ${iso(window.start)} .. ${iso(window.end)} (both ends inclusive): **${inWindow.length}**; ` +
        `outside it: ${outside.length} (${outside.map((e) => creationTime(e.time)).join(', ')}).`,
      `- In scope (window, and actor or mailbox one of the ${accounts.length} accounts or a mailbox the attacker reached through one): **${inScope.length}**.`,
      `- Mailboxes reached through a case account: ${[...reached].map(code).join(', ') || 'none'}.`,
      `- Attributed to the attacker: **${attacker.length}** records ` +
        `(${[...scopeMailboxes]
          .sort()
          .map((m) => `${m} ${attacker.filter((e) => e.mailbox === m).length}`)
          .join(', ')}).`,
      `- Sign-in log: ${input.signIns.total} sign-ins, ${input.signIns.attacker} of them the attacker's successful ones, ${input.signIns.failed} failed attempts from attacker addresses.`,
    ].join('\n'),
    '## Attacker sessions',
    `The case file names the addresses ${input.threatActor.ips.map(code).join(', ')} and the app ` +
      `${input.threatActor.appIds.map(code).join(', ')}, and no session ids. The other addresses below are ` +
      "not listed: their records are the attacker's only through the session they belong to (A5) or the sign-in log (A6).",
    table(
      [
        'Session',
        'SessionId',
        'AADSessionId',
        'Account',
        'Mailboxes',
        'Client addresses (as written)',
        'Records',
        'First',
        'Last',
        'Attributed by',
      ],
      input.attacks.map((a) => {
        const own = attacker.filter((e) => e.session === a.session);
        const times = own.map((e) => e.time);
        return [
          a.session.label,
          a.session.sessionId === null ? '(none)' : code(a.session.sessionId),
          code(a.session.aadSessionId),
          a.session.account,
          countBy(own, (e) => e.mailbox).join(', '),
          countBy(own, (e) => code(clientIpAt(a.session, e.time))).join(' then '),
          own.length,
          iso(Math.min(...times)),
          iso(Math.max(...times)),
          a.attributedBy,
        ];
      }),
    ),
    '## Confirmed exposure (Bind records of the attacker)',
    table(
      [
        'Mailbox',
        'Messages (mailbox, id)',
        'Bind occurrences',
        'In message trace',
        'Missing from trace',
      ],
      mailboxes.map((m) => {
        const list = [...(exposures.get(m)?.values() ?? [])];
        const traced = list.filter((x) => input.traced.has(x.entry.message.id)).length;
        return [
          m,
          list.length,
          list.reduce((n, x) => n + x.binds, 0),
          traced,
          list.length - traced,
        ];
      }),
    ),
    [
      `- Total: **${allExposures.length}** exposed (mailbox, message) pairs, ${distinctIds.size} distinct message ids ` +
        `(an internal message can sit in two mailboxes). ${allExposures.length - missing.length} have trace rows ` +
        `(${((100 * (allExposures.length - missing.length)) / allExposures.length).toFixed(1)} %), ${missing.length} do not.`,
      `- Read more than once by the attacker: ${allExposures.filter((x) => x.binds > 1).length}.`,
      `- Data subjects (senders and recipients of the confirmed and forwarded messages, forwarding targets not counted): ${everyone} by construction; ` +
        `${inTrace} from the trace rows alone (what an offline run can know).`,
    ].join('\n'),
    '### Data subjects',
    table(
      [
        'Address',
        'Organisation',
        'Internal',
        'Exposed messages (mailbox, id)',
        'Of which with trace rows',
      ],
      peopleRows.map(([address, c]) => [
        address,
        input.organisations.get(address) ?? '',
        isInternal(address) ? 'yes' : 'no',
        c.all,
        c.traced,
      ]),
    ),
    '### Named messages',
    table(
      ['Subject', 'Message id', 'Mailboxes read by the attacker'],
      [...input.pool.featured.values()].map((m) => [
        m.subject,
        code(m.id),
        mailboxes.filter((mb) => exposures.get(mb)?.has(m.id)).join(', ') ||
          '(not read; sent by the attacker)',
      ]),
    ),
    '### Exposed messages without trace rows',
    `All were received before ${iso(input.traceStart)}, where the trace export does not reach.`,
    table(
      ['Mailbox', 'Message id', 'Received', 'Folder', 'Audit record ids'],
      missing.map((x) => [
        x.mailbox,
        code(x.entry.message.id),
        iso(x.entry.message.received),
        code(x.entry.folder),
        [...x.recordIds].map(code).join(' '),
      ]),
    ),
    '## Synchronised folders (presumed exposure)',
    table(
      [
        'Mailbox',
        'Folder',
        'Synced at',
        'Record id',
        'Record shape',
        'Messages in the folder then¹',
      ],
      syncs.map((e) => [
        e.mailbox,
        code(e.sync?.folder ?? ''),
        iso(e.time),
        code(e.id),
        e.sync?.shape === 'parentFolder'
          ? 'RecordType 2, `Item.ParentFolder`'
          : 'RecordType 50, `Folders[]`',
        folderCountAt(input.pool, all, e),
      ]),
    ),
    `¹ Delivered to the folder before the sync and not deleted by the owner; the story's mail starts ${iso(input.poolStart)}.`,
    `Legitimate Sync records (the users' own Outlook, not attributed): ${inScope.filter((e) => e.access === 'Sync' && !e.session.attacker).length} in scope.`,
    '## Throttling',
    table(
      ['Mailbox', 'Record id', 'Window start', 'Window end', 'Attributed', 'Items listed'],
      throttled.map((e) => [
        e.mailbox,
        code(e.id),
        iso(e.time),
        iso(e.time + DAY),
        e.session.attacker ? `yes (${labelOf(input.attacks, e)})` : 'no',
        e.items.length,
      ]),
    ),
    'No Bind record of that mailbox falls inside those 24 hours (Exchange stopped logging them); its Sync records continue. ' +
      'The demo abbreviates the volume: a real throttle follows more than 1,000 records in 24 hours.',
    '## Forwarded out of the organisation (exposure `forwarded`)',
    `The rule ${code(input.forwarded[0]?.rule.ruleName ?? '')} (record ${code(input.forwarded[0]?.rule.id ?? '')}) forwarded ` +
      `**${input.forwarded.length}** messages of ${[...new Set(input.forwarded.map((f) => f.mailbox))].join(', ')} ` +
      `to ${[...new Set(input.forwarded.flatMap((f) => f.copy.recipients))].map(code).join(', ')}, each as a new message ` +
      '(`FW: …`, sender the mailbox), so the link to the original rests on subject and time (inferred). ' +
      `${input.forwarded.length - forwardedOnly.length} of them had also been read by the attacker.`,
    table(
      ['Mailbox', 'Message id', 'Subject', 'Received', 'Forwarded copy', 'Copy sent'],
      input.forwarded.map((f) => [
        f.mailbox,
        code(f.original.id),
        f.original.subject,
        iso(f.original.received),
        code(f.copy.id),
        iso(f.copy.received),
      ]),
    ),
    '## Other attacker activity',
    [
      ...rules.map(
        (e) =>
          `- ${code(e.operation)} ${code(e.ruleName ?? '.')} on ${e.mailbox} at ${iso(e.time)} by ${e.session.attacker ? `the attacker (${labelOf(input.attacks, e)})` : `${e.session.account} from the office (not attributed)`}, record ${code(e.id)}` +
          (e.operation === 'Remove-InboxRule'
            ? '.'
            : e.ruleName === undefined
              ? ': moves mail about invoices and bank details to RSS Feeds and marks it read.'
              : ": forwards mail from the suppliers' billing addresses to an outside address."),
      ),
      ...searches.map(
        (e) =>
          `- ${code('SearchQueryInitiatedExchange')} in ${e.mailbox} at ${iso(e.time)} (${labelOf(input.attacks, e)}), record ${code(e.id)}: "${e.query ?? ''}".`,
      ),
      send
        ? `- ${code('Send')} from ${send.mailbox} at ${iso(send.time)}, record ${code(send.id)}: ${code(send.items[0]?.message.id ?? '')}, to ${send.items[0]?.message.recipients.join(', ') ?? ''}.`
        : '',
      ...hidden.map(
        (e) =>
          `- ${code(e.operation)} in ${e.mailbox} at ${iso(e.time)} (${labelOf(input.attacks, e)}), record ${code(e.id)}: the message it sent, from ${code(e.items[0]?.folder ?? '')}.`,
      ),
    ].join('\n'),
  ];
  const options = (await resolveConfig(markdownPath)) ?? {};
  return format(sections.join('\n\n') + '\n', { ...options, parser: 'markdown' });
}

function labelOf(attacks: AttackSession[], event: AuditEvent): string {
  return attacks.find((a) => a.session === event.session)?.session.label ?? '?';
}

/** Messages delivered to the synced folder before the sync, less those the owner deleted. */
function folderCountAt(pool: MailPool, events: AuditEvent[], sync: AuditEvent): number {
  const deleted = new Set(
    events
      .filter(
        (e) =>
          e.operation === 'MoveToDeletedItems' && e.mailbox === sync.mailbox && e.time < sync.time,
      )
      .flatMap((e) => e.items.map((x) => x.message.id)),
  );
  return (pool.mailboxes.get(sync.mailbox) ?? []).filter(
    (x) =>
      x.folder === sync.sync?.folder &&
      x.message.received < sync.time &&
      !deleted.has(x.message.id),
  ).length;
}

/** `value (n)` per distinct value, in order of first appearance. */
function countBy(events: AuditEvent[], key: (e: AuditEvent) => string): string[] {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(key(e), (counts.get(key(e)) ?? 0) + 1);
  return [...counts].map(([value, n]) => `${value} (${n})`);
}
