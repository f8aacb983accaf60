import * as z from 'zod';
import {
  addressPatternProblem,
  keywordProblem,
  addressRangeProblem,
  domainProblem,
  environmentVariableProblem,
  guidProblem,
  httpsUrlProblem,
  sessionIdProblem,
  tenantIdProblem,
  thumbprintProblem,
  userPrincipalNameProblem,
} from './field-checks.js';
import { timeZoneProblem } from './time-zone.js';
import { parseWindowTime } from './window-time.js';

/*
 * The case file as users write it (camelCase keys, see DESIGN.md). Every field carries a
 * description: editors show it through case.schema.json, and a missing key's message quotes it.
 * Every union names its own error, because zod's default for a union is a bare "Invalid input".
 */

const text = () => z.string().trim().min(1);

/** Text checked by `problem`, which says what is wrong or returns null. */
const checkedText = (problem: (value: string) => string | null) =>
  z
    .string()
    .trim()
    .check((ctx) => {
      const message = problem(ctx.value);
      if (message !== null) ctx.issues.push({ code: 'custom', message, input: ctx.value });
    });

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** A list whose repeated entries are dropped (first one kept, order kept). */
function list<T extends z.ZodType<string>>(item: T, { required = false } = {}) {
  const array = z.array(item);
  return (required ? array.min(1) : array).transform(unique);
}

const windowTime = z.string().transform((value, ctx) => {
  const result = parseWindowTime(value);
  if ('iso' in result) return result.iso;
  ctx.issues.push({ code: 'custom', message: result.problem, input: value });
  return z.NEVER;
});

const evidencePatterns = z
  .union([text(), z.array(text())], {
    error: 'must be a path pattern or a list of them, e.g. [evidence/audit/*.csv]',
  })
  .transform((value) => unique(typeof value === 'string' ? [value] : value))
  .default([]);

const REPORT_FORMATS = ['pdf', 'xlsx', 'json', 'csv'] as const;
const LOCALES = ['en', 'nl', 'de'] as const;

const caseSection = z
  .strictObject({
    id: text().describe('Case reference, e.g. BEC-2026-014; shown on every report page.'),
    title: text().describe("The case's title, shown on the report's cover."),
    organization: text().describe('The organisation whose mailboxes were compromised.'),
    domains: list(checkedText(domainProblem).toLowerCase(), { required: true }).describe(
      'Mail domains of the organisation (lower-cased). An address at one of these, or at a subdomain, is internal; any other is external.',
    ),
    timezone: checkedText(timeZoneProblem)
      .default('UTC')
      .describe(
        'IANA time zone in which the reports show times, e.g. Europe/Amsterdam. All comparisons are made in UTC.',
      ),
    locale: z.enum(LOCALES).default('en').describe('Language of the report prose: en, nl or de.'),
    preparedFor: text()
      .nullish()
      .describe('Who the report is prepared for, e.g. outside counsel; shown on the cover.'),
    preparedBy: text()
      .nullish()
      .describe('Who prepared the report (analyst or firm); shown on the cover.'),
    classification: text()
      .nullish()
      .describe(
        'Classification line on every page, e.g. "Confidential — prepared at the request of counsel".',
      ),
    nonPersonAddresses: list(checkedText(addressPatternProblem).toLowerCase())
      .default([])
      .describe(
        'Addresses that are not a person (shared mailboxes, role, no-reply and device addresses such as scan@), or *@domain for a whole domain: counted apart from the people. Settles what the reports only guess.',
      ),
    personAddresses: list(checkedText(addressPatternProblem).toLowerCase())
      .default([])
      .describe(
        'Addresses that are a person although they look like a role address (e.g. info@ of a one-person firm): counted among the people.',
      ),
  })
  .describe('What the case is and how its reports are labelled.');

const threatActorSection = z
  .strictObject({
    ips: list(checkedText(addressRangeProblem))
      .default([])
      .describe(
        "The attacker's IP addresses and CIDR ranges, IPv4 or IPv6, e.g. 203.0.113.7, 203.0.113.0/24, 2001:db8::/32.",
      ),
    sessionIds: list(checkedText(sessionIdProblem).toLowerCase())
      .default([])
      .describe(
        'Known attacker sessions (SessionId or AppAccessContext.AADSessionId of audit records), lower-cased.',
      ),
    appIds: list(checkedText(guidProblem).toLowerCase())
      .default([])
      .describe('Application (client) ids of OAuth apps the attacker used, lower-cased.'),
  })
  .refine((actor) => actor.ips.length + actor.sessionIds.length + actor.appIds.length > 0, {
    error:
      'names no IP address, session id or app id, so nothing could be attributed to the attacker; add at least one',
  })
  .describe('How to recognise the attacker in the audit records.');

const windowSection = z
  .strictObject({
    start: windowTime.describe(
      'First moment of the investigated period (inclusive): 2026-10-01T00:00:00Z, with an offset such as +02:00, or a date (midnight UTC).',
    ),
    end: windowTime.describe(
      'Last moment of the investigated period (inclusive), written like start.',
    ),
  })
  .check((ctx) => {
    const { start, end } = ctx.value;
    if (Date.parse(start) > Date.parse(end)) {
      ctx.issues.push({
        code: 'custom',
        path: ['start'],
        message: `${start} is after window.end (${end}); the window runs from start to end`,
        input: ctx.value,
      });
    }
  })
  .describe(
    'The investigated period, both ends inclusive. Times are kept in UTC as 2026-10-01T00:00:00Z, with milliseconds only when they are not zero.',
  );

export const evidenceSection = z
  .strictObject({
    audit: evidencePatterns.describe(
      'Unified audit log exports (Purview CSV, JSON, Management API): paths or globs relative to this file.',
    ),
    messageTrace: evidencePatterns.describe(
      'Message trace exports, used for message metadata: paths or globs relative to this file.',
    ),
    signIns: evidencePatterns.describe(
      'Entra sign-in log exports, used to tie sessions to attacker IPs: paths or globs relative to this file.',
    ),
  })
  .describe(
    'Exported evidence files; formats are recognised from their content. Needed unless collect is given.',
  );

const collectAuth = z
  .discriminatedUnion('method', [
    z
      .strictObject({
        method: z.literal('certificate'),
        certificatePath: text().describe(
          'PEM file with the private key and certificate, relative to this file.',
        ),
        thumbprintSha256: checkedText(thumbprintProblem)
          .transform((value) => value.replaceAll(':', '').toLowerCase())
          .describe("SHA-256 thumbprint of the app registration's certificate (64 hex digits)."),
      })
      .describe('Sign in as the app with a certificate (recommended).'),
    z
      .strictObject({
        method: z.literal('secret'),
        secretEnv: checkedText(environmentVariableProblem).describe(
          'Name of the environment variable holding the client secret; the secret never goes in this file.',
        ),
      })
      .describe('Sign in as the app with a client secret taken from an environment variable.'),
    z
      .strictObject({ method: z.literal('deviceCode') })
      .describe('Sign in interactively as an investigator, with a device code.'),
  ])
  .describe(
    'How the collector signs in: certificate, secret (from an environment variable) or deviceCode.',
  );

const collectSection = z
  .strictObject({
    tenantId: checkedText(tenantIdProblem)
      .toLowerCase()
      .describe(
        'The Microsoft 365 tenant: directory (tenant) GUID or a verified domain (lower-cased).',
      ),
    clientId: checkedText(guidProblem)
      .toLowerCase()
      .describe('Application (client) id of the app registration used to collect (lower-cased).'),
    cloud: z
      .enum(['global', 'gcc-high', 'dod', 'china'])
      .default('global')
      .describe('Microsoft cloud of the tenant.'),
    endpoints: z
      .strictObject({
        login: checkedText(httpsUrlProblem).describe('Sign-in host, e.g. https://localhost:8443.'),
        graph: checkedText(httpsUrlProblem).describe('Graph host, e.g. https://localhost:8443.'),
      })
      .nullable()
      .default(null)
      .describe("Overrides the cloud's hosts (for tests against an emulator); normally absent."),
    auth: collectAuth,
    apiVersion: z
      .enum(['v1.0', 'beta'])
      .default('v1.0')
      .describe('Graph API version for the audit log query: v1.0 or beta.'),
    chunkHours: z
      .int()
      .min(1)
      .max(8760)
      .default(24)
      .describe('Length of one audit log query, in hours; shorter chunks keep each result small.'),
    messageTraceBudget: z
      .strictObject({
        requests: z.int().min(1).max(100).describe('Requests at most in that time.'),
        minutes: z.int().min(1).max(60).describe('Minutes.'),
      })
      .default({ requests: 100, minutes: 5 })
      .describe(
        'Most message trace requests in any so many minutes: the tenant allows 100 in 5; lower it when other tools trace messages too.',
      ),
    evidenceDir: text()
      .default('evidence/collected')
      .describe(
        'Where collected evidence is written, relative to the output folder unless absolute.',
      ),
  })
  .describe('Live collection from Microsoft 365 over Graph, instead of or besides exported files.');

const keywords = (category: string) =>
  list(checkedText(keywordProblem))
    .optional()
    .describe(
      `Keywords that make a message's subject or attachment name a lead on ${category}, added to the built-in ones; * at the end matches longer words (salaris*), at the start words ending in it (*gehalt).`,
    );

const sensitiveKeywords = z
  .strictObject({
    health: keywords('health data (GDPR Art. 9)'),
    special: keywords('the other special categories of GDPR Art. 9'),
    criminal: keywords('criminal data (GDPR Art. 10)'),
    financial: keywords('financial and bank details'),
    identity: keywords('identity documents and national numbers'),
    credentials: keywords('credentials'),
    hr: keywords('HR and salary'),
    children: keywords('children'),
  })
  .default({})
  .describe(
    'Keywords per kind of data (health, special, criminal, financial, identity, credentials, hr, children) added to the built-in English, Dutch and German ones that give leads for review.',
  );

const reportSection = z
  .strictObject({
    formats: list(z.enum(REPORT_FORMATS), { required: true })
      .default([...REPORT_FORMATS])
      .describe(
        'Reports to write: pdf (for counsel), xlsx (for analyst and DPO), json, csv (the review manifest for an eDiscovery platform).',
      ),
    redactSubjects: z
      .boolean()
      .default(false)
      .describe(
        'Leave message subjects out of every file of the output folder, report.json included (subject null, subjectWithheld true); addresses, folders and ids stay.',
      ),
    previous: text()
      .optional()
      .describe(
        'An earlier report.json of this case (relative to this file): the reports then say what changed since it (GDPR Art. 33(4), information in phases).',
      ),
    pdfMessageLimit: z
      .int()
      .min(0)
      .max(20000)
      .default(2000)
      .describe(
        'Most exposed messages listed in the PDF (its tables grow slow and large); the workbook lists them all.',
      ),
    sensitiveKeywords: sensitiveKeywords,
  })
  .prefault({})
  .describe('Which reports to write and how.');

export const caseSchema = z
  .strictObject({
    case: caseSection,
    accounts: list(checkedText(userPrincipalNameProblem).toLowerCase(), {
      required: true,
    }).describe('The compromised accounts, as user principal names (lower-cased).'),
    threatActor: threatActorSection,
    window: windowSection,
    measures: list(text())
      .default([])
      .describe(
        'Measures taken about the breach (password reset, sessions revoked, rule removed, ...), one per item: the notification worksheet lists them.',
      ),
    evidence: evidenceSection.optional(),
    collect: collectSection.optional(),
    report: reportSection,
    output: text().describe(
      'Folder for the reports and collected evidence, relative to this file.',
    ),
  })
  .meta({
    title: 'mailexposure case file',
    description:
      'Which mailboxes were compromised, how to recognise the attacker, the period and the evidence.',
  });

export type CaseInput = z.output<typeof caseSchema>;
