/**
 * Least privilege, per collection step: the one application permission each Graph call needs
 * (docs/live-collection.md explains how to consent them). Used to explain a 401/403.
 */
export const STEP_PERMISSIONS = [
  {
    step: 'audit log query',
    pathPart: '/security/auditLog/',
    permission: 'AuditLogsQuery-Exchange.Read.All',
  },
  { step: 'sign-in logs', pathPart: '/auditLogs/signIns', permission: 'AuditLog.Read.All' },
  {
    step: 'message trace',
    pathPart: '/admin/exchange/tracing/',
    permission: 'ExchangeMessageTrace.Read.All',
  },
  {
    step: 'message lookups and folder listings',
    pathPart: '/users/',
    permission: 'Mail.ReadBasic.All',
  },
  {
    step: 'message lookups and folder listings',
    pathPart: '/$batch',
    permission: 'Mail.ReadBasic.All',
  },
] as const;

/** The permission a Graph URL needs, when known. */
export function permissionFor(url: string): string | null {
  const path = url.split('?')[0] ?? url;
  return STEP_PERMISSIONS.find((entry) => path.includes(entry.pathPart))?.permission ?? null;
}
