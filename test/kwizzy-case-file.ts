import { join } from 'node:path';
import type { CaseFile, CollectSettings } from '../src/model/index.js';

/**
 * The Kwizzy case file as the loader returns it (defaults applied), for the analysis and
 * collection tests and the collection benchmark: each names only what it is about.
 */
export interface CaseFileFields extends Partial<Omit<CaseFile, 'case'>> {
  case?: Partial<CaseFile['case']>;
}

export function kwizzyCaseFile(fields: CaseFileFields = {}): CaseFile {
  const { case: caseFields, ...rest } = fields;
  return {
    path: '/cases/bec/case.yaml',
    dir: '/cases/bec',
    sha256: '0'.repeat(64),
    accounts: ['finance.lead@kwizzy.nl'],
    threatActor: { ips: [], sessionIds: [], appIds: [] },
    window: { start: '2026-10-01T00:00:00Z', end: '2026-10-15T00:00:00Z' },
    measures: [],
    evidence: { audit: [], messageTrace: [], signIns: [] },
    collect: null,
    report: {
      formats: ['json'],
      redactSubjects: false,
      sensitiveKeywords: {},
      pdfMessageLimit: 500,
      previous: null,
    },
    output: '/cases/bec/out',
    ...rest,
    case: {
      id: 'BEC-2026-014',
      title: 'Mailbox compromise at Kwizzy B.V.',
      organization: 'Kwizzy B.V.',
      domains: ['kwizzy.nl'],
      timezone: 'Europe/Amsterdam',
      locale: 'en',
      preparedFor: null,
      preparedBy: null,
      classification: null,
      nonPersonAddresses: [],
      personAddresses: [],
      ...caseFields,
    },
  };
}

/** A case file whose YAML lies in `folder`, which is its output folder too. */
export function caseIn(folder: string): Pick<CaseFile, 'path' | 'dir' | 'output'> {
  return { path: join(folder, 'case.yaml'), dir: folder, output: folder };
}

/** The `collect:` section with the defaults the loader applies, against the given tenant. */
export function collectSettings(
  fields: Pick<CollectSettings, 'tenantId' | 'clientId' | 'endpoints'> & Partial<CollectSettings>,
): CollectSettings {
  return {
    cloud: 'global',
    auth: { method: 'secret', secretEnv: 'MAILEXPOSURE_CLIENT_SECRET' },
    apiVersion: 'v1.0',
    chunkHours: 24,
    messageTraceBudget: { requests: 100, minutes: 5 },
    evidenceDir: 'evidence',
    ...fields,
  };
}
