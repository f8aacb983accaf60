import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CASE_DIR, loadDemoTenant } from './demo-tenant.js';
import { createTestPki, startEmulator } from './index.js';
import { describeRefusals, parseMainOptions, USAGE } from './main-options.js';

/**
 * `npm run emulator`: the Microsoft 365 emulator with the demo tenant, for trying live
 * collection by hand. Certificates and the client secret are new on every start.
 */

/** The demo app registration's client id (fixed, so a case file can name it). */
const DEMO_CLIENT_ID = '3c2f6b1e-9a47-4d5c-8e21-7b0f4a6d9c35';
const SECRET_ENV = 'MAILEXPOSURE_CLIENT_SECRET';

async function main(): Promise<void> {
  const options = parseMainOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const pki = createTestPki(options.pkiDir ?? join(tmpdir(), 'mailexposure-emulator'));
  const secret = randomBytes(24).toString('base64url');
  const clients = [{ clientId: DEMO_CLIENT_ID, secret, certificatePem: pki.client.certificatePem }];
  const demo = loadDemoTenant(clients, options.caseDir ?? DEMO_CASE_DIR);
  const { tenant } = demo;
  const emulator = await startEmulator({
    tenant,
    pki,
    now: demo.now,
    port: options.port,
    failureRate: options.failureRate,
    latencyMs: options.latencyMs,
    faultSeed: options.seed,
    faults: options.faults,
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
    ...describeRefusals(options.faults).map((refusal) => `  Refusing:       ${refusal}`),
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
