import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCaseFile } from '../../src/case/index.js';
import type { CaseFile, Report } from '../../src/model/index.js';
import { runCase } from '../../src/pipeline/index.js';
import { loadDemoTenant } from '../emulator/demo-tenant.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { parseMainOptions } from '../emulator/main-options.js';
import { readPdf, readWorkbookStrings } from '../report/fixture.js';
import { tempDir, virtualTiming } from '../collect/case-fixture.js';

const client = { clientId: '3c2f6b1e-9a47-4d5c-8e21-7b0f4a6d9c35', secret: 'demo-secret~Kw1zzy' };
const REFUSED_MAILBOX = 'm.kowalska@kwizzy.nl';

/**
 * The live demo as `npm run emulator -- --deny-sign-ins licence --deny-mailbox
 * m.kowalska@kwizzy.nl` serves it: a tenant without Entra ID P1/P2 and with one case mailbox
 * outside the app's RBAC scope. `run` still writes every report, and they say what is missing.
 */
describe('the live demo with sign-ins and one mailbox refused', () => {
  let emulator: RunningEmulator;
  let outDir: string;
  let written: string[];
  let report: Report;

  beforeAll(async () => {
    const { faults } = parseMainOptions([
      '--deny-sign-ins',
      'licence',
      '--deny-mailbox',
      REFUSED_MAILBOX,
    ]);
    const demo = loadDemoTenant([client]);
    // Virtual time, shared with the emulator: message trace for the refused mailbox's messages
    // waits out the tenant's 100 requests per 5 minutes without taking real minutes.
    const { timing } = virtualTiming(demo.now);
    emulator = await startEmulator({
      tenant: demo.tenant,
      clock: timing.now,
      faults,
      auditQueryPolls: { notStarted: 0, running: 1 },
    });
    const liveCase = await loadCaseFile('cases/demo-live/case.yaml');
    outDir = await tempDir();
    const caseFile: CaseFile = {
      ...liveCase,
      collect:
        liveCase.collect === null
          ? null
          : { ...liveCase.collect, endpoints: { login: emulator.url, graph: emulator.url } },
      output: outDir,
    };
    const result = await runCase(caseFile, {
      generatedAt: '2026-11-01T00:00:00Z',
      progress: () => undefined,
      outDir,
      formats: ['pdf', 'xlsx', 'json'],
      force: false,
      live: {
        env: { MAILEXPOSURE_CLIENT_SECRET: client.secret },
        timing: { ...timing, poll: { initialMs: 1_000, maxMs: 1_000, timeoutMs: 3_600_000 } },
      },
    });
    written = result.written.map((file) => basename(file.path)).sort();
    report = JSON.parse(await readFile(join(outDir, 'report.json'), 'utf8')) as Report;
  }, 240_000);

  afterAll(async () => {
    await emulator.stop();
  });

  it('writes all three reports', () => {
    expect(written).toEqual(expect.arrayContaining(['report.json', 'report.pdf', 'report.xlsx']));
  });

  it("records in report.json what Graph refused, with Graph's answer and what it means", () => {
    expect(
      report.collection?.gaps.map((gap) => [gap.step, gap.part, gap.status, gap.code, gap.cause]),
    ).toEqual([
      [
        'signIns',
        { kind: 'step' },
        403,
        'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
        'licence',
      ],
      [
        'folders',
        { kind: 'mailbox', mailbox: REFUSED_MAILBOX },
        403,
        'ErrorAccessDenied',
        'mailbox-access',
      ],
      [
        'lookups',
        { kind: 'mailbox', mailbox: REFUSED_MAILBOX },
        403,
        'ErrorAccessDenied',
        'mailbox-access',
      ],
    ]);
    expect(report.collection?.problems.map((problem) => problem.code)).toEqual([
      'sign-ins-not-collected',
      'folders-not-listed',
      'lookups-not-collected',
    ]);
    // The audit records are all there: the attacker's reads of the refused mailbox included.
    expect(report.messages.filter((message) => message.mailbox === REFUSED_MAILBOX)).not.toEqual(
      [],
    );
    expect(report.collection?.delegates).toEqual(['invoices@kwizzy.nl']);
  });

  it("says in the PDF's and the workbook's limitations what is missing", async () => {
    const sentences = [
      'No sign-ins were collected, so attribution by sign-in was not possible',
      `The synced folders of ${REFUSED_MAILBOX} could not be listed`,
      `The messages of ${REFUSED_MAILBOX} could not be looked up in the mailbox`,
    ];
    const pdf = await readPdf(await readFile(join(outDir, 'report.pdf')));
    const book = (await readWorkbookStrings(join(outDir, 'report.xlsx'))).join('\n');
    expect(pdf.pageTexts[0]).toMatch(
      /The live collection left gaps, so these figures may be incomplete: see "Limitations" on page \d+/,
    );
    for (const sentence of sentences) {
      expect(pdf.text).toContain(sentence);
      expect(book).toContain(sentence);
    }
  });
});
