import { X509Certificate } from 'node:crypto';
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
      : { clientCertificate: await certificateFrom(auth.certificatePath, auth.thumbprintSha256) };
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

async function signIn(
  settings: Pick<CollectSettings, 'tenantId'>,
  acquire: () => Promise<AuthenticationResult | null>,
): Promise<AuthenticationResult | null> {
  try {
    return await acquire();
  } catch (error) {
    const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new CollectError(`sign-in to tenant ${settings.tenantId} failed: ${detail}`);
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
  const thumbprint = thumbprintSha256.replace(/[^0-9a-f]/gi, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(thumbprint)) {
    throw new CollectError('collect.auth.thumbprintSha256 must be 64 hexadecimal digits');
  }
  const certificate = CERTIFICATE.exec(pem)?.[0];
  if (certificate !== undefined) {
    const actual = new X509Certificate(certificate).fingerprint256.replace(/:/g, '').toLowerCase();
    if (actual !== thumbprint) {
      throw new CollectError(
        `${path}: the certificate's SHA-256 thumbprint is ${actual}, not the ${thumbprint} the case names`,
      );
    }
  }
  return { thumbprintSha256: thumbprint, privateKey };
}

function ignoreLog(): void {
  // msal's log lines can carry request details; the collection reports its own progress.
}
