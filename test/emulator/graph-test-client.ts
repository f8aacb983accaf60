import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client } from '@microsoft/microsoft-graph-client';
import type { RunningEmulator } from './index.js';
import { SAMPLE } from './sample-tenant.js';

/**
 * The real Graph client against the emulator, authenticated by the real msal-node with the
 * sample tenant's client secret: what mailexposure's collection does, without any mock.
 */
export function graphClient(emulator: RunningEmulator): Client {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: SAMPLE.clientId,
      clientSecret: SAMPLE.secret,
      authority: `${emulator.url}/${SAMPLE.tenantId}`,
      knownAuthorities: [new URL(emulator.url).host],
    },
  });
  return Client.initWithMiddleware({
    baseUrl: emulator.url,
    customHosts: new Set(['localhost']),
    authProvider: {
      getAccessToken: async () => {
        const result = await app.acquireTokenByClientCredential({
          scopes: ['https://graph.microsoft.com/.default'],
        });
        if (result === null) throw new Error('no token');
        return result.accessToken;
      },
    },
  });
}
