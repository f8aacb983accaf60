import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_CASE_DIR, loadDemoTenant } from './demo-tenant.js';
import { createTestPki, startEmulator } from './index.js';

/**
 * `npm run emulator`: the Microsoft 365 emulator with the demo tenant, for trying live
 * collection by hand. Certificates and the client secret are new on every start.
 */

const USAGE = `Usage: npm run emulator -- [--port 8443] [--case DIR] [--pki-dir DIR]
                       [--failure-rate 0] [--latency-ms 0] [--seed 1]`;

/** The demo app registration's client id (fixed, so a case file can name it). */
const DEMO_CLIENT_ID = '3c2f6b1e-9a47-4d5c-8e21-7b0f4a6d9c35';
const SECRET_ENV = 'MAILEXPOSURE_CLIENT_SECRET';

function number(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    throw new Error(`--${name} must be a number, not ${value}\n${USAGE}`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      case: { type: 'string' },
      'pki-dir': { type: 'string' },
      'failure-rate': { type: 'string' },
      'latency-ms': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const pki = createTestPki(values['pki-dir'] ?? join(tmpdir(), 'mailexposure-emulator'));
  const secret = randomBytes(24).toString('base64url');
  const clients = [{ clientId: DEMO_CLIENT_ID, secret, certificatePem: pki.client.certificatePem }];
  const demo = loadDemoTenant(clients, values.case ?? DEMO_CASE_DIR);
  const { tenant } = demo;
  const emulator = await startEmulator({
    tenant,
    pki,
    now: demo.now,
    port: number(values.port, 'port', 8443),
    failureRate: number(values['failure-rate'], 'failure-rate', 0),
    latencyMs: number(values['latency-ms'], 'latency-ms', 0),
    faultSeed: number(values.seed, 'seed', 1),
  });
  const lines = [
    `Microsoft 365 emulator for the demo tenant: ${emulator.url}`,
    `  Trust its certificate (in the shell that runs mailexposure):`,
    `    export NODE_EXTRA_CA_CERTS=${pki.caPath}`,
    `  Tenant id:      ${tenant.tenantId}`,
    `  Client id:      ${DEMO_CLIENT_ID}`,
    `  Client secret:  export ${SECRET_ENV}=${secret}`,
    `  Certificate:    ${pki.client.bundlePath} (thumbprintSha256 ${pki.client.thumbprintSha256})`,
    `  Case file:      collect: { tenantId: ${tenant.tenantId}, clientId: ${DEMO_CLIENT_ID},`,
    `                    endpoints: { login: ${emulator.url}, graph: ${emulator.url} },`,
    `                    auth: { method: secret, secretEnv: ${SECRET_ENV} } }`,
    `  Serving:        ${tenant.auditRecords.length} audit records, ${Object.keys(tenant.mailboxes).length} mailboxes, ` +
      `${tenant.signIns.length} sign-ins, ${tenant.messageTraces.length} message-trace rows; "now" is ${demo.now}`,
    ...demo.skipped.map((reason) => `  Not used:       ${reason}`),
    'Press Ctrl+C to stop.',
  ];
  console.log(lines.join('\n'));
  process.once('SIGINT', () => {
    void emulator.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
