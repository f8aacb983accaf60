import { afterEach } from 'vitest';
import {
  startEmulator,
  testPkiFromEnv,
  type EmulatorOptions,
  type RunningEmulator,
} from './index.js';
import { bindRecords, sampleTenant } from './sample-tenant.js';

/**
 * For a test file whose tests each start their own emulator of the sample tenant (with the
 * options, and audit records, the test is about): the function that starts one. Every
 * emulator it started is stopped after its test.
 */
export function sampleEmulatorPerTest(): (
  options: Partial<EmulatorOptions>,
  auditRecords?: ReturnType<typeof bindRecords>,
) => Promise<RunningEmulator> {
  const running: RunningEmulator[] = [];
  afterEach(async () => {
    for (const emulator of running.splice(0)) await emulator.stop();
  });
  return async (options, auditRecords = bindRecords(5)) => {
    const emulator = await startEmulator({
      tenant: sampleTenant(testPkiFromEnv(), auditRecords),
      ...options,
    });
    running.push(emulator);
    return emulator;
  };
}
