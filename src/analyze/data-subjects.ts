import type { DataSubject, ExposedMessage, Problem } from '../model/index.js';
import { compareText } from './ordering.js';

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
 * naming it as sender and recipient counts once). Sorted by address. A sender or recipient
 * that is not an e-mail address (`<script>…</script>`, a bare name) names no one that can be
 * counted: it stays on its message and is reported by `notAddresses`.
 */
export function dataSubjects(
  messages: readonly ExposedMessage[],
  domains: readonly string[],
): DataSubject[] {
  const counts = new Map<string, number>();
  for (const message of messages) {
    const named = new Set(namedAddresses(message).filter((address) => MAIL_ADDRESS.test(address)));
    for (const address of named) counts.set(address, (counts.get(address) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([address, count]) => ({
      address,
      internal: isInternal(address, domains),
      messages: count,
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
