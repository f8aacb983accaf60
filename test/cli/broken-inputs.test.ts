import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { readerFormats } from '../../src/sources/index.js';
import { runInProcess } from './run-in-process.js';

/**
 * test/fixtures/broken: a sound case (case.yaml, base/) and hostile inputs, each tried alone:
 * `audit-*` added to evidence/audit/, `trace-*` to evidence/trace/, `case-*` as the case file.
 */
const fixtures = 'test/fixtures/broken';

interface Expected {
  exit: 0 | 2;
  /** Lines stderr holds, the case folder written `<case>`: where, what is wrong, what to do. */
  says: string[];
  /** Exit 0: the broken input's records (rows or lines), and how many were read and used. */
  rows?: number;
  read?: number;
  used?: number;
  /** Exit 0: what the report must hold besides the counts. */
  report?: (report: Report) => void;
}

const rejectedAdvice =
  '  Rejected rows are counted in report.json and listed in the report; the rest of each input was used. To analyse them, export those records again (not through Excel) and run again.';

const notAFormat = (path: string, why: string): string =>
  `${path}: not a format mailexposure reads (${why}); expected one of: ${readerFormats.join(', ')}. Export it again in one of these, or change the case's evidence patterns so they do not match it`;

const noFormat = 'The file is in no format this tool reads (docs/adding-a-reader.md lists them)';

function exposedIds(report: Report): string[] {
  return report.messages.map((message) => message.internetMessageId).sort();
}

const BROKEN: Record<string, Expected> = {
  'audit-truncated.csv': {
    exit: 0,
    says: [
      '  evidence/audit/audit-truncated.csv:4: unreadable-row: A quoted field of the row is never closed: the rest of the file was read as this row',
      rejectedAdvice,
    ],
    rows: 3,
    read: 2,
    used: 2,
  },
  'audit-bad-quoting.csv': {
    exit: 0,
    says: [
      '  evidence/audit/audit-bad-quoting.csv:3: unreadable-row: The row is no valid CSV record (INVALID_OPENING_QUOTE)',
      rejectedAdvice,
    ],
    rows: 3,
    read: 2,
    used: 2,
  },
  'audit-auditdata-not-json.csv': {
    exit: 0,
    says: [
      "  evidence/audit/audit-auditdata-not-json.csv:3: unreadable-row: AuditData is not valid JSON: Expected property name or '}' in JSON at position 1",
      rejectedAdvice,
    ],
    rows: 3,
    read: 2,
    used: 2,
  },
  'audit-missing-cells.csv': {
    exit: 0,
    says: [
      '  evidence/audit/audit-missing-cells.csv:3: unreadable-row: The row has 6 fields where the header has 8',
    ],
    rows: 3,
    read: 2,
    used: 2,
  },
  'audit-extra-column.csv': {
    exit: 0,
    says: [
      '  evidence/audit/audit-extra-column.csv:3: unreadable-row: The row has 9 fields where the header has 8',
    ],
    rows: 3,
    read: 2,
    used: 2,
  },
  'audit-excel-cut.csv': {
    exit: 0,
    says: [
      '  evidence/audit/audit-excel-cut.csv:3: unreadable-row: AuditData is cut off at 32767 characters, the most an Excel cell holds: export it again and do not save it from Excel',
    ],
    rows: 2,
    read: 1,
    used: 1,
  },
  'audit-missing-column.csv': {
    exit: 2,
    says: [notAFormat('evidence/audit/audit-missing-column.csv', noFormat)],
  },
  'audit-binary.bin': {
    exit: 2,
    says: [
      notAFormat(
        'evidence/audit/audit-binary.bin',
        `${noFormat}; it is binary data, not text: name the CSV or JSON export itself`,
      ),
    ],
  },
  'audit-utf16-no-bom.csv': {
    exit: 2,
    says: [
      notAFormat(
        'evidence/audit/audit-utf16-no-bom.csv',
        `${noFormat}; it is UTF-16 text without a byte order mark: save it again as UTF-8 (or UTF-16 with a byte order mark)`,
      ),
    ],
  },
  'audit-empty.ndjson': {
    exit: 2,
    says: [notAFormat('evidence/audit/audit-empty.ndjson', 'The file is empty')],
  },
  'audit-truncated-line.ndjson': {
    exit: 0,
    says: [
      '  evidence/audit/audit-truncated-line.ndjson:3: unreadable-row: The record is not valid JSON: Unterminated string in JSON at position 150',
    ],
    rows: 3,
    read: 2,
    used: 2,
  },
  'audit-truncated-array.json': {
    exit: 0,
    says: [
      '  evidence/audit/audit-truncated-array.json:4: unreadable-input: The file ends before its JSON is closed: it looks cut off',
      '  evidence/audit/audit-truncated-array.json:4: unreadable-row: The record is not valid JSON: Unexpected end of JSON input',
    ],
    rows: 3,
    read: 2,
    used: 2,
  },
  'audit-not-object.ndjson': {
    exit: 0,
    says: [
      '  evidence/audit/audit-not-object.ndjson:2: unreadable-row: The record is not a JSON object',
      '  evidence/audit/audit-not-object.ndjson:3: unreadable-row: The record is not a JSON object',
    ],
    rows: 4,
    read: 2,
    used: 2,
  },
  'audit-wrong-types.ndjson': {
    exit: 0,
    says: [
      '  evidence/audit/audit-wrong-types.ndjson:1: invalid-field: CreationTime has an unusable value {"value":"2026-10-02T09:14:07"}',
      '  evidence/audit/audit-wrong-types.ndjson:2: invalid-field: OperationCount has an unusable value "many"',
      '  evidence/audit/audit-wrong-types.ndjson:3: invalid-field: ClientIPAddress has an unusable value ["203.0.113.7"]',
    ],
    rows: 4,
    read: 1,
    used: 1,
  },
  'audit-impossible-date.ndjson': {
    exit: 0,
    says: [
      '  evidence/audit/audit-impossible-date.ndjson:2: invalid-field: CreationTime has an unusable value "2026-02-30T08:00:00"',
      '  evidence/audit/audit-impossible-date.ndjson:3: invalid-field: CreationTime has an unusable value "2026-10-03T24:00:00"',
    ],
    rows: 3,
    read: 1,
    used: 1,
  },
  'audit-huge-number.ndjson': {
    exit: 0,
    says: [
      '  evidence/audit/audit-huge-number.ndjson:1: invalid-field: OperationCount has an unusable value beyond the largest number a value can hold',
    ],
    rows: 2,
    read: 1,
    used: 1,
  },
  'audit-deep-nesting.ndjson': {
    exit: 0,
    says: [
      '  evidence/audit/audit-deep-nesting.ndjson:2: invalid-field: LogonType has an unusable value {"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"...',
    ],
    rows: 3,
    read: 2,
    used: 2,
  },
  'audit-duplicate-keys.ndjson': {
    exit: 0,
    says: [
      '  evidence/audit/audit-duplicate-keys.ndjson:1: notice: ClientIPAddress is given 2 times ("203.0.113.9", "10.20.1.15"): every value is considered for attribution',
    ],
    rows: 1,
    read: 1,
    used: 1,
    // The attacker's address comes first, a benign one last: still attributed.
    report: (report) => {
      expect(exposedIds(report)).toEqual([
        'BASE0001@eurprd01.prod.outlook.com',
        'DUPKEY01@eurprd01.prod.outlook.com',
      ]);
    },
  },
  'audit-duplicate-user.ndjson': {
    exit: 0,
    says: [
      '  evidence/audit/audit-duplicate-user.ndjson:1: invalid-field: UserId is given 2 times with different values ("anna.berg@contoso-demo.nl", "someone.else@contoso-demo.nl"): the record cannot be read one way',
    ],
    rows: 2,
    read: 1,
    used: 1,
  },
  'audit-empty-userid.ndjson': {
    exit: 0,
    says: [],
    // The ComplianceManager record without a user is read and out of scope; not rejected.
    rows: 2,
    read: 2,
    used: 1,
  },
  'audit-ip-zone-id.ndjson': {
    exit: 0,
    says: [],
    rows: 2,
    read: 2,
    used: 2,
    // 2001:db8:66::1f%eth0 is the attacker's /48 with a zone id; [fe80::1%15]:443 is not.
    report: (report) => {
      expect(exposedIds(report)).toEqual([
        'BASE0001@eurprd01.prod.outlook.com',
        'ZONE0001@eurprd01.prod.outlook.com',
      ]);
    },
  },
  'audit-control-chars.ndjson': {
    exit: 0,
    says: [],
    rows: 1,
    read: 1,
    used: 1,
    // NUL, BEL and a right-to-left override are kept as the record gives them.
    report: (report) => {
      expect(
        report.messages.find((message) => message.internetMessageId.startsWith('CTRL0001'))
          ?.subject,
      ).toBe('Invoice\u0000 2026\u0007 for invoice\u202efdp.exe');
    },
  },
  'trace-ambiguous-date.csv': {
    exit: 0,
    says: [
      '  evidence/trace/trace-ambiguous-date.csv:2: invalid-field: Received has an unusable value "03/10/2026 08:15"',
    ],
    rows: 2,
    read: 1,
    used: 0,
  },
  'trace-offset-out-of-range.csv': {
    exit: 0,
    says: [
      '  evidence/trace/trace-offset-out-of-range.csv:2: invalid-field: Received has an unusable value "2026-10-01T16:02:11+99:99"',
    ],
    rows: 2,
    read: 1,
    used: 0,
  },
  'trace-year-0050.csv': {
    exit: 0,
    says: [],
    // Read as the year 50, not 1950 or 2050: a message no record of the case refers to.
    rows: 1,
    read: 1,
    used: 0,
  },
  'trace-missing-messageid.csv': {
    exit: 0,
    says: ['  evidence/trace/trace-missing-messageid.csv:2: missing-field: MessageId is missing'],
    rows: 2,
    read: 1,
    used: 0,
  },
  'trace-leading-space-subject.csv': {
    exit: 0,
    says: [],
    rows: 1,
    read: 1,
    used: 1,
    report: (report) => {
      expect(report.messages.map((message) => message.subject)).toEqual([' =1+1']);
    },
  },
  'trace-script-sender.csv': {
    exit: 0,
    says: [
      '  notice: "<script>alert(1)</script>" is not an e-mail address: it stays as sender or recipient of the exposed message BASE0001@eurprd01.prod.outlook.com in anna.berg@contoso-demo.nl, but is not counted as a data subject',
    ],
    rows: 1,
    read: 1,
    used: 1,
    report: (report) => {
      expect(report.dataSubjects.map((subject) => subject.address)).not.toContain(
        '<script>alert(1)</script>',
      );
    },
  },
  'case-tabs.yaml': {
    exit: 2,
    says: [
      '<case>/case.yaml:9:1: a tab indents this line; YAML indents with spaces only: replace the tab with spaces, then validate again',
    ],
  },
  'case-duplicate-key.yaml': {
    exit: 2,
    says: ['<case>/case.yaml:8:3: this key appears twice in the same mapping; keep one'],
  },
  'case-wrong-types.yaml': {
    exit: 2,
    says: [
      '<case>/case.yaml:3:10: case.title: must be text, not a list',
      '<case>/case.yaml:8:11: accounts: must be a list, not 42; write [first, second] or one "- entry" line per entry',
    ],
  },
  'case-alias-bomb.yaml': {
    exit: 2,
    says: [
      '<case>/case.yaml: the case file cannot be read as data: Excessive alias count indicates a resource exhaustion attack; write the values out instead of repeating them through YAML aliases (*name)',
    ],
  },
  'case-output-is-evidence.yaml': {
    exit: 2,
    says: [
      '<case>/evidence/audit: the output folder is the evidence folder <case>/evidence/audit (of <case>/evidence/audit/audit.ndjson): reports must never be written among the evidence; choose another output folder (output: in the case file, or --out)',
    ],
  },
  'case-output-is-file.yaml': {
    exit: 2,
    says: [
      '<case>/evidence/trace/trace.csv: the output folder is a file, not a folder; choose a folder (output: in the case file, or --out)',
    ],
  },
};

/** The sound case with one broken file in it, in a folder of its own. */
async function caseWith(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mailexposure-broken-'));
  await mkdir(join(dir, 'evidence', 'audit'), { recursive: true });
  await mkdir(join(dir, 'evidence', 'trace'), { recursive: true });
  await copyFile(join(fixtures, 'base', 'audit.ndjson'), join(dir, 'evidence/audit/audit.ndjson'));
  await copyFile(join(fixtures, 'base', 'trace.csv'), join(dir, 'evidence/trace/trace.csv'));
  const broken = join(fixtures, 'inputs', name);
  if (name.startsWith('case-')) await copyFile(broken, join(dir, 'case.yaml'));
  else {
    await copyFile(join(fixtures, 'case.yaml'), join(dir, 'case.yaml'));
    const folder = name.startsWith('trace-') ? 'trace' : 'audit';
    await copyFile(broken, join(dir, 'evidence', folder, name));
  }
  return dir;
}

describe('the broken inputs of test/fixtures/broken', () => {
  it('are each pinned here, at least 30 of them', async () => {
    const names = (await readdir(join(fixtures, 'inputs'))).sort();
    expect(Object.keys(BROKEN).sort()).toEqual(names);
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  it.each(Object.entries(BROKEN))('%s', async (name, expected) => {
    const dir = await caseWith(name);
    const result = await runInProcess(['run', join(dir, 'case.yaml')], {
      SOURCE_DATE_EPOCH: '1793000000',
    });
    const stderr = result.stderr.replaceAll(dir, '<case>');
    expect(result.status, stderr).toBe(expected.exit);
    const lines = stderr.split('\n');
    for (const line of expected.says) expect(lines).toContain(line);
    // Nothing else said of the broken input's records than what is pinned.
    const problemLine = (line: string): boolean =>
      /^ {2}\S/.test(line) && line.includes(`/${name}:`);
    expect(lines.filter(problemLine)).toEqual(expected.says.filter(problemLine));
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain('report it as a bug');

    const reportPath = join(dir, 'out', 'report.json');
    if (expected.exit !== 0) {
      expect(existsSync(reportPath)).toBe(false);
      return;
    }
    const report = JSON.parse(await readFile(reportPath, 'utf8')) as Report;
    const folder = name.startsWith('trace-') ? 'trace' : 'audit';
    const input = report.inputs.find((entry) => entry.path === `evidence/${folder}/${name}`);
    // Every record accounted for: read (used, or out of scope) or rejected with its problem.
    expect(input && input.records + input.rejected).toBe(expected.rows);
    expect(input?.records).toBe(expected.read);
    expect(input?.inScope).toBe(expected.used);
    const rejections = report.problems.filter(
      (problem) => problem.input === input?.path && problem.code !== 'notice',
    );
    expect(new Set(rejections.map((problem) => problem.line)).size).toBe(input?.rejected);
    for (const problem of rejections) expect(problem.line).not.toBeNull();
    // The sound inputs beside it are used whole.
    const base = report.inputs.filter((entry) => entry.path !== input?.path);
    expect(base.map((entry) => [entry.path, entry.records, entry.rejected])).toEqual([
      ['evidence/audit/audit.ndjson', 2, 0],
      ['evidence/trace/trace.csv', 1, 0],
    ]);
    expected.report?.(report);
  });
});
