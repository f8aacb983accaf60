import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CollectError,
  collectAuditEvidence,
  readManifest,
  type CollectOptions,
} from '../../src/collect/index.js';
import type { CaseFile, CollectSettings } from '../../src/model/index.js';
import { startEmulator, testPkiFromEnv, type RunningEmulator } from '../emulator/index.js';
import { tempDir, virtualTiming } from './case-fixture.js';
import { FAULT, faultCase, faultTenant } from './fault-tenant.js';

/**
 * What is wrong with signing in is said at once, with Entra's code and what to fix: never
 * retried for minutes as if the network were down. Against the emulator's Entra ID and the real
 * msal-node.
 */
describe('signing in', () => {
  let emulator: RunningEmulator;
  const publicClient = { clientId: '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968', publicClient: false };

  beforeAll(async () => {
    const tenant = faultTenant();
    tenant.clients.push(publicClient);
    emulator = await startEmulator({ tenant, now: FAULT.now });
  });

  afterAll(async () => {
    await emulator.stop();
  });

  async function collect(settings: Partial<CollectSettings>, options: CollectOptions = {}) {
    const base = faultCase(await tempDir(), emulator.url);
    if (base.collect === null) throw new Error('the fault case collects');
    const caseFile: CaseFile = { ...base, collect: { ...base.collect, ...settings } };
    const { timing, waits } = virtualTiming(FAULT.now);
    const before = structuredClone(emulator.stats.requests);
    const failure = await collectAuditEvidence(caseFile, {
      env: { MAILEXPOSURE_CLIENT_SECRET: FAULT.secret },
      timing,
      ...options,
    }).catch((error: unknown) => error);
    const graphCalls = Object.entries(emulator.stats.requests)
      .filter(([route]) => !route.includes('{tenant}'))
      .reduce((sum, [route, count]) => sum + count - (before[route] ?? 0), 0);
    return { caseFile, failure, waits, graphCalls };
  }

  it('stops at once on a wrong client secret, naming AADSTS7000215 and what to fix', async () => {
    const { caseFile, failure, waits, graphCalls } = await collect(
      {},
      { env: { MAILEXPOSURE_CLIENT_SECRET: 'the-secret-id-not-its-value' } },
    );
    expect(failure).toBeInstanceOf(CollectError);
    expect(String(failure)).toMatch(
      /sign-in to tenant .* failed: .*AADSTS7000215: Invalid client secret provided\..*; the client secret is wrong: give the secret's Value \(not its Secret ID\)/,
    );
    expect(String(failure)).not.toContain('the-secret-id-not-its-value');
    expect(waits).toEqual([]);
    expect(graphCalls).toBe(0);
    // The run is recorded as failed, with the reason, and the folder is not left locked.
    const manifest = await readManifest(join(caseFile.output, 'evidence'));
    expect(manifest?.runs.at(-1)).toMatchObject({
      outcome: 'failed',
      message: expect.stringContaining('AADSTS7000215') as unknown,
    });
    expect(existsSync(join(caseFile.output, 'evidence', 'collection.lock'))).toBe(false);
  });

  it('says that the tenant does not exist', async () => {
    const { failure, waits } = await collect({ tenantId: '00000000-0000-4000-8000-000000000000' });
    expect(String(failure)).toMatch(/AADSTS90002: Tenant .* not found.*check collect\.tenantId/);
    expect(waits).toEqual([]);
  });

  it('calls an unreachable sign-in host a network error, at once', async () => {
    const closed = await closedPort();
    const { failure, waits } = await collect({
      endpoints: { login: `https://localhost:${closed}`, graph: emulator.url },
    });
    expect(String(failure)).toMatch(
      new RegExp(
        `cannot reach the sign-in service at https://localhost:${closed} \\(network error: ECONNREFUSED`,
      ),
    );
    expect(waits).toEqual([]);
  });

  it('refuses an expired certificate before signing in', async () => {
    const pki = testPkiFromEnv();
    const { failure } = await collect(
      {
        auth: {
          method: 'certificate',
          certificatePath: pki.client.bundlePath,
          thumbprintSha256: pki.client.thumbprintSha256,
        },
      },
      // The test certificates live two days: a week on, this one has expired.
      { timing: { ...virtualTiming(new Date(Date.now() + 7 * 86_400_000).toISOString()).timing } },
    );
    expect(String(failure)).toContain(`${pki.client.bundlePath}: the certificate expired on`);
  });

  it('refuses an EC key, naming its file: msal-node signs with RSA only', async () => {
    const path = join(await tempDir(), 'collector-ec.pem');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await writeFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const { failure } = await collect({
      auth: { method: 'certificate', certificatePath: path, thumbprintSha256: 'ab'.repeat(32) },
    });
    expect(String(failure)).toContain(
      `${path}: the private key is an EC key; sign-in needs an RSA key`,
    );
  });

  it('says device code sign-in needs "Allow public client flows" (AADSTS7000218)', async () => {
    const { failure } = await collect(
      { clientId: publicClient.clientId, auth: { method: 'deviceCode' } },
      { onProgress: () => undefined },
    );
    expect(String(failure)).toMatch(
      /invalid_client \(AADSTS7000218\); device code sign-in needs "Allow public client flows" set to Yes/,
    );
  });
});

/** A local port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
