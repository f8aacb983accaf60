import { mkdtemp, readFile, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { fixtureReport, readPdf } from '../report/fixture.js';
import { runCli } from './run-cli.js';

const smallCase = 'test/fixtures/cli/small-case/case.yaml';
const fixedTime = { SOURCE_DATE_EPOCH: '1793000000' };

describe('mailexposure run', () => {
  let out: string;
  let first: ReturnType<typeof runCli>;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'mailexposure-run-'));
    first = runCli(['run', smallCase, '--out', out], fixedTime);
  });

  it('prints the one-screen summary and warns about the rejected row on stderr', () => {
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('TEST-001: Small test case');
    expect(first.stdout).toMatch(/Inputs\s+2 files, 3 audit records read, 2 in scope, 1 rejected/);
    expect(first.stdout).toMatch(/Confirmed\s+2 messages opened by the attacker/);
    expect(first.stdout).not.toMatch(/Presumed/);
    expect(first.stdout).toMatch(
      /Data subjects\s+at least 1 person \(1 internal, 0 external\) and 2 addresses likely not a person, not counting messages without metadata/,
    );
    expect(first.stderr).toMatch(/evidence\/audit\.csv:5: unreadable-row: /);
  });

  it('writes report.json with the exposure and the evidence behind it', async () => {
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.generatedAt).toBe('2026-10-26T07:33:20Z');
    expect(report.case.accounts).toEqual(['anna.berg@contoso-demo.nl']);
    expect(report.messages.map((message) => [message.internetMessageId, message.exposure])).toEqual(
      [
        ['AM0PR01MB0001@eurprd01.prod.outlook.com', 'confirmed'],
        ['AM0PR01MB0002@eurprd01.prod.outlook.com', 'confirmed'],
      ],
    );
    const [resolved, unresolved] = report.messages;
    expect(resolved?.sender).toBe('billing@supplier-example.com');
    expect(resolved?.recipients).toEqual(['anna.berg@contoso-demo.nl', 'finance@contoso-demo.nl']);
    expect(resolved?.auditRecordIds).toEqual(['a1f3c9d2-0b4e-4f6a-9c1d-2e3f4a5b6c01']);
    expect(unresolved?.unresolvedReason).not.toBeNull();
    expect(report.inputs.map((input) => [input.path, input.records, input.rejected])).toEqual([
      ['evidence/audit.csv', 3, 1],
      ['evidence/trace.csv', 2, 0],
    ]);
    expect(report.auditRecords[0]?.sources).toEqual([{ input: 'evidence/audit.csv', line: 2 }]);
  });

  it('writes a manifest with the hash of every input and report', async () => {
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      inputs: { path: string; sha256: string }[];
      reports: { file: string; sha256: string }[];
    };
    expect(manifest.inputs.map((input) => input.path)).toEqual([
      'evidence/audit.csv',
      'evidence/trace.csv',
    ]);
    expect(manifest.reports.map((entry) => entry.file)).toEqual(['report.json']);
    expect(manifest.inputs[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes the review manifest beside the reports and lists it in manifest.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-run-'));
    const result = runCli(['run', smallCase, '--out', dir, '--formats', 'json,csv', '--quiet']);
    expect(result.status).toBe(0);
    const csv = await readFile(join(dir, 'review-manifest.csv'), 'utf8');
    expect(csv.split('\r\n')).toEqual([
      'Mailbox,InternetMessageId,Exposure,Date',
      'anna.berg@contoso-demo.nl,<AM0PR01MB0001@eurprd01.prod.outlook.com>,confirmed,2026-10-01T16:02:11.123Z',
      'anna.berg@contoso-demo.nl,<AM0PR01MB0002@eurprd01.prod.outlook.com>,confirmed,',
      '',
    ]);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      reports: { file: string; sha256: string }[];
    };
    expect(manifest.reports.map((entry) => entry.file).sort()).toEqual([
      'report.json',
      'review-manifest.csv',
    ]);
  });

  it('writes byte-identical reports for the same evidence and SOURCE_DATE_EPOCH', async () => {
    const again = await mkdtemp(join(tmpdir(), 'mailexposure-run-'));
    expect(runCli(['run', smallCase, '--out', again, '--quiet'], fixedTime).status).toBe(0);
    expect(await readFile(join(again, 'report.json'))).toEqual(
      await readFile(join(out, 'report.json')),
    );
  });

  it('renders the PDF and workbook again from report.json alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-render-'));
    const result = runCli(['render', join(out, 'report.json'), '--out', dir], fixedTime);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/report\.pdf {2}sha256 [0-9a-f]{64}/);
    expect(result.stdout).toMatch(/report\.xlsx {2}sha256 [0-9a-f]{64}/);
    expect((await readFile(join(dir, 'report.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('withholds subjects when rendering a redacted report.json that still holds them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-render-'));
    const report = fixtureReport();
    report.case.redactSubjects = true;
    await writeFile(join(dir, 'report.json'), JSON.stringify(report));
    const result = runCli(['render', join(dir, 'report.json'), '--formats', 'pdf'], fixedTime);
    expect(result.status).toBe(0);
    const pdf = await readPdf(await readFile(join(dir, 'report.pdf')));
    const subjects = report.messages.flatMap((message) => message.subject ?? []);
    expect(subjects.filter((subject) => pdf.text.includes(subject))).toEqual([]);
    expect(pdf.text).toContain('[subject withheld]');
  });

  it('prints the summary as JSON with --json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-run-'));
    const result = runCli(['run', smallCase, '--out', dir, '--json', '--quiet'], fixedTime);
    const summary = JSON.parse(result.stdout) as { summary: Report['summary'] };
    expect(summary.summary.confirmedMessages).toBe(2);
    expect(summary.summary.recordsRejected).toBe(1);
  });

  it('fails with exit 1 under --strict when rows were rejected', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-run-'));
    const result = runCli(['run', smallCase, '--out', dir, '--strict', '--quiet'], fixedTime);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--strict');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('mailexposure analyze on the demo case', () => {
  it('writes report.json only and counts a session that reached two mailboxes once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-analyze-'));
    const result = runCli(['analyze', 'cases/demo/case.yaml', '--out', dir, '--quiet']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /Attacker sessions\s+6 on 4 mailboxes \(7 session-mailbox rows\)/,
    );
    expect(result.stdout).toMatch(
      /Forwarded out\s+9 messages sent outside by the attacker's forwarding/,
    );
    expect(result.stdout).toMatch(/Confirmed\s+219 messages opened by the attacker/);
    expect(result.stdout).toMatch(
      /Other activity\s+2 inbox rules, 0 mailbox forwardings, 1 message sent, 2 searches, 2 deleted or hidden/,
    );
    expect(result.stdout).toMatch(
      /Presumed \(sync\)\s+2 whole folders presumed seen \(contents not listed\)/,
    );
    expect(result.stdout).toMatch(
      /Presumed \(throttle\)\s+1 whole mailbox presumed seen for 24 hours \(at least 26 more messages known to have been there\)/,
    );
    expect(result.stdout).toMatch(
      /Data subjects\s+at least 11 people \(8 internal, 3 external\) and 13 addresses likely not a person, not counting the whole folders and mailboxes or messages without metadata/,
    );
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      reports: { file: string }[];
    };
    expect(manifest.reports.map((entry) => entry.file)).toEqual(['report.json']);
  });
});

describe('bad input', () => {
  it('exits 2 with file:line:column and no stack trace for an invalid case file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-bad-'));
    await cp('test/fixtures/cli/small-case', dir, { recursive: true });
    const casePath = join(dir, 'case.yaml');
    const text = await readFile(casePath, 'utf8');
    await writeFile(casePath, text.replace("'2001:db8::/32'", '203.0.113.300'));
    const result = runCli(['run', casePath]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${casePath}:11:`);
    expect(result.stderr).toContain('203.0.113.300');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 naming the file when an input is in no known format', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-bad-'));
    await cp('test/fixtures/cli/small-case', dir, { recursive: true });
    await writeFile(join(dir, 'evidence/trace.csv'), 'just,some,columns\n1,2,3\n');
    const result = runCli(['validate', join(dir, 'case.yaml')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('evidence/trace.csv');
    expect(result.stderr).toContain('not a format mailexposure reads');
  });

  it('exits 2 when asked to collect a case that has no collect: section', () => {
    const result = runCli(['collect', smallCase]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('collect: the case has no collect: section');
  });

  it('exits 2 for an unknown report format', () => {
    const result = runCli(['run', smallCase, '--formats', 'pdf,docx']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--formats');
  });
});

describe('mailexposure validate, init and schema', () => {
  it('validate lists every input with its format and counts', () => {
    const result = runCli(['validate', smallCase]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/evidence\/audit\.csv: purview-csv, 3 records, 1 rejected/);
    expect(result.stdout).toMatch(/evidence\/trace\.csv: message-trace-csv, 2 records, 0 rejected/);
  });

  it('init writes a template that refuses to be overwritten', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'mailexposure-init-')), 'BEC-1');
    expect(runCli(['init', dir]).status).toBe(0);
    const template = await readFile(join(dir, 'case.yaml'), 'utf8');
    expect(template).toContain('threatActor:');
    const schemaPath = /\$schema=(\S+)/.exec(template)?.[1] ?? '';
    expect(await readFile(join(dir, schemaPath), 'utf8')).toBe(
      await readFile('case.schema.json', 'utf8'),
    );
    const again = runCli(['init', dir]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('schema writes the committed case.schema.json', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'mailexposure-schema-')), 'schema.json');
    expect(runCli(['schema', file]).status).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(await readFile('case.schema.json', 'utf8'));
  });
});
