import type { DataCategory } from './report.js';

/** Report formats a case can ask for. */
export type ReportFormat = 'pdf' | 'xlsx' | 'json' | 'csv';

/** Microsoft 365 clouds with their own login and Graph hosts. */
export type CloudName = 'global' | 'gcc-high' | 'dod' | 'china';

export type CollectAuth =
  | {
      method: 'certificate';
      /** Absolute path of a PEM file holding the private key (and certificate). */
      certificatePath: string;
      thumbprintSha256: string;
    }
  | {
      method: 'secret';
      /** Name of the environment variable that holds the client secret. */
      secretEnv: string;
    }
  | { method: 'deviceCode' };

export interface CollectSettings {
  tenantId: string;
  clientId: string;
  cloud: CloudName;
  /** Overrides the cloud's hosts (tests point these at the emulator). */
  endpoints: { login: string; graph: string } | null;
  auth: CollectAuth;
  /** Graph API version for the audit log query, `v1.0` or `beta`. */
  apiVersion: 'v1.0' | 'beta';
  /** Length of one audit query chunk, in hours (default 24). */
  chunkHours: number;
  /**
   * Most Graph message trace requests in any `minutes` (default 100 in 5: the tenant's limit;
   * lower it when other tools trace messages in the same tenant).
   */
  messageTraceBudget: { requests: number; minutes: number };
  /** Folder, relative to the output folder unless absolute, where collected evidence goes. */
  evidenceDir: string;
}

/**
 * The case file after validation: defaults applied, accounts lower-cased, times as ISO UTC
 * with `Z`, paths absolute. Frozen once loaded; every later stage reads it and none changes it.
 */
export interface CaseFile {
  /** Absolute path of the YAML file. */
  path: string;
  /** Absolute folder of the YAML file: evidence patterns are relative to it. */
  dir: string;
  /** SHA-256 of the YAML file's bytes. */
  sha256: string;
  case: {
    id: string;
    title: string;
    organization: string;
    /** Lower-cased; an address at one of these (or a subdomain) is internal. */
    domains: string[];
    /** IANA time zone for display; all maths is in UTC. */
    timezone: string;
    locale: string;
    preparedFor: string | null;
    preparedBy: string | null;
    /** Classification line for the report, e.g. "Confidential — prepared at the request of counsel". */
    classification: string | null;
    /** Lower-cased addresses, or `*@domain`, that the analyst says are not a person. */
    nonPersonAddresses: string[];
    /** Lower-cased addresses, or `*@domain`, that the analyst says are a person. */
    personAddresses: string[];
  };
  /** Compromised accounts (UPNs), lower-cased. */
  accounts: string[];
  threatActor: {
    /** Addresses or CIDR ranges as written (validated). */
    ips: string[];
    /** Lower-cased. */
    sessionIds: string[];
    /** Lower-cased. */
    appIds: string[];
  };
  window: {
    /** ISO 8601 UTC with `Z`, inclusive. */
    start: string;
    /** ISO 8601 UTC with `Z`, inclusive. */
    end: string;
  };
  /** Measures taken about the breach, as written: the notification worksheet lists them. */
  measures: string[];
  /** Patterns as written in the case (relative to `dir`, globs allowed). */
  evidence: {
    audit: string[];
    messageTrace: string[];
    signIns: string[];
  };
  collect: CollectSettings | null;
  report: {
    formats: ReportFormat[];
    redactSubjects: boolean;
    /** Keywords per data category (health, hr, ...) added to the default lead rules. */
    sensitiveKeywords: Partial<Record<DataCategory, string[]>>;
    /** Most exposed messages listed in the PDF; the workbook always has them all. */
    pdfMessageLimit: number;
    /** Absolute path of an earlier report.json of the case, to report what changed; or null. */
    previous: string | null;
  };
  /** Absolute output folder. */
  output: string;
}
