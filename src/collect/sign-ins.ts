import { join } from 'node:path';
import type { CollectContext } from './context.js';
import { fileSafe, NdjsonFileWriter } from './evidence-writer.js';
import { graphUrl } from './graph-client.js';
import type { SignInQueryEntry } from './manifest.js';
import { odataDateTime, odataString, queryOption, withQuery } from './odata.js';
import { RejectedQueryError, savePages } from './paging.js';

/**
 * Entra sign-ins tie sessions to addresses (DESIGN.md rule 2). Graph beta is used because
 * only its signIn carries `sessionId` and `uniqueTokenIdentifier`; non-interactive sign-ins
 * (token refreshes: how a stolen session shows up) need their own query.
 */
const SIGN_IN_TYPES = ['interactive', 'nonInteractive'] as const;

export async function collectSignIns(context: CollectContext): Promise<void> {
  const { store } = context;
  const queries = store.manifest.signIns.queries;
  if (queries.length === 0) {
    for (const account of [...context.caseFile.accounts].sort()) {
      for (const signInType of SIGN_IN_TYPES) queries.push(newQuery(context, account, signInType));
    }
    await store.save();
  }
  for (const entry of queries) await store.verify(entry.file, `sign-in query ${entry.key}`);
  const pending = queries.filter((entry) => entry.status === 'pending');
  context.emit({
    type: 'step-started',
    step: 'signIns',
    total: queries.length,
    alreadyDone: queries.length - pending.length,
  });
  for (const entry of pending) {
    const path = `signins/${entry.key}.ndjson`;
    const writer = await NdjsonFileWriter.create(join(context.evidenceDir, path));
    try {
      entry.pages = await savePages(context, entry.request.url, writer, 'signIns');
    } catch (error) {
      await writer.discard();
      if (!(error instanceof RejectedQueryError && entry.signInType === 'nonInteractive')) {
        throw error;
      }
      await reject(context, entry, error.message);
      continue;
    }
    const digest = await writer.finish();
    if (digest !== null)
      store.upsertFile({ path, kind: 'signIns', format: 'graph-sign-ins', ...digest });
    entry.file = digest === null ? null : path;
    entry.records = digest?.records ?? 0;
    entry.status = 'complete';
    entry.completedAt = context.nowIso();
    await store.save();
    context.emit({
      type: 'sign-ins-finished',
      account: entry.account,
      signInType: entry.signInType,
      records: entry.records,
    });
  }
  context.emit({ type: 'step-finished', step: 'signIns' });
}

function newQuery(
  context: CollectContext,
  account: string,
  signInType: SignInQueryEntry['signInType'],
): SignInQueryEntry {
  const { window } = context.caseFile;
  const clauses = [
    `userPrincipalName eq ${odataString(account)}`,
    `createdDateTime ge ${odataDateTime(window.start)}`,
    `createdDateTime le ${odataDateTime(window.end)}`,
  ];
  if (signInType === 'nonInteractive') {
    clauses.push("signInEventTypes/any(t: t eq 'nonInteractiveUser')");
  }
  const url = withQuery(graphUrl(context.endpoints.graph, 'beta', '/auditLogs/signIns'), [
    queryOption('$filter', clauses.join(' and ')),
  ]);
  return {
    key: `${fileSafe(account)}.${signInType === 'interactive' ? 'interactive' : 'non-interactive'}`,
    account,
    signInType,
    request: { method: 'GET', url },
    status: 'pending',
    reason: null,
    pages: [],
    records: null,
    file: null,
    completedAt: null,
  };
}

/**
 * Some tenants (and Graph versions) refuse the non-interactive filter: the interactive
 * sign-ins are still collected, and the manifest says what is missing.
 */
async function reject(context: CollectContext, entry: SignInQueryEntry, reason: string) {
  entry.status = 'rejected';
  entry.reason = reason;
  entry.completedAt = context.nowIso();
  context.store.addProblem({
    code: 'feature-unavailable',
    message:
      `Non-interactive sign-ins of ${entry.account} could not be collected (${reason}); ` +
      'sessions that only refreshed tokens from an attacker address may be missed.',
  });
  await context.store.save();
}
