import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, testPkiFromEnv, type RunningEmulator, type TestPki } from './index.js';
import { SAMPLE, sampleTenant } from './sample-tenant.js';

const GRAPH_DEFAULT = ['https://graph.microsoft.com/.default'];

describe('emulated Entra ID login, with the real msal-node', () => {
  let pki: TestPki;
  let emulator: RunningEmulator;

  const authority = (): { authority: string; knownAuthorities: string[] } => ({
    authority: `${emulator.url}/${SAMPLE.tenantId}`,
    knownAuthorities: [new URL(emulator.url).host],
  });

  const graphStatus = async (token: string | undefined): Promise<number> => {
    const headers: Record<string, string> =
      token === undefined ? {} : { Authorization: `Bearer ${token}` };
    return (await fetch(`${emulator.url}/v1.0/auditLogs/signIns`, { headers })).status;
  };

  beforeAll(async () => {
    pki = testPkiFromEnv();
    emulator = await startEmulator({
      tenant: sampleTenant(pki),
      deviceCode: { pendingPolls: 2, intervalSeconds: 0 },
    });
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('issues an app token for the client secret, and Graph accepts it', async () => {
    const app = new ConfidentialClientApplication({
      auth: { clientId: SAMPLE.clientId, clientSecret: SAMPLE.secret, ...authority() },
    });
    const result = await app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });
    expect(emulator.stats.tokensIssued).toContain(result?.accessToken);
    expect(await graphStatus(result?.accessToken)).toBe(200);
    // msal-node fetches the OpenID configuration and nothing the emulator does not serve.
    expect(emulator.stats.requests['GET /{tenant}/v2.0/.well-known/openid-configuration']).toBe(1);
    expect(
      Object.keys(emulator.stats.requests).filter((route) => route.includes('(unknown)')),
    ).toEqual([]);
  });

  it('refuses a wrong client secret', async () => {
    const app = new ConfidentialClientApplication({
      auth: { clientId: SAMPLE.clientId, clientSecret: 'not-the-secret', ...authority() },
    });
    await expect(app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT })).rejects.toThrow(
      /AADSTS7000215/,
    );
  });

  it('issues an app token for an assertion signed with the registered certificate', async () => {
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: SAMPLE.clientId,
        clientCertificate: {
          thumbprintSha256: pki.client.thumbprintSha256,
          privateKey: pki.client.privateKeyPem,
        },
        ...authority(),
      },
    });
    const result = await app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });
    expect(await graphStatus(result?.accessToken)).toBe(200);
  });

  it('refuses an assertion from a certificate that is not registered', async () => {
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: SAMPLE.clientId,
        clientCertificate: {
          thumbprintSha256: pki.other.thumbprintSha256,
          privateKey: pki.other.privateKeyPem,
        },
        ...authority(),
      },
    });
    await expect(app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT })).rejects.toThrow(
      /AADSTS700027/,
    );
  });

  it('refuses an assertion naming the registered certificate but signed with another key', async () => {
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: SAMPLE.clientId,
        clientCertificate: {
          thumbprintSha256: pki.client.thumbprintSha256,
          privateKey: pki.other.privateKeyPem,
        },
        ...authority(),
      },
    });
    await expect(app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT })).rejects.toThrow(
      /failed signature validation/,
    );
  });

  it('signs a user in by device code after the configured pending polls', async () => {
    const before = emulator.stats.requests['POST /{tenant}/oauth2/v2.0/token'] ?? 0;
    const app = new PublicClientApplication({
      auth: { clientId: SAMPLE.clientId, ...authority() },
    });
    const messages: string[] = [];
    const result = await app.acquireTokenByDeviceCode({
      scopes: ['https://graph.microsoft.com/AuditLogsQuery.Read.All'],
      deviceCodeCallback: (response) => messages.push(response.message),
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/\/devicelogin and enter the code [A-Z0-9]{9}/);
    expect(result?.account?.username).toBe(SAMPLE.mailbox);
    expect((emulator.stats.requests['POST /{tenant}/oauth2/v2.0/token'] ?? 0) - before).toBe(3);
    expect(await graphStatus(result?.accessToken)).toBe(200);
  });

  it('answers Graph requests without a valid token with 401', async () => {
    const refusedBefore = emulator.stats.faults.unauthorized;
    expect(await graphStatus(undefined)).toBe(401);
    expect(await graphStatus('eyJ0eXAiOiJKV1QifQ.e30.forged')).toBe(401);
    expect(emulator.stats.faults.unauthorized - refusedBefore).toBe(2);
  });
});
