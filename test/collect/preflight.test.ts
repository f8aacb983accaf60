import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunFailure } from '../../src/cli/failure.js';
import { collectCommand } from '../../src/cli/commands/collect.js';
import { checkCollection, type Preflight } from '../../src/collect/index.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { tempDir } from './case-fixture.js';
import { FAULT, faultCase, faultTenant } from './fault-tenant.js';

/**
 * Before hours of collection: sign in, read the token's roles, ask each step one cheap question
 * and say what the collection would miss. The tenant here has no Entra ID P1/P2, one mailbox
 * outside the app's RBAC scope, and an app not consented ExchangeMessageTrace.Read.All.
 */
describe('the preflight check', () => {
  let emulator: RunningEmulator;
  let output: string;
  let preflight: Preflight;

  beforeAll(async () => {
    const tenant = faultTenant();
    const [client] = tenant.clients;
    if (client === undefined) throw new Error('the fault tenant has a client');
    client.roles = [
      'AuditLogsQuery-Exchange.Read.All',
      'AuditLog.Read.All',
      'Directory.Read.All',
      'Mail.ReadBasic.All',
    ];
    // Queries succeed at their first poll: the command line waits in real time.
    emulator = await startEmulator({
      tenant,
      now: FAULT.now,
      auditQueryPolls: { notStarted: 0, running: 0 },
    });
    emulator.faults.deny.signIns = 'licence';
    emulator.faults.deny.mailboxes = [FAULT.dev];
    output = await tempDir();
    preflight = await checkCollection(faultCase(output, emulator.url), {
      env: { MAILEXPOSURE_CLIENT_SECRET: FAULT.secret },
    });
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('reads the roles from the token and probes every step and every case mailbox', () => {
    expect(preflight.signedInAs).toBe('app');
    expect(preflight.permissions).toEqual([
      'AuditLog.Read.All',
      'AuditLogsQuery-Exchange.Read.All',
      'Directory.Read.All',
      'Mail.ReadBasic.All',
    ]);
    expect(
      preflight.checks.map((check) => [
        check.step,
        check.mailbox,
        check.granted,
        check.failure === null ? 'answered' : `${check.failure.status} ${check.failure.code}`,
      ]),
    ).toEqual([
      ['audit', null, true, 'answered'],
      ['signIns', null, true, '403 Authentication_RequestFromNonPremiumTenantOrB2CTenant'],
      ['lookups', FAULT.lead, true, 'answered'],
      ['lookups', FAULT.dev, true, '403 ErrorAccessDenied'],
      ['messageTrace', null, false, '403 Authorization_RequestDenied'],
    ]);
    // Nothing is written: the evidence folder is not even made.
    expect(existsSync(join(output, 'evidence'))).toBe(false);
  });

  it('prints the table from the command line and exits 1 when a step would be missing', async () => {
    const { casePath, io, stdout } = await cliCase(emulator);
    const failure = await collectCommand(casePath, { check: true, quiet: true }, io).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(RunFailure);
    const text = stdout();
    expect(text).toMatch(/^step +permission needed +present\? +what will be missing if not$/m);
    expect(text).toMatch(
      /^audit records +AuditLogsQuery-Exchange\.Read\.All +yes +no audit records: the report cannot show what the attacker read$/m,
    );
    expect(text).toMatch(
      /^sign-ins +AuditLog\.Read\.All, Directory\.Read\.All +NO: 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant: the tenant has no Microsoft Entra ID P1 or P2 licence/m,
    );
    expect(text).toContain(`mailbox ${FAULT.dev}`);
    expect(text).toMatch(
      /^message trace +ExchangeMessageTrace\.Read\.All +NO: not in the token; 403 Authorization_RequestDenied/m,
    );
    expect(text).toContain('3 steps will be missing');
  });

  it('warns before a collection, which then goes on without what is missing', async () => {
    const { casePath, io, stdout, stderr } = await cliCase(emulator);
    await collectCommand(casePath, { quiet: true }, io);
    expect(stderr()).toMatch(
      /^warning: sign-ins will be missing \(403 Authentication_RequestFromNonPremiumTenantOrB2CTenant: .*\): no sign-ins: attribution by sign-in is not possible$/m,
    );
    expect(stderr()).toContain(
      `warning: mailbox ${FAULT.dev} will be missing (403 ErrorAccessDenied`,
    );
    expect(stdout()).toContain('Problem           sign-ins-not-collected');
  });
});

/** The fault case as a YAML file for the command line, with its own evidence folder. */
async function cliCase(emulator: RunningEmulator) {
  const dir = await tempDir();
  const casePath = join(dir, 'case.yaml');
  await writeFile(
    casePath,
    [
      'case: { id: BEC-PREFLIGHT, title: Preflight, organization: Kwizzy B.V., domains: [kwizzy.nl], timezone: Europe/Amsterdam }',
      `accounts: [${FAULT.lead}, ${FAULT.dev}]`,
      `threatActor: { ips: [${FAULT.attackerIp}] }`,
      `window: { start: ${FAULT.window.start}, end: ${FAULT.window.end} }`,
      'collect:',
      `  tenantId: ${FAULT.tenantId}`,
      `  clientId: ${FAULT.clientId}`,
      `  endpoints: { login: ${emulator.url}, graph: ${emulator.url} }`,
      '  auth: { method: secret, secretEnv: MAILEXPOSURE_CLIENT_SECRET }',
      '  evidenceDir: evidence',
      'report: { formats: [json] }',
      'output: out',
      '',
    ].join('\n'),
  );
  const out = new PassThrough();
  const err = new PassThrough();
  const read = (stream: PassThrough) => () => String(stream.read() ?? '');
  let stdoutText = '';
  let stderrText = '';
  return {
    casePath,
    io: { stdout: out, stderr: err, env: { MAILEXPOSURE_CLIENT_SECRET: FAULT.secret }, cwd: dir },
    stdout: () => (stdoutText += read(out)()),
    stderr: () => (stderrText += read(err)()),
  };
}
