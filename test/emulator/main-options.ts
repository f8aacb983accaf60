import { parseArgs } from 'node:util';
import { noFaults, type FaultPlan } from './fault-plan.js';

export const USAGE = `Usage: npm run emulator -- [--port 8443] [--case DIR] [--pki-dir DIR]
                       [--failure-rate 0] [--latency-ms 0] [--seed 1]
                       [--deny-sign-ins permission|licence] [--deny-mailbox UPN]...
                       [--deny-message-trace] [--deny-audit-log]
  --deny-sign-ins       403 on sign-ins: without Directory.Read.All, or without Entra ID P1/P2
  --deny-mailbox        403 ErrorAccessDenied on every request for that mailbox (RBAC scope)
  --deny-message-trace  403 on message trace (no Exchange service principal)
  --deny-audit-log      403 on the audit log query API`;

/** What `npm run emulator` is asked to serve, and which refusals of a real tenant to give. */
export interface MainOptions {
  help: boolean;
  port: number;
  caseDir: string | null;
  pkiDir: string | null;
  failureRate: number;
  latencyMs: number;
  seed: number;
  faults: FaultPlan;
}

/** The command line of `npm run emulator`; a wrong value throws with the usage. */
export function parseMainOptions(args: readonly string[]): MainOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string' },
      case: { type: 'string' },
      'pki-dir': { type: 'string' },
      'failure-rate': { type: 'string' },
      'latency-ms': { type: 'string' },
      seed: { type: 'string' },
      'deny-sign-ins': { type: 'string' },
      'deny-mailbox': { type: 'string', multiple: true },
      'deny-message-trace': { type: 'boolean' },
      'deny-audit-log': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const signIns = values['deny-sign-ins'] ?? null;
  if (signIns !== null && signIns !== 'permission' && signIns !== 'licence') {
    throw new Error(`--deny-sign-ins must be permission or licence, not ${signIns}\n${USAGE}`);
  }
  const faults = noFaults();
  faults.deny = {
    auditLog: values['deny-audit-log'] === true,
    signIns,
    messageTrace: values['deny-message-trace'] === true,
    mailboxes: (values['deny-mailbox'] ?? []).map((mailbox) => mailbox.toLowerCase()),
  };
  return {
    help: values.help === true,
    port: number(values.port, 'port', 8443),
    caseDir: values.case ?? null,
    pkiDir: values['pki-dir'] ?? null,
    failureRate: number(values['failure-rate'], 'failure-rate', 0),
    latencyMs: number(values['latency-ms'], 'latency-ms', 0),
    seed: number(values.seed, 'seed', 1),
    faults,
  };
}

/** The refusals in force, in words, for the emulator's start-up lines (none: empty). */
export function describeRefusals({ deny }: FaultPlan): string[] {
  return [
    ...(deny.auditLog ? ['the audit log query API (403 Authorization_RequestDenied)'] : []),
    ...(deny.signIns === 'licence'
      ? ['sign-ins (403: the tenant has no Entra ID P1/P2 licence)']
      : deny.signIns === 'permission'
        ? ['sign-ins (403: the app lacks Directory.Read.All)']
        : []),
    ...deny.mailboxes.map((mailbox) => `mailbox ${mailbox} (403 ErrorAccessDenied)`),
    ...(deny.messageTrace ? ['message trace (403: no Exchange service principal)'] : []),
  ];
}

function number(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    throw new Error(`--${name} must be a number, not ${value}\n${USAGE}`);
  return parsed;
}
