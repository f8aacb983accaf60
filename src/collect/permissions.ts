import type { CollectionStep } from '../model/index.js';
import type { GraphRequest } from './graph-client.js';

/**
 * Least privilege, per collection step: what each Graph call needs (docs/live-collection.md
 * explains how to consent it). Used to explain a 401/403 and by the preflight check.
 */
export interface StepPermission {
  step: CollectionStep;
  /** Part of the call's path that identifies the step. */
  pathPart: string;
  /** Application permissions, all needed (the `roles` of an app token). */
  roles: readonly string[];
  /** Delegated permissions, all needed (the `scp` of a device-code token). */
  scopes: readonly string[];
  /** What else the tenant must have, in words. */
  also?: string;
}

export const STEP_PERMISSIONS: readonly StepPermission[] = [
  {
    step: 'audit',
    pathPart: '/security/auditLog/',
    roles: ['AuditLogsQuery-Exchange.Read.All'],
    scopes: ['AuditLogsQuery-Exchange.Read.All'],
  },
  {
    step: 'signIns',
    pathPart: '/auditLogs/signIns',
    roles: ['AuditLog.Read.All', 'Directory.Read.All'],
    scopes: ['AuditLog.Read.All', 'Directory.Read.All'],
    also: 'the tenant also needs a Microsoft Entra ID P1 or P2 licence',
  },
  {
    step: 'messageTrace',
    pathPart: '/admin/exchange/tracing/',
    roles: ['ExchangeMessageTrace.Read.All'],
    scopes: ['ExchangeMessageTrace.Read.All'],
    also:
      'the tenant also needs the Exchange service principal ' +
      '8bd644d1-64a1-4d4b-ae52-2e0cbf64e373 (New-MgServicePrincipal)',
  },
  {
    step: 'folders',
    pathPart: '/mailFolders',
    roles: ['Mail.ReadBasic.All'],
    scopes: ['Mail.ReadBasic.Shared'],
  },
  {
    step: 'lookups',
    pathPart: '/users/',
    roles: ['Mail.ReadBasic.All'],
    scopes: ['Mail.ReadBasic.Shared'],
  },
];

/** The step's application permissions in words: `AuditLog.Read.All and Directory.Read.All`. */
export function permissionWords(step: StepPermission): string {
  return step.roles.join(' and ');
}

/** What a step needs. */
export function permissionOf(step: CollectionStep): StepPermission {
  const found = STEP_PERMISSIONS.find((entry) => entry.step === step);
  if (found === undefined) throw new Error(`no permission listed for step ${step}`);
  return found;
}

/** The step a Graph call belongs to, with what it needs; a `$batch` by its first request. */
export function stepOf(request: GraphRequest): StepPermission | null {
  let path = request.url.split('?')[0] ?? request.url;
  if (path.endsWith('/$batch')) {
    const inner = (request.body as { requests?: { url?: unknown }[] } | undefined)?.requests;
    const first = inner?.[0]?.url;
    path = typeof first === 'string' ? (first.split('?')[0] ?? first) : '/users/';
  }
  return STEP_PERMISSIONS.find((entry) => path.includes(entry.pathPart)) ?? null;
}
