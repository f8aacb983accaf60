import type { Preflight, PreflightCheck } from '../collect/index.js';
import { describeFailure } from '../collect/index.js';
import type { CaseFile } from '../model/index.js';

const STEP_NAMES: Record<PreflightCheck['step'], string> = {
  audit: 'audit records',
  signIns: 'sign-ins',
  lookups: 'mailbox',
  folders: 'synced folders',
  messageTrace: 'message trace',
};

/** A check passes when the token has what the step needs and the probe was answered. */
export function passes(check: PreflightCheck): boolean {
  return check.failure === null && check.granted !== false;
}

function stepName(check: PreflightCheck): string {
  return check.mailbox === null
    ? STEP_NAMES[check.step]
    : `${STEP_NAMES[check.step]} ${check.mailbox}`;
}

function present(check: PreflightCheck): string {
  if (passes(check)) return check.granted === null ? 'yes (answered)' : 'yes';
  const inToken = check.granted === false ? 'not in the token' : null;
  const answer = check.failure === null ? null : describeFailure(check.failure);
  return `NO: ${[inToken, answer].filter((part) => part !== null).join('; ')}`;
}

/** `collect --check`: one row per step, what it needs, whether it is there, what it costs if not. */
export function formatPreflight(preflight: Preflight, caseFile: CaseFile): string {
  const settings = caseFile.collect;
  const who =
    preflight.signedInAs === 'app'
      ? `the app ${settings?.clientId ?? ''}`
      : 'a person (device code)';
  const rows = preflight.checks.map((check) => [
    stepName(check),
    check.needs.join(', '),
    present(check),
    check.missing,
  ]);
  const header = ['step', 'permission needed', 'present?', 'what will be missing if not'];
  const widths = [0, 1, 2].map((column) =>
    rows.reduce(
      (widest, row) => Math.max(widest, row[column]?.length ?? 0),
      header[column]?.length ?? 0,
    ),
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  ');
  const failing = preflight.checks.filter((check) => !passes(check)).length;
  return [
    `Preflight for tenant ${settings?.tenantId ?? ''} (${settings?.cloud ?? ''}), signed in as ${who}`,
    `Token ${preflight.signedInAs === 'app' ? 'roles' : 'scopes'}: ${preflight.permissions?.join(', ') ?? 'not readable'}`,
    '',
    line(header),
    ...rows.map(line),
    '',
    failing === 0
      ? 'Everything the collection needs is there.'
      : `${failing} ${failing === 1 ? 'step' : 'steps'} will be missing: the collection would go on without ${failing === 1 ? 'it' : 'them'}, and the report would say so. See docs/live-collection.md for the permissions.`,
    '',
  ].join('\n');
}

/** Before a long collection: one warning line per step that will be missing. */
export function preflightWarnings(preflight: Preflight): string {
  return preflight.checks
    .filter((check) => !passes(check))
    .map(
      (check) =>
        `warning: ${stepName(check)} will be missing (${present(check).slice(4)}): ${check.missing}\n`,
    )
    .join('');
}
