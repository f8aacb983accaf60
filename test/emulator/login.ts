import { randomBytes, randomUUID } from 'node:crypto';
import { checkClientAssertion } from './client-assertion.js';
import type { GraphResponse } from './graph-http.js';
import { loginEndpoints, openIdConfiguration } from './openid-configuration.js';
import type { ResolvedOptions } from './options.js';
import type { TenantClient } from './tenant.js';
import { base64url, type TokenStore } from './tokens.js';

/** Entra's user codes: nine letters and digits, without look-alikes. */
const USER_CODE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `/{tenant}/` followed by one of the three login endpoints. */
const LOGIN_PATH =
  /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|oauth2\/v2\.0\/devicecode)$/;

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The documented grant type, and the short form msal-node sends (Entra accepts both). */
const DEVICE_CODE_GRANTS = ['urn:ietf:params:oauth:grant-type:device_code', 'device_code'];

interface DeviceCode {
  clientId: string;
  scope: string;
  polls: number;
  expiresAt: number;
}

/** Entra's OAuth error body: `error`, `error_description` starting `AADSTSnnn:`, `error_codes`. */
function oauthError(status: number, error: string, code: number, text: string): GraphResponse {
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${randomUUID()}`,
      error_codes: [code],
      timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    },
  };
}

/**
 * The Entra ID side: OpenID configuration, token endpoint (client credentials by secret or by
 * certificate assertion, device code, refresh token) and device code endpoint, under
 * `/{tenantId}/...` so that the authority is `https://localhost:PORT/{tenantId}`.
 */
export class LoginService {
  private readonly deviceCodes = new Map<string, DeviceCode>();

  constructor(
    private readonly options: ResolvedOptions,
    private readonly tokens: TokenStore,
  ) {}

  /** Answers a login request, or returns null when `path` is not one. */
  handle(
    method: string,
    path: string,
    form: URLSearchParams,
    origin: string,
  ): GraphResponse | null {
    const match = LOGIN_PATH.exec(path);
    if (match === null) return null;
    const [, tenant = '', endpoint] = match;
    if (tenant.toLowerCase() !== this.options.tenant.tenantId.toLowerCase()) {
      return oauthError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found.`);
    }
    if (endpoint === 'v2.0/.well-known/openid-configuration' && method === 'GET') {
      return { status: 200, body: openIdConfiguration(origin, this.options.tenant.tenantId) };
    }
    if (method !== 'POST') return oauthError(405, 'invalid_request', 900561, 'POST required.');
    return endpoint === 'oauth2/v2.0/token'
      ? this.token(form, origin)
      : this.deviceCode(form, origin);
  }

  private client(clientId: string | null): TenantClient | undefined {
    return this.options.tenant.clients.find((client) => client.clientId === clientId);
  }

  private token(form: URLSearchParams, origin: string): GraphResponse {
    const clientId = form.get('client_id');
    const client = this.client(clientId);
    if (client === undefined) {
      return oauthError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId ?? ''}' was not found in the directory.`,
      );
    }
    const scope = form.get('scope') ?? '';
    const grant = form.get('grant_type') ?? '';
    switch (DEVICE_CODE_GRANTS.includes(grant) ? 'device_code' : grant) {
      case 'client_credentials':
        return this.clientCredentials(client, form, scope, origin);
      case 'device_code':
        return this.deviceCodeToken(client, form.get('device_code') ?? '');
      case 'refresh_token': {
        const subject = this.tokens.refreshSubject(form.get('refresh_token') ?? '');
        if (subject?.clientId !== client.clientId) {
          return oauthError(
            400,
            'invalid_grant',
            9002313,
            'Invalid request. Request is malformed or invalid.',
          );
        }
        return { status: 200, body: this.tokens.issue(subject, scope) };
      }
      default:
        return oauthError(
          400,
          'unsupported_grant_type',
          70003,
          'The app requested an unsupported grant type.',
        );
    }
  }

  private clientCredentials(
    client: TenantClient,
    form: URLSearchParams,
    scope: string,
    origin: string,
  ): GraphResponse {
    if (!scope.endsWith('/.default')) {
      return oauthError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`,
      );
    }
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (secret !== null) {
      if (client.secret === undefined || secret !== client.secret) {
        return oauthError(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
      }
    } else if (assertion !== null && form.get('client_assertion_type') === ASSERTION_TYPE) {
      if (client.certificatePem === undefined) {
        return oauthError(
          401,
          'invalid_client',
          700027,
          'Client assertion contains an invalid signature. [Reason - The key was not found.]',
        );
      }
      const refusal = checkClientAssertion(assertion, {
        clientId: client.clientId,
        certificatePem: client.certificatePem,
        audience: loginEndpoints(origin, this.options.tenant.tenantId).token,
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      if (refusal !== null)
        return oauthError(401, 'invalid_client', refusal.code, refusal.description);
    } else {
      return oauthError(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    }
    return {
      status: 200,
      body: this.tokens.issue(
        {
          clientId: client.clientId,
          userPrincipalName: null,
          ...(client.roles === undefined ? {} : { roles: client.roles }),
        },
        scope,
      ),
    };
  }

  private deviceCode(form: URLSearchParams, origin: string): GraphResponse {
    const client = this.client(form.get('client_id'));
    if (client === undefined) {
      return oauthError(
        400,
        'unauthorized_client',
        700016,
        'Application was not found in the directory.',
      );
    }
    const { intervalSeconds } = this.options.deviceCode;
    const deviceCode = base64url(randomBytes(32));
    const userCode = [...randomBytes(9)].map((byte) => USER_CODE_LETTERS[byte % 32]).join('');
    const expiresIn = 900;
    this.deviceCodes.set(deviceCode, {
      clientId: client.clientId,
      scope: form.get('scope') ?? '',
      polls: 0,
      expiresAt: Date.now() + expiresIn * 1000,
    });
    const verificationUri = `${origin}/devicelogin`;
    return {
      status: 200,
      body: {
        user_code: userCode,
        device_code: deviceCode,
        verification_uri: verificationUri,
        expires_in: expiresIn,
        interval: intervalSeconds,
        message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
      },
    };
  }

  private deviceCodeToken(client: TenantClient, code: string): GraphResponse {
    if (client.publicClient === false) {
      // Entra treats the app as confidential and asks for its credentials.
      return oauthError(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    }
    const pending = this.deviceCodes.get(code);
    if (pending?.clientId !== client.clientId) {
      return oauthError(
        400,
        'invalid_grant',
        70000,
        'The provided value for the input parameter device_code is not valid.',
      );
    }
    if (pending.expiresAt < Date.now()) {
      this.deviceCodes.delete(code);
      return oauthError(
        400,
        'expired_token',
        70020,
        'The provided value for the input parameter device_code has expired.',
      );
    }
    pending.polls++;
    if (pending.polls <= this.options.deviceCode.pendingPolls) {
      return oauthError(
        400,
        'authorization_pending',
        70016,
        'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
      );
    }
    this.deviceCodes.delete(code);
    const subject = {
      clientId: client.clientId,
      userPrincipalName: this.options.deviceCode.userPrincipalName,
    };
    return { status: 200, body: this.tokens.issue(subject, pending.scope) };
  }
}
