import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  ConfidentialClientApplication,
  LogLevel,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
  type INetworkModule,
} from '@azure/msal-node';
import type { CollectSettings } from '../model/index.js';
import type { CloudEndpoints } from './clouds.js';
import { CollectError } from './collect-error.js';
import type { AccessTokenSource } from './graph-client.js';
import { diagnoseUnreachable, signInFailure, SignInUnreachable } from './sign-in-failure.js';

/**
 * Delegated permissions a consultant's device-code sign-in asks for. Reading other people's
 * mailboxes as a user needs `Mail.ReadBasic.Shared` plus mailbox access granted in Exchange;
 * `Mail.ReadBasic.All` exists only as an application permission.
 */
export const DELEGATED_SCOPES = [
  'AuditLogsQuery-Exchange.Read.All',
  'AuditLog.Read.All',
  'Directory.Read.All',
  'Mail.ReadBasic.Shared',
  'ExchangeMessageTrace.Read.All',
] as const;

export interface TokenSourceOptions {
  /** Where `secretEnv` is looked up (process.env by default). */
  env: Readonly<Record<string, string | undefined>>;
  /** Shows the device-code prompt to the consultant (never written to evidence or logs). */
  onDeviceCode: (message: string) => void;
  /** msal's HTTP client; tests replace it. */
  networkClient?: INetworkModule;
  /** The collection's clock (ms): a certificate past its end is refused before signing in. */
  now?: () => number;
}

/**
 * Signs in with msal-node as the case says: client credentials with a certificate or with a
 * secret read from an environment variable, or a consultant's device-code sign-in. Tokens and
 * secrets stay in memory: msal's logging is off and nothing here prints or stores them.
 */
export async function createTokenSource(
  settings: CollectSettings,
  endpoints: CloudEndpoints,
  options: TokenSourceOptions,
): Promise<AccessTokenSource> {
  const authority = `${endpoints.login}/${settings.tenantId}`;
  const base: Configuration = {
    auth: {
      clientId: settings.clientId,
      authority,
      // With an endpoints override msal must not ask the public cloud's instance discovery.
      ...(settings.endpoints === null ? {} : { knownAuthorities: [new URL(endpoints.login).host] }),
    },
    system: {
      loggerOptions: {
        loggerCallback: ignoreLog,
        piiLoggingEnabled: false,
        logLevel: LogLevel.Error,
      },
      ...(options.networkClient === undefined ? {} : { networkClient: options.networkClient }),
    },
  };
  const auth = settings.auth;
  if (auth.method === 'deviceCode') return deviceCodeSource(settings, base, endpoints, options);

  const credential =
    auth.method === 'secret'
      ? { clientSecret: secretFrom(options.env, auth.secretEnv) }
      : {
          clientCertificate: await certificateFrom(
            auth.certificatePath,
            auth.thumbprintSha256,
            options.now?.() ?? Date.now(),
          ),
        };
  const app = new ConfidentialClientApplication({ ...base, auth: { ...base.auth, ...credential } });
  const scopes = [`${endpoints.graph}/.default`];
  return memoised(async () =>
    tokenOf(await signIn(settings, () => app.acquireTokenByClientCredential({ scopes }))),
  );
}

function deviceCodeSource(
  settings: CollectSettings,
  base: Configuration,
  endpoints: CloudEndpoints,
  options: TokenSourceOptions,
): AccessTokenSource {
  const app = new PublicClientApplication(base);
  const scopes = DELEGATED_SCOPES.map((scope) => `${endpoints.graph}/${scope}`);
  let account: AccountInfo | null = null;
  return memoised(async () => {
    const result = await signIn(settings, () =>
      account === null
        ? app.acquireTokenByDeviceCode({
            scopes,
            deviceCodeCallback: (response) => {
              options.onDeviceCode(response.message);
            },
          })
        : app.acquireTokenSilent({ account, scopes }),
    );
    account = result?.account ?? account;
    return tokenOf(result);
  });
}

/** One token request at a time: concurrent Graph calls share it (and one device-code prompt). */
function memoised(acquire: () => Promise<string>): AccessTokenSource {
  let pending: Promise<string> | null = null;
  return {
    getAccessToken() {
      pending ??= acquire().finally(() => {
        pending = null;
      });
      return pending;
    },
  };
}

/**
 * The run's first sign-in, before any Graph call: a refusal (a wrong secret, an unknown app or
 * tenant, an expired certificate) or a login host that does not answer stops the collection at
 * once, with Entra's AADSTS code and what to fix, instead of being retried as a network error.
 */
export async function signInFirst(
  tokens: AccessTokenSource,
  settings: CollectSettings,
  endpoints: CloudEndpoints,
  networkClient: INetworkModule | undefined,
): Promise<void> {
  try {
    await tokens.getAccessToken();
  } catch (error) {
    if (!(error instanceof SignInUnreachable)) throw error;
    throw await diagnoseUnreachable(
      `${endpoints.login}/${settings.tenantId}`,
      settings,
      networkClient,
    );
  }
}

async function signIn(
  settings: Pick<CollectSettings, 'tenantId'>,
  acquire: () => Promise<AuthenticationResult | null>,
): Promise<AuthenticationResult | null> {
  try {
    return await acquire();
  } catch (error) {
    throw signInFailure(error, settings);
  }
}

function tokenOf(result: AuthenticationResult | null): string {
  if (result === null || result.accessToken === '') {
    throw new CollectError('sign-in returned no access token');
  }
  return result.accessToken;
}

function secretFrom(env: TokenSourceOptions['env'], name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new CollectError(
      `the client secret is read from the environment variable ${name} (collect.auth.secretEnv), ` +
        'which is not set',
    );
  }
  return value;
}

const PRIVATE_KEY =
  /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/;
const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/**
 * The PEM file holds the private key and, usually, the certificate. When the certificate is
 * there its SHA-256 thumbprint is checked against the case, so a wrong file is reported here
 * rather than as an opaque sign-in error.
 */
async function certificateFrom(
  path: string,
  thumbprintSha256: string,
  nowMs: number,
): Promise<{ thumbprintSha256: string; privateKey: string }> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    throw new CollectError(`cannot read the certificate file ${path}`, { cause: error });
  }
  if (pem.includes('ENCRYPTED PRIVATE KEY')) {
    throw new CollectError(`${path}: the private key is encrypted; give an unencrypted PEM key`);
  }
  const privateKey = PRIVATE_KEY.exec(pem)?.[0];
  if (privateKey === undefined) throw new CollectError(`${path} holds no PEM private key`);
  assertRsaKey(path, privateKey);
  const thumbprint = thumbprintSha256.replace(/[^0-9a-f]/gi, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(thumbprint)) {
    throw new CollectError('collect.auth.thumbprintSha256 must be 64 hexadecimal digits');
  }
  const certificate = CERTIFICATE.exec(pem)?.[0];
  if (certificate !== undefined) {
    const x509 = new X509Certificate(certificate);
    const actual = x509.fingerprint256.replace(/:/g, '').toLowerCase();
    if (actual !== thumbprint) {
      throw new CollectError(
        `${path}: the certificate's SHA-256 thumbprint is ${actual}, not the ${thumbprint} the case names`,
      );
    }
    const end = Date.parse(x509.validTo);
    if (end < nowMs) {
      throw new CollectError(
        `${path}: the certificate expired on ${new Date(end).toISOString()}; make a new one, ` +
          'upload its public part to the app registration and name its thumbprint in the case',
      );
    }
  }
  return { thumbprintSha256: thumbprint, privateKey };
}

/**
 * msal-node signs the client assertion with RSA (PS256) only, and Entra ID takes RSA keys for
 * app credentials: an EC (or other) key would fail at the first sign-in with an opaque error.
 */
function assertRsaKey(path: string, pem: string): void {
  let type: string | undefined;
  try {
    type = createPrivateKey(pem).asymmetricKeyType;
  } catch (error) {
    throw new CollectError(`${path}: the private key cannot be read`, { cause: error });
  }
  if (type !== 'rsa') {
    throw new CollectError(
      `${path}: the private key is an ${String(type).toUpperCase()} key; sign-in needs an RSA key ` +
        '(msal-node signs with PS256 only): make an RSA certificate, e.g. openssl req -x509 ' +
        '-newkey rsa:2048 -nodes -days 365 -subj /CN=mailexposure -keyout key.pem -out cert.pem',
    );
  }
}

function ignoreLog(): void {
  // msal's log lines can carry request details; the collection reports its own progress.
}
