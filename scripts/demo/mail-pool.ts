import type { Random } from './random.js';
import { replySubject, subjectFor } from './subjects.js';
import type { Correspondent, Employee, IdStyle, Lang, Message } from './types.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface FeaturedMessage {
  key: string;
  sender: string;
  recipients: string[];
  subject: string;
  received: number;
  /** Folder per internal mailbox holding a copy. */
  folders: Record<string, string>;
  size: number;
  /** Overrides the sender's usual address in message trace (`FromIP`). */
  fromIp?: string;
}

export interface MailStory {
  start: number;
  end: number;
  employees: Employee[];
  correspondents: Correspondent[];
  scanner: { address: string; ip: string; to: string[] };
  internalPerDay: number;
  replyChance: number;
  featured: FeaturedMessage[];
}

export interface MailboxEntry {
  message: Message;
  folder: string;
}

export interface MailPool {
  messages: Message[];
  /** Each internal mailbox's messages, oldest first. */
  mailboxes: Map<string, MailboxEntry[]>;
  featured: Map<string, Message>;
}

/** Everyone's mail over the story's range: what the attacker could read and trace can show. */
export function generateMailPool(rng: Random, story: MailStory): MailPool {
  const usedIds = new Set<string>();
  const messages: Message[] = [];
  const employeeByAddress = new Map(story.employees.map((e) => [e.address, e]));
  const correspondentByAddress = new Map(story.correspondents.map((c) => [c.address, c]));

  const newMessage = (
    sender: string,
    recipients: string[],
    subject: string,
    received: number,
    folders: Map<string, string>,
  ): Message => {
    const correspondent = correspondentByAddress.get(sender);
    const style: IdStyle = correspondent?.idStyle ?? 'exchange';
    let id = messageId(rng, style, sender, received);
    while (usedIds.has(id)) id = messageId(rng, style, sender, received);
    usedIds.add(id);
    const external = recipients.map((r) => correspondentByAddress.get(r)).find((c) => c);
    const message: Message = {
      id,
      received,
      sender,
      recipients,
      subject,
      size: rng.chance(0.2) ? rng.int(150_000, 2_400_000) : rng.int(6_000, 90_000),
      folders,
      fromIp:
        correspondent?.serverIp ??
        employeeByAddress.get(sender)?.deskIp ??
        (sender === story.scanner.address ? story.scanner.ip : ''),
      toIp: external?.serverIp ?? '',
      featured: null,
    };
    messages.push(message);
    return message;
  };

  for (let day = story.start; day < story.end; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    const workday = weekday >= 1 && weekday <= 5;
    if (workday) {
      for (const correspondent of story.correspondents) {
        const count =
          Math.floor(correspondent.perWeek / 5) +
          (rng.chance((correspondent.perWeek / 5) % 1) ? 1 : 0);
        for (let i = 0; i < count; i++) inbound(correspondent, day);
      }
      for (const to of story.scanner.to) {
        if (!rng.chance(0.6)) continue;
        const received = workTime(day);
        const stamp = new Date(received).toISOString().slice(0, 16).replace('T', ' ');
        newMessage(
          story.scanner.address,
          [to],
          `Gescand document ${stamp}`,
          received,
          new Map([[to, '\\Inbox']]),
        );
      }
    }
    const internalCount = workday ? story.internalPerDay : rng.int(0, 1);
    for (let i = 0; i < internalCount; i++) internal(day);
  }

  const featured = new Map<string, Message>();
  for (const f of story.featured) {
    const message = newMessage(
      f.sender,
      f.recipients,
      f.subject,
      f.received,
      new Map(Object.entries(f.folders)),
    );
    message.size = f.size;
    message.featured = f.key;
    if (f.fromIp !== undefined) message.fromIp = f.fromIp;
    featured.set(f.key, message);
  }

  messages.sort((a, b) => a.received - b.received || compare(a.id, b.id));
  const mailboxes = new Map<string, MailboxEntry[]>();
  for (const message of messages) {
    for (const [mailbox, folder] of message.folders) {
      const list = mailboxes.get(mailbox) ?? [];
      list.push({ message, folder });
      mailboxes.set(mailbox, list);
    }
  }
  return { messages, mailboxes, featured };

  function workTime(day: number): number {
    return day + rng.int(6 * 60, 16 * 60) * MINUTE + rng.int(0, 59) * 1000;
  }

  function inbound(correspondent: Correspondent, day: number): void {
    const target = weightedPick(correspondent.writesTo);
    const recipients = [target.mailbox];
    const folders = new Map([[target.mailbox, target.folder]]);
    const others = correspondent.writesTo.filter((w) => w.mailbox !== target.mailbox);
    if (others.length > 0 && rng.chance(0.25)) {
      const cc = rng.pick(others).mailbox;
      recipients.push(cc);
      folders.set(cc, '\\Inbox');
    }
    const subject = subjectFor(rng, correspondent.lang);
    const received = workTime(day);
    newMessage(correspondent.address, recipients, subject, received, folders);
    const replier = employeeByAddress.get(target.mailbox);
    const replyAt = received + rng.int(20, 600) * MINUTE;
    if (replier && replyAt < story.end && rng.chance(story.replyChance)) {
      const reply = replySubject(correspondent.lang, subject);
      newMessage(
        replier.address,
        [correspondent.address],
        reply,
        replyAt,
        new Map([[replier.address, '\\Sent Items']]),
      );
    }
  }

  function internal(day: number): void {
    const sender = rng.pick(story.employees);
    const others = rng.shuffle(story.employees.filter((e) => e !== sender));
    const recipients = others.slice(0, rng.int(1, 3)).map((e) => e.address);
    const folders = new Map([[sender.address, '\\Sent Items']]);
    for (const r of recipients) folders.set(r, '\\Inbox');
    const lang: Lang = rng.chance(0.7) ? 'nl' : 'en';
    newMessage(sender.address, recipients, subjectFor(rng, lang), workTime(day), folders);
  }

  function weightedPick<T extends { weight: number }>(items: readonly T[]): T {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let roll = rng.next() * total;
    for (const item of items) {
      roll -= item.weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1] as T;
  }
}

function messageId(rng: Random, style: IdStyle, sender: string, received: number): string {
  const domain = sender.slice(sender.indexOf('@') + 1);
  const server = rng.digits(4);
  switch (style) {
    case 'exchange':
      return `<AM9PR05MB${server}${rng.hex(32).toUpperCase()}@AM9PR05MB${server}.eurprd05.prod.outlook.com>`;
    case 'exchange-jp':
      return `<TYCPR01MB${server}${rng.hex(32).toUpperCase()}@TYCPR01MB${server}.jpnprd01.prod.outlook.com>`;
    case 'timestamp':
      return `<${new Date(received).toISOString().replace(/\D/g, '').slice(0, 14)}.${rng.hex(6).toUpperCase()}@mail.${domain}>`;
    case 'uuid':
      return `<${rng.guid()}@${domain}>`;
    case 'outlook-classic':
      return `<000001d9${rng.hex(8)}$${rng.hex(8)}$${rng.hex(8)}@${domain}>`;
    case 'javamail':
      return `<${rng.digits(9)}.${rng.digits(5)}.JavaMail.noreply@mx.${domain}>`;
    case 'plus':
      return `<CAK+${rng.base64(22).replace(/\//g, 'x')}=${rng.hex(4)}@mail.${domain}>`;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
