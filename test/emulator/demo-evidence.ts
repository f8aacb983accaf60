import { parse } from 'csv-parse/sync';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The demo case's evidence, read just well enough to seed the emulator. This is deliberately
 * not mailexposure's reader (src/sources): the emulator stands in for Microsoft 365 and must not
 * share the code it is used to test. Formats are recognised by content; files it cannot use
 * are listed in `skipped` rather than failing the emulator.
 */
export interface DemoEvidence {
  /** Bare AuditData objects, as found (duplicates across exports included). */
  auditRecords: Record<string, unknown>[];
  /** Graph beta signIn objects. */
  signIns: Record<string, unknown>[];
  /** Message-trace CSV rows (Get-MessageTrace / Get-MessageTraceV2 columns). */
  traceRows: Record<string, string>[];
  /** Files (relative to the evidence folder) with nothing the emulator can use, and why. */
  skipped: string[];
}

function decode(bytes: Buffer): string {
  // Windows PowerShell writes UTF-16LE when output is redirected; others UTF-8, often with a BOM.
  const text =
    bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.toString('utf16le') : bytes.toString('utf8');
  return text.replace(/^\uFEFF/, '');
}

function jsonItems(text: string): unknown[] | null {
  const trimmed = text.trim();
  try {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value)) return value as unknown[];
    const inner = (value as { value?: unknown } | null)?.value;
    return Array.isArray(inner) ? (inner as unknown[]) : [value];
  } catch {
    // Not one JSON document: maybe one per line.
  }
  try {
    return trimmed
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);
  } catch {
    return null;
  }
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** An AuditData object from an export item: the item itself, or its AuditData (object or JSON text). */
function auditDataOf(item: Record<string, unknown>): Record<string, unknown> | null {
  const inner = item.AuditData;
  if (typeof inner === 'string') {
    try {
      return asObject(JSON.parse(inner));
    } catch {
      return null;
    }
  }
  if (asObject(inner) !== null) return asObject(inner);
  return typeof item.CreationTime === 'string' && typeof item.Id === 'string' ? item : null;
}

function readJson(items: unknown[], evidence: DemoEvidence): number {
  let used = 0;
  for (const value of items) {
    const item = asObject(value);
    if (item === null) continue;
    const audit = auditDataOf(item);
    if (audit !== null) {
      evidence.auditRecords.push(audit);
      used++;
    } else if (
      typeof item.createdDateTime === 'string' &&
      typeof item.userPrincipalName === 'string'
    ) {
      evidence.signIns.push(item);
      used++;
    }
  }
  return used;
}

function readCsv(text: string, evidence: DemoEvidence): number {
  const rows = parse<Record<string, string>>(text, {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
  });
  const header = Object.keys(rows[0] ?? {});
  if (header.includes('AuditData')) return readJson(rows, evidence);
  if (header.includes('MessageId') && header.includes('RecipientAddress')) {
    evidence.traceRows.push(...rows);
    return rows.length;
  }
  return 0;
}

/** Reads every file under `evidenceDir`, in name order. */
export function readDemoEvidence(evidenceDir: string): DemoEvidence {
  const evidence: DemoEvidence = { auditRecords: [], signIns: [], traceRows: [], skipped: [] };
  if (!existsSync(evidenceDir)) {
    evidence.skipped.push(`${evidenceDir}: no such folder, so the tenant is empty`);
    return evidence;
  }
  const files = readdirSync(evidenceDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    const text = decode(readFileSync(file));
    const items = jsonItems(text);
    const name = relative(evidenceDir, file);
    try {
      const used = items === null ? readCsv(text, evidence) : readJson(items, evidence);
      if (used === 0) evidence.skipped.push(`${name}: no audit, sign-in or trace records`);
    } catch (error) {
      evidence.skipped.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return evidence;
}
