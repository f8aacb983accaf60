import type { DataSubject, ExposedMessage } from '../model/index.js';
import { compareText } from './ordering.js';

/**
 * Rule 8. Every distinct address (lower-cased) among the senders and recipients of exposed
 * messages, confirmed and presumed alike, with the number of messages that name it (a message
 * naming it as sender and recipient counts once). Sorted by address.
 */
export function dataSubjects(
  messages: readonly ExposedMessage[],
  domains: readonly string[],
): DataSubject[] {
  const counts = new Map<string, number>();
  for (const message of messages) {
    const named = new Set(
      [message.sender, ...message.recipients]
        .map((address) => address?.trim().toLowerCase() ?? '')
        .filter((address) => address !== ''),
    );
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
