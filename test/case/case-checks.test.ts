import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatInputIssue } from '../../src/model/index.js';
import { FIXTURE_DIR, fixture, issue, issuesOf } from './fixture.js';

/*
 * Each check of the case file, pinned on a small fixture that is valid but for the slips under
 * test: every issue is reported (not only the first), at the line and column of the offending
 * value (or of the mapping a missing key belongs in), with its key path and what to do.
 */

describe('YAML syntax', () => {
  it('reports a syntax error at the place the yaml library found it', async () => {
    const file = fixture('syntax-error.yaml');

    expect(await issuesOf(file)).toEqual([
      issue(file, 6, 1, null, /^YAML syntax: Flow sequence .* must .* end with a \]$/),
    ]);
  });

  it('reports a key written twice in a mapping at the second one', async () => {
    const file = fixture('duplicate-key.yaml');

    expect(await issuesOf(file)).toEqual([
      issue(file, 15, 1, null, /appears twice in the same mapping; keep one/),
    ]);
  });
});

describe('missing keys', () => {
  it('points at the mapping the key belongs in and says what the key is for', async () => {
    const file = fixture('missing-keys.yaml');

    expect(await issuesOf(file)).toEqual([
      issue(
        file,
        1,
        1,
        'window',
        /^required key `window` is missing here; add it: The investigated period/,
      ),
      issue(
        file,
        2,
        3,
        'case.domains',
        /^required key `domains` is missing here; add it: Mail domains/,
      ),
      issue(
        file,
        2,
        3,
        'case.title',
        /^required key `title` is missing here; add it: The case's title/,
      ),
      issue(file, 10, 3, 'collect.tenantId', /^required key `tenantId` is missing here/),
      issue(
        file,
        12,
        5,
        'collect.auth.certificatePath',
        /^required key `certificatePath` is missing here; add it: PEM file/,
      ),
      issue(file, 14, 8, 'output', /^has no value; add it: Folder for the reports/),
    ]);
  });

  it('shows the file as the user named it, in the file:line:column form', async () => {
    const shown = relative(process.cwd(), fixture('missing-keys.yaml'));

    const [first] = await issuesOf(shown);

    expect(first && formatInputIssue(first)).toMatch(
      /^test\/fixtures\/case\/missing-keys\.yaml:1:1: window: required key `window` is missing here/,
    );
  });
});

describe('wrong types', () => {
  it('says what the value must be, what it is, and how to write it', async () => {
    const file = fixture('wrong-types.yaml');

    expect(await issuesOf(file)).toEqual([
      issue(file, 2, 7, 'case.id', /^must be text, not 2026014; put the value in quotes$/),
      issue(
        file,
        5,
        12,
        'case.domains',
        /^must be a list, not the text "kwizzy.example"; write \[first, second\]/,
      ),
      issue(
        file,
        9,
        9,
        'window',
        /^must be a mapping of keys to values, not the text "2026-10-01"$/,
      ),
      issue(
        file,
        13,
        19,
        'report.redactSubjects',
        /^must be true or false, not the text "yes"; write true or false/,
      ),
      issue(file, 14, 20, 'report.pdfMessageLimit', /^must be a whole number, not 1.5$/),
    ]);
  });
});

describe('text with a colon', () => {
  it('says to put a measure in quotes when its ": " made it a mapping', async () => {
    const file = fixture('measures-unquoted.yaml');
    const issues = await issuesOf(file);

    expect(issues).toEqual([
      issue(file, 14, 5, 'measures[1]', /^must be text, not a mapping: YAML reads the ": "/),
      issue(file, 15, 5, 'measures[2]', /^must be text, not a mapping/),
    ]);
    expect(issues.map(formatInputIssue)).toEqual([
      `${file}:14:5: measures[1]: must be text, not a mapping: YAML reads the ": " in unquoted text as a key and its value; put the item in quotes: - 'Password reset: done 10 Oct'`,
      `${file}:15:5: measures[2]: must be text, not a mapping: YAML reads the ": " in unquoted text as a key and its value; put the item in quotes: - 'Consent withdrawn:'`,
    ]);
  });
});

describe('the window', () => {
  it('rejects a start after the end, comparing the instants rather than the text', async () => {
    const file = fixture('window-start-after-end.yaml');

    expect(await issuesOf(file)).toEqual([
      issue(
        file,
        10,
        10,
        'window.start',
        /^2026-10-15T00:00:00Z is after window\.end \(2026-10-14T23:59:59Z\)/,
      ),
    ]);
  });

  it('rejects a time without UTC offset and a date that does not exist', async () => {
    const file = fixture('window-invalid.yaml');

    expect(await issuesOf(file)).toEqual([
      issue(
        file,
        10,
        10,
        'window.start',
        /^"2026-10-01T00:00:00" has no UTC offset.*add Z for UTC/,
      ),
      issue(file, 11, 8, 'window.end', /^"2026-02-30" is not a real date and time; write e\.g\./),
    ]);
  });
});

describe('values', () => {
  it('checks domains, time zone, locale, accounts, addresses, app ids and report settings', async () => {
    const file = fixture('values-invalid.yaml');

    expect(await issuesOf(file)).toEqual([
      issue(
        file,
        5,
        29,
        'case.domains[1]',
        /^"finance.lead@kwizzy.example" is an e-mail address, not a domain name/,
      ),
      issue(file, 5, 58, 'case.domains[2]', /^"kwizzy" is not a domain name/),
      issue(
        file,
        6,
        13,
        'case.timezone',
        /^"Europe\/Amsterdm" is not an IANA time zone name.*did you mean `Europe\/Amsterdam`\?$/,
      ),
      issue(file, 7, 11, 'case.locale', /^"fr" is not one of: en, nl, de$/),
      issue(
        file,
        10,
        5,
        'accounts[1]',
        /^"finance.lead" is not a user principal name \(local@domain\.tld/,
      ),
      issue(
        file,
        12,
        22,
        'threatActor.ips[1]',
        /^"203\.0\.113\.300" is not an IP address or CIDR range/,
      ),
      issue(
        file,
        12,
        37,
        'threatActor.ips[2]',
        /^"198\.51\.100\.0\/33" is not an IP address or CIDR range/,
      ),
      issue(
        file,
        12,
        54,
        'threatActor.ips[3]',
        /^"203\.0\.113\.9:443" is not an IP address .*without brackets or port/,
      ),
      issue(file, 13, 12, 'threatActor.appIds[0]', /^"not-a-guid" is not a GUID/),
      issue(file, 20, 18, 'report.formats[1]', /^"docx" is not one of: pdf, xlsx, json, csv$/),
      issue(file, 21, 20, 'report.pdfMessageLimit', /^must be at least 0, not -1$/),
    ]);
  });

  it('checks the addresses that settle who is a person', async () => {
    const file = fixture('people-invalid.yaml');
    expect(await issuesOf(file)).toEqual([
      issue(
        file,
        6,
        70,
        'case.nonPersonAddresses[2]',
        /^"scanner" is not an e-mail address \(scan@example.com\) or \*@domain/,
      ),
      issue(
        file,
        7,
        51,
        'case.personAddresses[1]',
        /^"info at example.com" is not an e-mail address/,
      ),
    ]);
  });

  it('checks the keywords of the leads on the kind of data', async () => {
    const file = fixture('keywords-invalid.yaml');
    expect(await issuesOf(file)).toEqual([
      issue(
        file,
        16,
        21,
        'report.sensitiveKeywords.hr[1]',
        /^"sal\*ris" is not a keyword: write a word or words, with \* only at the start or end/,
      ),
      issue(file, 17, 14, 'report.sensitiveKeywords.health[0]', /^"\*" is not a keyword/),
      issue(file, 18, 5, 'report.sensitiveKeywords.pets', /pets/),
    ]);
  });

  it('prints the documented message for a bad address', async () => {
    const shown = relative(process.cwd(), fixture('values-invalid.yaml'));

    const issues = await issuesOf(shown);

    expect(issues.map(formatInputIssue)).toContain(
      'test/fixtures/case/values-invalid.yaml:12:22: threatActor.ips[1]: "203.0.113.300" is not an IP address or CIDR range (e.g. 203.0.113.7, 203.0.113.0/24 or 2001:db8::/32, without brackets or port)',
    );
  });

  it('needs at least one way to recognise the attacker', async () => {
    const file = fixture('threat-actor-empty.yaml');

    expect(await issuesOf(file)).toEqual([
      issue(
        file,
        8,
        3,
        'threatActor',
        /^names no IP address, session id or app id.*add at least one$/,
      ),
    ]);
  });
});

describe('unknown keys', () => {
  it('are errors at the key itself, with the closest known key or the section it belongs to as a hint', async () => {
    const file = fixture('unknown-keys.yaml');

    expect(await issuesOf(file)).toEqual([
      issue(file, 3, 3, 'case.titel', /^unknown key `titel`; did you mean `title`\?$/),
      issue(
        file,
        8,
        1,
        'threatActors',
        /^unknown key `threatActors`; did you mean `threatActor`\?$/,
      ),
      issue(
        file,
        17,
        3,
        'evidence.mailboxAudit',
        /^unknown key `mailboxAudit`; the keys allowed here are: audit, messageTrace, signIns$/,
      ),
      issue(
        file,
        20,
        3,
        'report.locale',
        /^`locale` is not allowed here; it belongs under `case:`: move it there$/,
      ),
    ]);
  });

  it('refuse a secret written in the file, pointing to secretEnv, without echoing it', async () => {
    const file = fixture('secret-in-file.yaml');

    const issues = await issuesOf(file);

    expect(issues).toEqual([
      issue(file, 16, 5, 'collect.auth.secretEnv', /^required key `secretEnv` is missing here/),
      issue(
        file,
        17,
        5,
        'collect.auth.clientSecret',
        /^`clientSecret` must not be in the case file.*environment variable.*`secretEnv`/,
      ),
    ]);
    expect(issues.map((found) => found.message).join('\n')).not.toContain('notARealSecret');
  });
});

describe('evidence', () => {
  it('names every pattern that matches no file, and where it looked', async () => {
    const file = fixture('evidence-no-match.yaml');

    expect(await issuesOf(file)).toEqual([
      issue(
        file,
        13,
        33,
        'evidence.audit[1]',
        new RegExp(`^"evidence/audit/\\*\\.evtx" matches no file \\(looked in ${FIXTURE_DIR}\\)$`),
      ),
      issue(file, 14, 17, 'evidence.messageTrace', /^"evidence\/trace\/\*\.xlsx" matches no file/),
      issue(
        file,
        15,
        13,
        'evidence.signIns[0]',
        /^"evidence\/signins" matches no file .*; it is a folder: name its files, e\.g\. evidence\/signins\/\*$/,
      ),
    ]);
  });

  it('is required when the case does not collect live', async () => {
    const file = fixture('evidence-missing.yaml');

    expect(await issuesOf(file)).toEqual([
      issue(
        file,
        1,
        1,
        'evidence',
        /^required key `evidence` is missing; list the exported audit logs .* or add a collect section/,
      ),
    ]);
  });

  it('needs an audit log pattern when the case does not collect live', async () => {
    const file = fixture('evidence-no-audit.yaml');

    expect(await issuesOf(file)).toEqual([
      issue(file, 13, 3, 'evidence.audit', /^names no audit log export; add a path or glob/),
    ]);
  });
});
