import type { CaseFile, CollectionStep, StepFailure } from '../model/index.js';
import { cloudSupports } from './clouds.js';
import type { Connection } from './connection.js';
import { graphUrl } from './graph-client.js';
import { userSegment } from './odata.js';
import { permissionOf } from './permissions.js';
import { failedResponse, StepFailed } from './step-failure.js';

/** One step of the collection, probed with one cheap request before collecting. */
export interface PreflightCheck {
  step: CollectionStep;
  /** The mailbox probed (its lookups and folder listings), for `lookups`. */
  mailbox: string | null;
  /** Permissions the step needs, as the token names them. */
  needs: string[];
  /** Whether the token carries all of them; null when the token does not say. */
  granted: boolean | null;
  /** What the probe met; null when it was answered. */
  failure: StepFailure | null;
  /** What the report will lack when this step cannot be collected, in words. */
  missing: string;
}

export interface Preflight {
  /** An app (client credentials) or a person (device code). */
  signedInAs: 'app' | 'user';
  /** The roles (app) or scopes (person) the token carries; null when it does not say. */
  permissions: string[] | null;
  checks: PreflightCheck[];
}

/**
 * Asks each step's API one cheap question (one result, one folder id) with the signed-in
 * token, and reads the token's roles or scopes, so that what a collection will miss is known
 * before hours are spent on it: a missing permission, a missing licence, a mailbox outside the
 * app's RBAC scope, a missing service principal.
 */
export async function probeCollection(
  connection: Connection,
  caseFile: CaseFile,
  signal?: AbortSignal,
): Promise<Preflight> {
  const { settings, endpoints } = connection;
  const claims = tokenClaims(await connection.tokens.getAccessToken());
  const signedInAs = settings.auth.method === 'deviceCode' ? 'user' : 'app';
  const version = settings.apiVersion;
  const probes: { step: CollectionStep; mailbox: string | null; url: string | null }[] = [
    {
      step: 'audit',
      mailbox: null,
      url: cloudSupports(settings.cloud, 'auditLogQuery')
        ? graphUrl(endpoints.graph, version, '/security/auditLog/queries?$top=1')
        : null,
    },
    {
      step: 'signIns',
      mailbox: null,
      url: graphUrl(endpoints.graph, 'beta', '/auditLogs/signIns?$top=1'),
    },
    ...[...caseFile.accounts].sort().map((mailbox) => ({
      step: 'lookups' as const,
      mailbox,
      url: graphUrl(
        endpoints.graph,
        'v1.0',
        `${userSegment(mailbox)}/mailFolders/inbox?$select=id`,
      ),
    })),
    {
      step: 'messageTrace',
      mailbox: null,
      url: cloudSupports(settings.cloud, 'messageTrace')
        ? graphUrl(endpoints.graph, 'v1.0', '/admin/exchange/tracing/messageTraces?$top=1')
        : null,
    },
  ];
  const checks: PreflightCheck[] = [];
  for (const probe of probes) {
    const permission = permissionOf(probe.step);
    const needs = [...(signedInAs === 'app' ? permission.roles : permission.scopes)];
    const granted = claims === null ? null : needs.every((name) => claims.includes(name));
    const failure =
      probe.url === null ? notInCloud(settings.cloud) : await ask(connection, probe.url, signal);
    checks.push({
      step: probe.step,
      mailbox: probe.mailbox,
      needs,
      granted,
      failure,
      missing: IF_MISSING[probe.step],
    });
  }
  return { signedInAs, permissions: claims, checks };
}

/** What the report lacks when a step cannot be collected. */
const IF_MISSING: Record<CollectionStep, string> = {
  audit: 'no audit records: the report cannot show what the attacker read',
  signIns: 'no sign-ins: attribution by sign-in is not possible',
  lookups:
    "its messages' sender, recipients and subject (unless message trace has them) and what " +
    'its synced folders held',
  folders: 'what its synced folders held',
  messageTrace: 'sender, recipients and subject of messages no longer in their mailbox',
};

function notInCloud(cloud: string): StepFailure {
  return {
    status: null,
    code: null,
    cause: 'refused',
    meaning: `Microsoft documents this API for the global cloud only, not ${cloud}`,
  };
}

/** One request: null when Graph answered it, else what went wrong. */
async function ask(
  connection: Connection,
  url: string,
  signal: AbortSignal | undefined,
): Promise<StepFailure | null> {
  const request = { method: 'GET', url } as const;
  try {
    const response = await connection.graph.send(request, signal);
    return response.status === 200 ? null : failedResponse(request, response).failure;
  } catch (error) {
    if (error instanceof StepFailed) return error.failure;
    throw error;
  }
}

/**
 * The token's roles (an app) or scopes (a person), read from its payload: Entra's access tokens
 * for Graph are JWTs. Only these names are read; the token itself goes nowhere.
 */
function tokenClaims(token: string): string[] | null {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as {
      roles?: unknown;
      scp?: unknown;
    };
    if (Array.isArray(payload.roles)) return payload.roles.map(String).sort();
    if (typeof payload.scp === 'string')
      return payload.scp
        .split(' ')
        .filter((s) => s !== '')
        .sort();
    return null;
  } catch {
    return null;
  }
}
