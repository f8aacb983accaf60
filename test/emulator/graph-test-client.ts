import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client } from '@microsoft/microsoft-graph-client';
import type { RunningEmulator } from './index.js';
import { SAMPLE } from './sample-tenant.js';

/** App-only tokens from the emulator, acquired (and cached) by msal-node with the client secret. */
function tokenSource(emulator: RunningEmulator): () => Promise<string> {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: SAMPLE.clientId,
      clientSecret: SAMPLE.secret,
      authority: `${emulator.url}/${emulator.tenantId}`,
      knownAuthorities: [new URL(emulator.url).host],
    },
  });
  return async () => {
    const result = await app.acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    if (result === null) throw new Error('The emulator issued no token');
    return result.accessToken;
  };
}

/**
 * The real Graph client against the emulator, authenticated by the real msal-node: what
 * mailexposure's collection does, without any mock.
 */
export function graphClient(emulator: RunningEmulator): Client {
  return Client.initWithMiddleware({
    baseUrl: emulator.url,
    customHosts: new Set(['localhost']),
    authProvider: { getAccessToken: tokenSource(emulator) },
  });
}

export function appToken(emulator: RunningEmulator): Promise<string> {
  return tokenSource(emulator)();
}
