import type {
  DataCategory,
  DataSubject,
  ExposedMessage,
  Exposure,
  Problem,
  SignInRecord,
} from '../model/index.js';
import { DATA_CATEGORIES } from './data-leads.js';
import { nonPersonKind, type NonPersonHints } from './non-person.js';
import { compareText, sortedUnique } from './ordering.js';

/** The counter of a data subject that each level of exposure adds to. */
const LEVEL_COUNT: Record<
  Exposure,
  'forwardedMessages' | 'confirmedMessages' | 'presumedMessages'
> = {
  forwarded: 'forwardedMessages',
  confirmed: 'confirmedMessages',
  'presumed-sync': 'presumedMessages',
  'presumed-throttled': 'presumedMessages',
};

export interface DataSubjectContext {
  domains: readonly string[];
  /** Display names by lower-cased address (see displayNames). */
  names: ReadonlyMap<string, string>;
  hints: Omit<NonPersonHints, 'named'>;
}

/**
 * An e-mail address as a sender or recipient names a person: one `@`, a local part without
 * spaces, brackets or separators, a domain of dotted labels (letters of any script).
 */
const MAIL_ADDRESS =
  /^[^\s@<>()[\]\\,;:"]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$/u;

function namedAddresses(message: ExposedMessage): string[] {
  return [message.sender, ...message.recipients]
    .map((address) => address?.trim().toLowerCase() ?? '')
    .filter((address) => address !== '');
}

/**
 * Rule 8. Every distinct address (lower-cased) among the senders and recipients of exposed
 * messages, confirmed and presumed alike, with the number of messages that name it (a message
 * naming it as sender and recipient counts once), split by each message's strongest level, the
 * mailboxes those messages sit in, its display name when the evidence has one, and whether it
 * is likely not a person (non-person.ts), and the kinds of data its messages' leads point to
 * (data-leads.ts). Sorted by address. A sender or recipient that is not
 * an e-mail address (`<script>…</script>`, a bare name) names no one that can be counted: it
 * stays on its message and is reported by `notAddresses`.
 */
export function dataSubjects(
  messages: readonly ExposedMessage[],
  context: DataSubjectContext,
): DataSubject[] {
  const subjects = new Map<string, DataSubject>();
  const mailboxes = new Map<string, string[]>();
  const categories = new Map<string, Set<DataCategory>>();
  const hints: NonPersonHints = { ...context.hints, named: new Set(context.names.keys()) };
  for (const message of messages) {
    const named = new Set(namedAddresses(message).filter((address) => MAIL_ADDRESS.test(address)));
    for (const address of named) {
      let subject = subjects.get(address);
      if (subject === undefined) {
        subject = {
          address,
          internal: isInternal(address, context.domains),
          messages: 0,
          displayName: context.names.get(address) ?? null,
          forwardedMessages: 0,
          confirmedMessages: 0,
          presumedMessages: 0,
          mailboxes: [],
          nonPerson: nonPersonKind(address, hints),
          leads: [],
        };
        subjects.set(address, subject);
        mailboxes.set(address, []);
        categories.set(address, new Set());
      }
      subject.messages += 1;
      subject[LEVEL_COUNT[message.exposure]] += 1;
      mailboxes.get(address)?.push(message.mailbox);
      for (const lead of message.leads) categories.get(address)?.add(lead.category);
    }
  }
  return [...subjects.values()]
    .sort((a, b) => compareText(a.address, b.address))
    .map((subject) => ({
      ...subject,
      mailboxes: sortedUnique(mailboxes.get(subject.address) ?? []),
      leads: DATA_CATEGORIES.filter((category) => categories.get(subject.address)?.has(category)),
    }));
}

/** Longest stretch of a value quoted in a notice; the message keeps it whole. */
const QUOTED_LIMIT = 80;

/** One notice per distinct sender or recipient that is not an e-mail address. */
export function notAddresses(messages: readonly ExposedMessage[]): Problem[] {
  const named = new Map<string, { first: ExposedMessage; messages: number }>();
  for (const message of messages) {
    for (const value of new Set(namedAddresses(message))) {
      if (MAIL_ADDRESS.test(value)) continue;
      const seen = named.get(value);
      if (seen === undefined) named.set(value, { first: message, messages: 1 });
      else seen.messages += 1;
    }
  }
  return [...named].map(([value, { first, messages: count }]) => ({
    code: 'notice',
    input: null,
    line: null,
    message:
      `"${value.length > QUOTED_LIMIT ? `${value.slice(0, QUOTED_LIMIT)}…` : value}" is not an e-mail address: ` +
      `it stays as sender or recipient of ${count === 1 ? 'the exposed message' : `${count} exposed messages, the first`} ` +
      `${first.internetMessageId} in ${first.mailbox}, but is not counted as a data subject`,
  }));
}

/**
 * The display name of each signed-in account: the name its sign-ins give most often (ties by
 * text order), so the choice does not depend on the order of the sign-in log.
 */
export function displayNames(signIns: readonly SignInRecord[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const signIn of signIns) {
    const name = signIn.userDisplayName?.trim() ?? '';
    if (name === '') continue;
    const byName = counts.get(signIn.userPrincipalName) ?? new Map<string, number>();
    byName.set(name, (byName.get(name) ?? 0) + 1);
    counts.set(signIn.userPrincipalName, byName);
  }
  const names = new Map<string, string>();
  for (const [address, byName] of counts) {
    const [best] = [...byName.entries()].sort(
      ([nameA, countA], [nameB, countB]) => countB - countA || compareText(nameA, nameB),
    );
    if (best !== undefined) names.set(address, best[0]);
  }
  return names;
}

/**
 * Internal when the address's domain is a case domain or a subdomain of one
 * (`eu.kwizzy.nl` under `kwizzy.nl`); `notkwizzy.nl` is not. An address without a domain
 * cannot be shown to be internal, so it counts as external.
 */
export function isInternal(address: string, domains: readonly string[]): boolean {
  const at = address.lastIndexOf('@');
  if (at === -1) return false;
  const domain = address.slice(at + 1).toLowerCase();
  return domains.some((caseDomain) => {
    const wanted = caseDomain.toLowerCase();
    return domain === wanted || domain.endsWith(`.${wanted}`);
  });
}
