import { resolveOptions, type EmulatorOptions } from './options.js';
import { startServer, type RunningEmulator } from './server.js';
import { testPkiFromEnv } from './tls.js';

export type { EmulatorOptions, PageSizes } from './options.js';
export type { RunningEmulator } from './server.js';
export type { EmulatorStats } from './stats.js';
export type {
  EmailAddress,
  TenantClient,
  TenantData,
  TenantFolder,
  TenantMailbox,
  TenantMessage,
} from './tenant.js';
export { createTestPki, PKI_ENV, readTestPki, sha256Thumbprint, testPkiFromEnv } from './tls.js';
export type { ClientCertificate, TestPki } from './tls.js';

/**
 * Starts a local HTTPS Microsoft 365 emulator serving `options.tenant`. In vitest the
 * certificates come from the global setup, which also makes Node trust them.
 */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  return startServer(resolveOptions(options, options.pki ?? testPkiFromEnv()));
}
