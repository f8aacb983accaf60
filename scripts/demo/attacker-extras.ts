import { auditEvent, type AuditEvent } from './activity.js';
import type { MailPool } from './mail-pool.js';
import { Random } from './random.js';
import type { AttackSession, Message, SessionPlan } from './types.js';

/** What the attacker did besides reading (forwarding, searching, hiding), and its traces. */
export interface AttackerExtras {
  events: AuditEvent[];
  /** Each message the forwarding rule sent out, with the new message it sent it as. */
  forwarded: { mailbox: string; original: Message; copy: Message; rule: AuditEvent }[];
}

/**
 * The attacker's forwarding rule, searches and deletions (the `forwardRule`, `search` and
 * `hideSent` steps) and the owner removing the rule. Ids come from the steps and copies from
 * their own seed: nothing here draws from the story's random numbers, so every other record,
 * and every figure the demo had before, stays as it was.
 *
 * An inbox-rule forward is a new message (`FW: <subject>`, sender = the mailbox) sent to the
 * target a few seconds after the original arrived; message trace has a row for each.
 */
export function attackerExtras(
  pool: MailPool,
  attacks: readonly AttackSession[],
  sessions: readonly SessionPlan[],
  seed: number,
): AttackerExtras {
  const rng = new Random(seed);
  const events: AuditEvent[] = [];
  const forwarded: AttackerExtras['forwarded'] = [];
  const event = (
    fields: Partial<AuditEvent> &
      Pick<AuditEvent, 'id' | 'time' | 'operation' | 'session' | 'mailbox'>,
  ): AuditEvent => {
    const made: AuditEvent = auditEvent(fields);
    events.push(made);
    return made;
  };
  for (const attack of attacks) {
    const session = attack.session;
    for (const step of attack.steps) {
      if (step.kind === 'search') {
        event({
          id: step.id,
          time: step.at,
          operation: 'SearchQueryInitiatedExchange',
          session,
          mailbox: step.mailbox,
          query: step.query,
        });
      } else if (step.kind === 'hideSent') {
        const message = pool.featured.get(step.featured);
        if (!message) throw new Error(`no featured message ${step.featured}`);
        event({
          id: step.id,
          time: step.at,
          operation: 'MoveToDeletedItems',
          session,
          mailbox: session.account,
          items: [{ message, folder: '\\Sent Items' }],
        });
        event({
          id: step.softDeleteId,
          time: step.softDeleteAt,
          operation: 'SoftDelete',
          session,
          mailbox: session.account,
          items: [{ message, folder: '\\Deleted Items' }],
        });
      } else if (step.kind === 'forwardRule') {
        const rule = event({
          id: step.id,
          time: step.at,
          operation: 'New-InboxRule',
          session,
          mailbox: step.mailbox,
          ruleName: step.name,
          parameters: [
            { Name: 'AlwaysDeleteOutlookRulesBlob', Value: 'False' },
            { Name: 'Force', Value: 'False' },
            { Name: 'FromAddressContainsWords', Value: step.fromWords.join(';') },
            { Name: 'ForwardTo', Value: step.target },
            { Name: 'Mailbox', Value: step.mailbox },
            { Name: 'Name', Value: step.name },
            { Name: 'StopProcessingRules', Value: 'False' },
          ],
        });
        const day = new Date(step.removedAt).toISOString().slice(0, 10);
        const owner = sessions.find((s) => s.label === `${session.account} outlook ${day}`);
        if (!owner) throw new Error(`no office session of ${session.account} on ${day}`);
        event({
          id: step.removedId,
          time: step.removedAt,
          operation: 'Remove-InboxRule',
          session: owner,
          mailbox: step.mailbox,
          ruleName: step.name,
          parameters: [
            { Name: 'Confirm', Value: 'False' },
            { Name: 'Identity', Value: step.name },
            { Name: 'Mailbox', Value: step.mailbox },
          ],
        });
        const matches = pool.messages.filter(
          (m) =>
            m.recipients.includes(step.mailbox) &&
            m.received > step.at &&
            m.received < step.removedAt &&
            step.fromWords.some((word) => m.sender.split('@')[0]?.includes(word)),
        );
        for (const original of matches) {
          const copy: Message = {
            id: `<AM9PR05MB2209${rng.hex(28).toUpperCase()}@AM9PR05MB2209.eurprd05.prod.outlook.com>`,
            received: original.received + rng.int(8, 40) * 1000,
            sender: step.mailbox,
            recipients: [step.target],
            subject: `FW: ${original.subject}`,
            size: original.size + rng.int(2_000, 6_000),
            folders: new Map(),
            fromIp: '',
            toIp: '192.0.2.87',
            featured: null,
          };
          forwarded.push({ mailbox: step.mailbox, original, copy, rule });
        }
      }
    }
  }
  return { events, forwarded };
}
