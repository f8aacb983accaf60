/** The shapes the demo story is written in (see generate-demo-evidence.ts for the story). */

export type Lang = 'nl' | 'en' | 'de' | 'pl' | 'el' | 'ja';

/** How message ids of a sender's mail system look. */
export type IdStyle =
  'exchange' | 'exchange-jp' | 'timestamp' | 'uuid' | 'outlook-classic' | 'javamail' | 'plus';

export interface Correspondent {
  address: string;
  /** The organisation. */
  name: string;
  lang: Lang;
  idStyle: IdStyle;
  /** Address of the organisation's outbound mail server (message trace `FromIP`). */
  serverIp: string;
  /** Messages a week this correspondent starts. */
  perWeek: number;
  /** Internal mailboxes this correspondent writes to, with the folder the mail lands in. */
  writesTo: { mailbox: string; folder: string; weight: number }[];
}

export interface Employee {
  address: string;
  name: string;
  /** Office desktop (classic Outlook) address. */
  deskIp: string;
  /** Outlook mobile address (as the record writes it). */
  mobileIp: string;
  /** Bind records a working day, roughly. */
  dailyBinds: number;
  /** Mailboxes this person opens as delegate (LogonType 2). */
  delegateOf: { mailbox: string; dailyBinds: number }[];
}

export interface Message {
  /** With angle brackets, as message trace writes it. */
  id: string;
  /** Milliseconds since the epoch, UTC. */
  received: number;
  sender: string;
  recipients: string[];
  subject: string;
  size: number;
  /** Per internal mailbox holding a copy: the folder it is in. */
  folders: Map<string, string>;
  fromIp: string;
  toIp: string;
  /** Set for the messages the story needs by name. */
  featured: string | null;
}

export type ClientKind = 'owa' | 'outlook' | 'mobile' | 'rest';

/** One client session: the unit the attacker is recognised by. */
export interface SessionPlan {
  label: string;
  account: string;
  client: ClientKind;
  /** Raw client address from a time on (the last one whose `from` has passed applies). */
  ips: { from: number; raw: string }[];
  sessionId: string | null;
  aadSessionId: string;
  /** When Entra issued the session's token; null: shortly before its first record. */
  signInAt: number | null;
  clientAppId: string | null;
  clientAppName: string | null;
  attacker: boolean;
}

export type AttackStep =
  | {
      kind: 'bind';
      at: number;
      minutes: number;
      mailbox: string;
      count: number;
      folders?: string[];
      featured?: string[];
      /** How many already exposed messages of this mailbox are read again. */
      rereads?: number;
    }
  | { kind: 'sync'; at: number; mailbox: string; folder: string; shape: 'folders' | 'parentFolder' }
  | { kind: 'throttled'; at: number; mailbox: string; count: number }
  | { kind: 'inboxRule'; at: number }
  /** Sends the featured message of that key (its time is the message's). */
  | { kind: 'send'; featured: string }
  /**
   * The steps below are written by attacker-extras.ts, outside the random story, so that adding
   * them left every other record as it was. A rule in `mailbox` forwarding mail from senders
   * whose address holds one of `fromWords` to `target`, until the owner removes it.
   */
  | {
      kind: 'forwardRule';
      at: number;
      id: string;
      mailbox: string;
      name: string;
      fromWords: string[];
      target: string;
      removedAt: number;
      removedId: string;
    }
  | { kind: 'search'; at: number; id: string; mailbox: string; query: string }
  /** Deletes the featured message it sent, then removes it from Deleted Items too. */
  | {
      kind: 'hideSent';
      featured: string;
      at: number;
      id: string;
      softDeleteAt: number;
      softDeleteId: string;
    };

export interface AttackSession {
  session: SessionPlan;
  /** Where Entra saw the sign-in, when it differs from the first record's address. */
  signInIp: string;
  steps: AttackStep[];
  /** Why the pipeline should attribute it (ground truth for EXPECTED.md). */
  attributedBy: string;
}
