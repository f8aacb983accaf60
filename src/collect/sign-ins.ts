import type { CollectContext } from './context.js';
import { fileSafe } from './evidence-writer.js';
import { graphUrl } from './graph-client.js';
import type { SignInQueryEntry } from './manifest.js';
import { odataDateTime, odataString, queryOption, withQuery } from './odata.js';
import { savePages } from './paging.js';
import { collectionGap, StepFailed } from './step-failure.js';

/**
 * Entra sign-ins tie sessions to addresses (DESIGN.md rule 2). Graph beta is used because
 * only its signIn carries `sessionId` and `uniqueTokenIdentifier`; non-interactive sign-ins
 * (token refreshes: how a stolen session shows up) need their own query.
 */
const SIGN_IN_TYPES = ['interactive', 'nonInteractive'] as const;

export async function collectSignIns(context: CollectContext): Promise<'complete' | 'incomplete'> {
  const { store } = context;
  const queries = store.manifest.signIns.queries;
  if (queries.length === 0) {
    for (const account of [...context.caseFile.accounts].sort()) {
      for (const signInType of SIGN_IN_TYPES) queries.push(newQuery(context, account, signInType));
    }
  }
  store.clearGaps('signIns');
  for (const entry of queries) {
    await store.verify(entry.file, `sign-in query ${entry.key}`);
    if (entry.status === 'failed') entry.status = 'pending';
  }
  await store.save();
  const pending = queries.filter((entry) => entry.status === 'pending');
  context.emit({
    type: 'step-started',
    step: 'signIns',
    total: queries.length,
    alreadyDone: queries.length - pending.length,
  });
  for (const [index, entry] of pending.entries()) {
    const path = `signins/${entry.key}.ndjson`;
    let digest;
    try {
      digest = await savePages(context, entry, entry.request.url, path, 'signIns');
    } catch (error) {
      if (!(error instanceof StepFailed)) throw error;
      if (error.failure.status === 400 && entry.signInType === 'nonInteractive') {
        await reject(context, entry, error.message);
        continue;
      }
      if (error.refusesStep) {
        // The licence or the permission is the tenant's: every other query would be refused.
        for (const other of pending.slice(index)) other.status = 'failed';
        context.recordGap(collectionGap('signIns', { kind: 'step' }, error.failure));
        await store.save();
        break;
      }
      entry.status = 'failed';
      context.recordGap(
        collectionGap(
          'signIns',
          { kind: 'signIns', account: entry.account, signInType: entry.signInType },
          error.failure,
        ),
      );
      await store.save();
      continue;
    }
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
  return queries.every((entry) => entry.status === 'complete') ? 'complete' : 'incomplete';
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
    progress: null,
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
