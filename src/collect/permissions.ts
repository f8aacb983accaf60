import type { GraphRequest } from './graph-client.js';
import type { CollectionStep } from '../model/index.js';

/**
 * Least privilege, per collection step: what each Graph call needs (docs/live-collection.md
 * explains how to consent it) and what the report lacks without it. Used to explain a 401/403.
 */
export interface StepPermission {
  step: CollectionStep;
  /** Part of the call's path that identifies the step. */
  pathPart: string;
  /** Application permissions (all needed), in words. */
  permission: string;
  /** What else the tenant must have, in words. */
  also?: string;
}

export const STEP_PERMISSIONS: readonly StepPermission[] = [
  {
    step: 'audit',
    pathPart: '/security/auditLog/',
    permission: 'AuditLogsQuery-Exchange.Read.All',
  },
  {
    step: 'signIns',
    pathPart: '/auditLogs/signIns',
    permission: 'AuditLog.Read.All and Directory.Read.All',
    also: 'the tenant also needs a Microsoft Entra ID P1 or P2 licence',
  },
  {
    step: 'messageTrace',
    pathPart: '/admin/exchange/tracing/',
    permission: 'ExchangeMessageTrace.Read.All',
    also:
      'the tenant also needs the Exchange service principal ' +
      '8bd644d1-64a1-4d4b-ae52-2e0cbf64e373 (New-MgServicePrincipal)',
  },
  { step: 'folders', pathPart: '/mailFolders', permission: 'Mail.ReadBasic.All' },
  { step: 'lookups', pathPart: '/users/', permission: 'Mail.ReadBasic.All' },
];

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
