import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGraphTransport } from '../../src/collect/graph-client.js';
import { appToken } from '../emulator/graph-test-client.js';
import { startEmulator, testPkiFromEnv, type RunningEmulator } from '../emulator/index.js';
import { sampleTenant } from '../emulator/sample-tenant.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ tenant: sampleTenant(testPkiFromEnv()), latencyMs: 3_000 });
});

afterAll(async () => {
  await emulator.stop();
});

it('gives up on a Graph request that gets no answer, so the retries can take over', async () => {
  const token = await appToken(emulator);
  const transport = createGraphTransport(
    emulator.url,
    { getAccessToken: () => Promise.resolve(token) },
    200,
  );
  const started = Date.now();
  await expect(
    transport.send({ method: 'GET', url: `${emulator.url}/v1.0/auditLogs/signIns` }),
  ).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(2_000);
});
