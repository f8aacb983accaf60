/**
 * A new case file to fill in (`mailexposure init`): every key with what it is for, and
 * placeholder values from the documentation address ranges and example domains, so nothing in
 * it can match a real attacker. Valid as it stands once its evidence folders hold files.
 * The collect section is commented out: most cases start from exported files.
 */
export function caseTemplate(schemaPath = '../../case.schema.json'): string {
  return TEMPLATE.replace('$schema=../../case.schema.json', `$schema=${schemaPath}`);
}

const TEMPLATE = `# yaml-language-server: $schema=../../case.schema.json
# mailexposure case file: which mailboxes were compromised, how to recognise the attacker, the
# period and the evidence. Check it with \`mailexposure validate case.yaml\`.
# Paths are relative to the folder of this file.

case: # what the case is and how its reports are labelled
  id: BEC-2026-014 # case reference, shown on every report page
  title: Mailbox compromise at Example B.V. # shown on the report's cover
  organization: Example B.V. # whose mailboxes were compromised
  domains: [example.com, example.net] # its mail domains: addresses there (or at subdomains) are internal
  timezone: Europe/Amsterdam # IANA time zone of the times in the reports (default UTC); all maths is UTC
  locale: en # language of the report prose: en, nl or de (default en)
  preparedFor: Example Law LLP, outside counsel # optional, on the cover
  preparedBy: Example Incident Response # optional, on the cover
  classification: Confidential — prepared at the request of counsel # optional, on every page
  nonPersonAddresses: [] # optional: addresses that are no person (shared, role, no-reply, devices), e.g. [scan@example.com, "*@noreply.example.net"]
  personAddresses: [] # optional: addresses that are a person although they look like a role address, e.g. [info@one-person-firm.example]

accounts: # the compromised accounts, as user principal names
  - finance.lead@example.com

threatActor: # how to recognise the attacker: at least one address, session or app
  ips: [203.0.113.7, 203.0.113.64/26, "2001:db8:66::/48"] # addresses or CIDR ranges, IPv4 or IPv6
  sessionIds: [] # known attacker sessions (SessionId / AADSessionId), e.g. [4f6d1c2e-8a3b-4c5d-9e0f-1a2b3c4d5e6f]
  appIds: [] # application (client) ids of OAuth apps the attacker used

window: # the investigated period, both ends inclusive
  start: 2026-10-01T00:00:00Z # Z is UTC; or with an offset, 2026-10-01T02:00:00+02:00; or a date, 2026-10-01
  end: 2026-10-15T00:00:00Z # written like start

measures: [] # optional: what was done about the breach, one item each, for the notification worksheet, e.g. ["13 Oct 2026: password reset, sessions revoked"]

evidence: # exported files: paths or globs; formats are recognised from content; each must match a file
  audit: [evidence/audit/*] # unified audit log exports (Purview CSV or JSON); required unless you collect
  messageTrace: [evidence/trace/*] # message trace exports, for sender, recipients and subject; optional
  signIns: [evidence/signins/*] # Entra sign-in logs, to tie sessions to attacker addresses; optional

report: # which reports to write; every key here is optional
  formats: [pdf, xlsx, json, csv] # pdf for counsel, xlsx for the analyst and the DPO, json for tools, csv to pull the messages into a review platform
  redactSubjects: false # true: no message subject in any file of the output folder, report.json included (addresses, folders and ids stay)
  pdfMessageLimit: 2000 # most messages listed in the PDF; the workbook lists them all
  sensitiveKeywords: # optional: your own keywords for leads on the kind of data, added to the built-in English, Dutch and German ones; salaris* matches longer words, *gehalt words ending in it
    health: [] # health data (GDPR Art. 9), e.g. [re-integratieplan]
    special: [] # the other special categories of Art. 9: origin, opinions, beliefs, union membership, genetic and biometric data, sex life
    criminal: [] # criminal convictions and offences (Art. 10)
    financial: [] # financial and bank details, e.g. [rekeningafschrift*]
    identity: [] # identity documents and national numbers
    credentials: [] # passwords, codes and login details
    hr: [] # HR and salary, e.g. [13e maand, bonus*]
    children: [] # children
  # previous: out/BEC-2026-014-phase-1/report.json # an earlier report of this case: the reports then say what changed since

output: out/BEC-2026-014 # where the reports go (\`--out DIR\` overrides)

# To collect live from Microsoft 365 over Graph, remove "# " from the start of each line below.
# collect: # live collection instead of or besides the evidence files (which may then be left out)
#   tenantId: 00000000-0000-0000-0000-000000000000 # directory (tenant) id, or e.g. example.onmicrosoft.com
#   clientId: 00000000-0000-0000-0000-000000000000 # application (client) id of the app registration
#   cloud: global # global, gcc-high, dod or china
#   auth: # how the collector signs in; a secret itself never goes in this file
#     method: certificate # sign in as the app with a certificate (recommended)
#     certificatePath: secrets/collector.pem # PEM file with the private key and the certificate
#     thumbprintSha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" # the certificate's SHA-256, quoted
#     # or, instead of the three lines above: method: secret, secretEnv: MAILEXPOSURE_CLIENT_SECRET
#     #   (secretEnv names the environment variable that holds the client secret)
#     # or, instead of them: method: deviceCode (an investigator signs in interactively)
#   apiVersion: v1.0 # Graph API version of the audit log query: v1.0 or beta
#   chunkHours: 24 # hours covered by one audit log query
#   messageTraceBudget: { requests: 100, minutes: 5 } # most message trace requests in that time (tenant limit: 100 in 5)
#   evidenceDir: evidence/collected # where collected evidence goes, under the output folder (outside it, e.g. ../evidence-collected, when redactSubjects is true)
#   endpoints: null # only for tests: { login: https://localhost:8443, graph: https://localhost:8443 }
`;
