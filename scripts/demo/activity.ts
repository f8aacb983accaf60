import type { MailboxEntry, MailPool } from './mail-pool.js';
import type { Random } from './random.js';
import type { AttackSession, Employee, SessionPlan } from './types.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** One audit record before it is written in any export's shape. */
export interface AuditEvent {
  id: string;
  /** Whole seconds, UTC. */
  time: number;
  operation:
    | 'MailItemsAccessed'
    | 'Send'
    | 'MoveToDeletedItems'
    | 'SoftDelete'
    | 'New-InboxRule'
    | 'Remove-InboxRule'
    | 'SearchQueryInitiatedExchange';
  session: SessionPlan;
  mailbox: string;
  logonType: 0 | 2;
  access: 'Bind' | 'Sync' | null;
  throttled: boolean;
  /** Bound, sent or moved items. */
  items: MailboxEntry[];
  sync: { folder: string; shape: 'folders' | 'parentFolder' } | null;
  /** Inbox-rule cmdlets: their Parameters and the rule's name (default: the "." rule of A1). */
  parameters?: { Name: string; Value: string }[];
  ruleName?: string;
  /** SearchQueryInitiatedExchange: the terms. */
  query?: string;
}

/** An event with what most leave at its default: no items, no sync, not throttled. */
export function auditEvent(
  fields: Partial<AuditEvent> &
    Pick<AuditEvent, 'id' | 'time' | 'operation' | 'session' | 'mailbox'>,
): AuditEvent {
  return {
    logonType: fields.mailbox === fields.session.account ? 0 : 2,
    access: null,
    throttled: false,
    items: [],
    sync: null,
    ...fields,
  };
}

export interface ActivityStory {
  /** The range the exports cover, UTC. */
  start: number;
  end: number;
  employees: Employee[];
  attacks: AttackSession[];
  /** Message trace reaches back to here: the attacker's reads are mostly of newer mail. */
  traceStart: number;
  tracedShare: number;
  /** Legitimate reads placed on exact instants (the window's edges). */
  pinnedReads: { at: number; account: string }[];
}

export interface Activity {
  events: AuditEvent[];
  /** Every legitimate session, for the sign-in log. */
  sessions: SessionPlan[];
}

/** The employees' own mail use plus the attacker's sessions, as audit events in time order. */
export function generateActivity(rng: Random, pool: MailPool, story: ActivityStory): Activity {
  const events: AuditEvent[] = [];
  const sessions: SessionPlan[] = [];
  const event = (
    fields: Omit<AuditEvent, 'id' | 'logonType' | 'throttled' | 'sync' | 'access' | 'items'> &
      Partial<AuditEvent>,
  ): void => {
    events.push(
      auditEvent({ id: rng.guid(), ...fields, time: Math.floor(fields.time / 1000) * 1000 }),
    );
  };
  const before = (mailbox: string, time: number): MailboxEntry[] =>
    (pool.mailboxes.get(mailbox) ?? []).filter((e) => e.message.received < time);
  const recentPick = (mailbox: string, time: number, count: number): MailboxEntry[] => {
    const entries = before(mailbox, time);
    const picked = new Set<MailboxEntry>();
    for (let i = 0; i < count && entries.length > 0; i++) {
      const back = Math.floor(Math.min(entries.length, 60) * rng.next() ** 2);
      const entry = entries[entries.length - 1 - back];
      if (entry) picked.add(entry);
    }
    return [...picked];
  };

  for (const employee of story.employees) legitimate(employee);
  for (const pin of story.pinnedReads) {
    const label = `${pin.account} mobile ${new Date(pin.at).toISOString().slice(0, 10)}`;
    const session = sessions.find((s) => s.label === label);
    if (session)
      event({
        time: pin.at,
        operation: 'MailItemsAccessed',
        session,
        mailbox: pin.account,
        access: 'Bind',
        items: recentPick(pin.account, pin.at, 1),
      });
  }
  const attackerRead = new Map<string, Set<MailboxEntry>>();
  for (const attack of story.attacks) attacker(attack);

  const throttle = events.find((e) => e.throttled);
  const kept = events.filter(
    (e) =>
      e.time >= story.start &&
      e.time < story.end &&
      !(
        throttle &&
        e !== throttle &&
        e.access === 'Bind' &&
        e.mailbox === throttle.mailbox &&
        e.time > throttle.time &&
        e.time < throttle.time + DAY
      ),
  );
  kept.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
  return { events: kept, sessions };

  function legitimate(employee: Employee): void {
    const deskAad = rng.guid();
    const mobileAad = rng.guid();
    for (let day = Math.floor(story.start / DAY) * DAY; day < story.end; day += DAY) {
      const weekday = new Date(day).getUTCDay();
      const workday = weekday >= 1 && weekday <= 5;
      const plan = (client: 'outlook' | 'mobile', raw: string, aad: string): SessionPlan => {
        const session: SessionPlan = {
          label: `${employee.address} ${client} ${new Date(day).toISOString().slice(0, 10)}`,
          account: employee.address,
          client,
          ips: [{ from: 0, raw }],
          sessionId: rng.guid(),
          aadSessionId: aad,
          signInAt: null,
          clientAppId: null,
          clientAppName: null,
          attacker: false,
        };
        sessions.push(session);
        return session;
      };
      const mobile = plan('mobile', employee.mobileIp, mobileAad);
      const desk = workday ? plan('outlook', employee.deskIp, deskAad) : null;
      if (desk) {
        const start = day + rng.int(390, 465) * MINUTE;
        const stop = day + 990 * MINUTE;
        for (const folder of rng.chance(0.5) ? ['\\Inbox', '\\Sent Items'] : ['\\Inbox']) {
          event({
            time: start + rng.int(0, 90) * 1000,
            operation: 'MailItemsAccessed',
            session: desk,
            mailbox: employee.address,
            access: 'Sync',
            sync: { folder, shape: 'folders' },
          });
        }
        const reads: [string, number][] = [
          [employee.address, employee.dailyBinds],
          ...employee.delegateOf.map((d): [string, number] => [d.mailbox, d.dailyBinds]),
        ];
        for (const [mailbox, perDay] of reads) {
          const count = Math.round(perDay * (0.75 + rng.next() * 0.5));
          for (let i = 0; i < count; i++) {
            const time = start + 5 * MINUTE + rng.next() * (stop - start);
            const items = recentPick(mailbox, time, rng.int(1, 3));
            if (items.length > 0)
              event({
                time,
                operation: 'MailItemsAccessed',
                session: desk,
                mailbox,
                access: 'Bind',
                items,
              });
          }
        }
        if (rng.chance(0.35)) {
          const time = start + rng.next() * (stop - start);
          const items = recentPick(employee.address, time, rng.int(1, 3)).filter(
            (e) => e.folder === '\\Inbox',
          );
          if (items.length > 0)
            event({
              time,
              operation: 'MoveToDeletedItems',
              session: desk,
              mailbox: employee.address,
              items,
            });
        }
      }
      const evening = rng.int(workday ? 0 : 1, 3);
      for (let i = 0; i < evening; i++) {
        const time =
          day + rng.int(workday ? 17 * 60 : 8 * 60, 21 * 60 + 30) * MINUTE + rng.int(0, 59) * 1000;
        const items = recentPick(employee.address, time, rng.int(1, 2));
        if (items.length > 0)
          event({
            time,
            operation: 'MailItemsAccessed',
            session: mobile,
            mailbox: employee.address,
            access: 'Bind',
            items,
          });
      }
      for (const entry of pool.mailboxes.get(employee.address) ?? []) {
        const m = entry.message;
        if (
          m.sender !== employee.address ||
          m.featured !== null ||
          m.received < day ||
          m.received >= day + DAY
        )
          continue;
        const minuteOfDay = (m.received - day) / MINUTE;
        const session = desk && minuteOfDay >= 390 && minuteOfDay <= 1020 ? desk : mobile;
        event({
          time: m.received - rng.int(1, 4) * 1000,
          operation: 'Send',
          session,
          mailbox: employee.address,
          items: [entry],
        });
      }
    }
  }

  function attacker(attack: AttackSession): void {
    const session = attack.session;
    for (const step of attack.steps) {
      switch (step.kind) {
        case 'bind':
        case 'throttled': {
          const chosen = chooseForAttacker(
            step.mailbox,
            step.at,
            step.count,
            step.kind === 'bind' ? step : {},
          );
          if (step.kind === 'throttled') {
            event({
              time: step.at,
              operation: 'MailItemsAccessed',
              session,
              mailbox: step.mailbox,
              access: 'Bind',
              throttled: true,
              items: chosen,
            });
            break;
          }
          // Exchange folds the binds of a couple of minutes into one record.
          const batches: MailboxEntry[][] = [];
          let next = 0;
          while (next < chosen.length) {
            const size = session.client === 'rest' ? rng.int(2, 8) : rng.int(1, 4);
            batches.push(chosen.slice(next, next + size));
            next += size;
          }
          batches.forEach((items, i) => {
            const time =
              step.at + (i / batches.length) * step.minutes * MINUTE + rng.int(0, 50) * 1000;
            event({
              time,
              operation: 'MailItemsAccessed',
              session,
              mailbox: step.mailbox,
              access: 'Bind',
              items,
            });
          });
          break;
        }
        case 'sync':
          event({
            time: step.at,
            operation: 'MailItemsAccessed',
            session,
            mailbox: step.mailbox,
            access: 'Sync',
            sync: { folder: step.folder, shape: step.shape },
          });
          break;
        case 'inboxRule':
          event({ time: step.at, operation: 'New-InboxRule', session, mailbox: session.account });
          break;
        case 'forwardRule':
        case 'search':
        case 'hideSent':
          // Written by attacker-extras.ts, without drawing from this story's random numbers.
          break;
        case 'send': {
          const message = pool.featured.get(step.featured);
          if (!message) throw new Error(`no featured message ${step.featured}`);
          const entry = { message, folder: '\\Sent Items' };
          event({
            time: message.received - 2000,
            operation: 'Send',
            session,
            mailbox: session.account,
            items: [entry],
          });
          break;
        }
      }
    }
  }

  /** New reads (featured first, then mostly mail that trace still covers), then re-reads. */
  function chooseForAttacker(
    mailbox: string,
    at: number,
    count: number,
    options: { folders?: string[]; featured?: string[]; rereads?: number },
  ): MailboxEntry[] {
    const read = attackerRead.get(mailbox) ?? new Set<MailboxEntry>();
    attackerRead.set(mailbox, read);
    const rereads = rng.shuffle([...read]).slice(0, options.rereads ?? 0);
    const candidates = before(mailbox, at).filter(
      (e) => !read.has(e) && (!options.folders || options.folders.includes(e.folder)),
    );
    const featured = candidates.filter(
      (e) => e.message.featured !== null && options.featured?.includes(e.message.featured),
    );
    const fresh = count - rereads.length - featured.length;
    const recent = rng.shuffle(
      candidates.filter((e) => e.message.received >= story.traceStart && !featured.includes(e)),
    );
    const old = rng.shuffle(candidates.filter((e) => e.message.received < story.traceStart));
    const recentCount = Math.min(recent.length, Math.round(fresh * story.tracedShare));
    const chosen = [
      ...featured,
      ...recent.slice(0, recentCount),
      ...old.slice(0, fresh - recentCount),
    ];
    for (const entry of chosen) read.add(entry);
    // Readers page from the newest mail down.
    chosen.sort((a, b) => b.message.received - a.message.received);
    return [...chosen, ...rereads];
  }
}
