import type { AttackerActivity, ExposedMessage } from '../model/index.js';

/**
 * Rule 8: the attacker's addresses (forwarding targets) are not among a message's people. A
 * trace row to a forwarding target is the forwarded copy, not a recipient of the original, so
 * it is taken out of the recipients; a message the attacker wrote names no sender.
 */
export function withoutAttackerAddresses(
  messages: readonly ExposedMessage[],
  attacker: ReadonlySet<string>,
): ExposedMessage[] {
  if (attacker.size === 0) return [...messages];
  return messages.map((message) => ({
    ...message,
    sender: message.sender !== null && attacker.has(message.sender) ? null : message.sender,
    recipients: message.recipients.filter((recipient) => !attacker.has(recipient)),
  }));
}

/**
 * The attacker's own addresses (rule 8): every forward and redirect target outside the case
 * domains. They are not data subjects, and a trace row to one is not a recipient of the message.
 */
export function attackerAddresses(activity: AttackerActivity): Set<string> {
  return new Set([
    ...activity.inboxRules.flatMap((rule) => rule.externalTargets),
    ...activity.mailboxForwarding.filter((item) => item.external).map((item) => item.target),
  ]);
}
