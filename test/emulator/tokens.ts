import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorStats } from './stats.js';

export function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** Who a token was issued to: an app (client credentials) or a user (device code). */
export interface TokenSubject {
  clientId: string;
  /** Set for delegated (user) tokens. */
  userPrincipalName: string | null;
  /** Application permissions of an app token. */
  roles?: readonly string[];
}

/** What an app registration for mailexposure is consented, unless a test says otherwise. */
export const DEFAULT_APP_ROLES = [
  'AuditLogsQuery-Exchange.Read.All',
  'AuditLog.Read.All',
  'Directory.Read.All',
  'Mail.ReadBasic.All',
  'ExchangeMessageTrace.Read.All',
] as const;

/**
 * Issues and checks the emulator's tokens. Access tokens are JWT-shaped like Entra's (clients
 * must treat them as opaque); the emulator accepts exactly the ones it issued and has not seen
 * expire. Every token is also recorded in the stats so tests can look for leaks.
 */
export class TokenStore {
  private readonly key = randomBytes(32);
  private readonly accessTokens = new Map<string, { expiresAt: number; subject: TokenSubject }>();
  private readonly refreshTokens = new Map<string, TokenSubject>();

  constructor(
    private readonly tenantId: string,
    private readonly issuer: () => string,
    private readonly lifetimeSeconds: number,
    private readonly stats: EmulatorStats,
  ) {}

  private sign(claims: Record<string, unknown>): string {
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
    const payload = base64url(JSON.stringify(claims));
    const signature = createHmac('sha256', this.key).update(`${header}.${payload}`).digest();
    return `${header}.${payload}.${base64url(signature)}`;
  }

  private record(token: string): string {
    this.stats.tokensIssued.push(token);
    return token;
  }

  /** The token endpoint's success body for `subject`. */
  issue(subject: TokenSubject, scope: string): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + this.lifetimeSeconds;
    const oid = randomUUID();
    const accessToken = this.record(
      this.sign({
        aud: 'https://graph.microsoft.com',
        iss: `https://sts.windows.net/${this.tenantId}/`,
        iat: now,
        nbf: now,
        exp: expiresAt,
        appid: subject.clientId,
        tid: this.tenantId,
        oid,
        ...(subject.userPrincipalName === null
          ? { roles: [...(subject.roles ?? DEFAULT_APP_ROLES)] }
          : { upn: subject.userPrincipalName, scp: scope }),
        jti: randomUUID(),
      }),
    );
    this.accessTokens.set(accessToken, { expiresAt: expiresAt * 1000, subject });
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      expires_in: this.lifetimeSeconds,
      ext_expires_in: this.lifetimeSeconds,
      access_token: accessToken,
    };
    if (subject.userPrincipalName === null) return body;
    const refreshToken = this.record(base64url(randomBytes(48)));
    this.refreshTokens.set(refreshToken, subject);
    const idToken = this.record(
      this.sign({
        aud: subject.clientId,
        iss: this.issuer(),
        iat: now,
        nbf: now,
        exp: expiresAt,
        name: subject.userPrincipalName,
        oid,
        preferred_username: subject.userPrincipalName,
        sub: base64url(randomBytes(16)),
        tid: this.tenantId,
        ver: '2.0',
      }),
    );
    return {
      ...body,
      scope,
      refresh_token: refreshToken,
      id_token: idToken,
      client_info: base64url(JSON.stringify({ uid: oid, utid: this.tenantId })),
    };
  }

  /** The subject a refresh token was issued to, or null. */
  refreshSubject(refreshToken: string): TokenSubject | null {
    return this.refreshTokens.get(refreshToken) ?? null;
  }

  /** True for a bearer token this emulator issued that has not expired. */
  isValid(accessToken: string): boolean {
    const entry = this.accessTokens.get(accessToken);
    return entry !== undefined && entry.expiresAt > Date.now();
  }

  /** An app token's roles; null for a person's token (its scopes are not enforced). */
  rolesOf(accessToken: string): readonly string[] | null {
    const subject = this.accessTokens.get(accessToken)?.subject;
    if (subject === undefined || subject.userPrincipalName !== null) return null;
    return subject.roles ?? DEFAULT_APP_ROLES;
  }
}
