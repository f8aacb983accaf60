import { AuthError } from '@azure/msal-node';
import type { INetworkModule } from '@azure/msal-node';
import type { CollectSettings } from '../model/index.js';
import { CollectError } from './collect-error.js';

/**
 * The sign-in service did not answer (msal's `network_error`, `endpoints_resolution_error`):
 * not a CollectError, so a token refresh in the middle of a collection is retried like any
 * network error; the first sign-in of a run turns it into a SignInFailed at once.
 */
export class SignInUnreachable extends Error {
  override name = 'SignInUnreachable';
}

/** Entra refused the sign-in: retrying cannot help; the message says what to fix. */
export class SignInFailed extends CollectError {
  override name = 'SignInFailed';
}

/** msal errors that mean no answer came from the login host. */
const UNREACHABLE = new Set(['network_error', 'endpoints_resolution_error']);

/** What to fix for the AADSTS codes a collection meets, by code. */
const ADVICE: Readonly<Record<string, string>> = {
  '7000215':
    'the client secret is wrong: give the secret\'s Value (not its Secret ID) from "Certificates & secrets", or create a new one',
  '7000222': 'the client secret has expired: create a new one under "Certificates & secrets"',
  '700027':
    'the app does not know this certificate, or the key does not match it: upload the certificate\'s public part under "Certificates & secrets" and check collect.auth.thumbprintSha256',
  '700024': "the signed client assertion is outside its valid time: check this computer's clock",
  '700016':
    'no application with collect.clientId exists in this tenant: check clientId and tenantId, and that an administrator consented the app in this tenant',
  '90002':
    'the tenant does not exist: check collect.tenantId (its directory id or a verified domain)',
  '900023': 'collect.tenantId is not a valid tenant id or domain',
  '7000218':
    'device code sign-in needs "Allow public client flows" set to Yes on the app registration (Authentication, Advanced settings)',
  '7000112': 'the application is disabled in this tenant',
  '65001':
    'the delegated permissions are not consented: an administrator must grant admin consent for the app',
  '50076': 'a Conditional Access policy demands multi-factor authentication for this sign-in',
  '53003': 'a Conditional Access policy blocked the sign-in',
};

/** A msal (or other) sign-in error as what it is: unreachable, or refused with what to fix. */
export function signInFailure(
  error: unknown,
  settings: Pick<CollectSettings, 'tenantId'> & { auth?: Pick<CollectSettings['auth'], 'method'> },
): Error {
  if (error instanceof CollectError) return error;
  const code = error instanceof AuthError ? error.errorCode : '';
  const text = error instanceof Error ? error.message : String(error);
  if (UNREACHABLE.has(code)) {
    return new SignInUnreachable(`the sign-in service did not answer (${firstLine(text)})`, {
      cause: error,
    });
  }
  // msal drops Entra's description of a failed device code poll; `invalid_client` there is
  // AADSTS7000218: the app is not allowed public client flows.
  const devicePoll =
    settings.auth?.method === 'deviceCode' &&
    code === 'post_request_failed' &&
    /invalid_client/.test(text);
  const aadsts = devicePoll ? '7000218' : /AADSTS(\d+)/.exec(text)?.[1];
  const advice = aadsts === undefined ? undefined : ADVICE[aadsts];
  return new SignInFailed(
    `sign-in to tenant ${settings.tenantId} failed: ${firstLine(text)}` +
      (devicePoll ? ' (AADSTS7000218)' : '') +
      (advice === undefined ? '' : `; ${advice}`),
  );
}

/**
 * Why the sign-in service did not answer, asked of its OpenID configuration directly: a host
 * that cannot be reached (a network, proxy or endpoint problem) or a tenant Entra does not know
 * (msal reports both as "endpoints cannot be resolved").
 */
export async function diagnoseUnreachable(
  authority: string,
  settings: Pick<CollectSettings, 'tenantId'>,
  networkClient: INetworkModule | undefined,
): Promise<Error> {
  const url = `${authority}/v2.0/.well-known/openid-configuration`;
  let status: number;
  let body: unknown;
  try {
    if (networkClient === undefined) {
      const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      status = response.status;
      body = await response.json().catch(() => null);
    } else {
      const response = await networkClient.sendGetRequestAsync<unknown>(url);
      status = response.status;
      body = response.body;
    }
  } catch (error) {
    return new SignInFailed(
      `cannot reach the sign-in service at ${new URL(authority).origin} (network error: ` +
        `${networkCause(error)}); check the network and proxy, or collect.endpoints.login`,
    );
  }
  const description = (body as { error_description?: unknown } | null)?.error_description;
  if (typeof description === 'string' && /AADSTS\d+/.test(description)) {
    return signInFailure(new Error(description), settings);
  }
  return new SignInFailed(
    `the sign-in service at ${new URL(authority).origin} answered ${status} to its OpenID ` +
      'configuration; check collect.tenantId and collect.endpoints.login',
  );
}

/** `ECONNREFUSED`, `ENOTFOUND`, a certificate problem: the innermost cause of a failed fetch. */
function networkCause(error: unknown): string {
  let cause: unknown = error;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code === undefined ? cause.message : `${code}: ${cause.message}`;
  }
  return String(cause);
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replace(/ Trace ID:.*$/, '');
}
