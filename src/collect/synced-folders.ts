import { compareText } from '../model/index.js';
import type { CollectContext } from './context.js';
import { fileSafe } from './evidence-writer.js';
import { listFolder } from './folder-listing.js';
import type { LookupsWriter } from './lookup-messages.js';
import { MAILBOXES_AT_ONCE } from './lookup-messages.js';
import type { MailboxLimiter } from './mailbox-limiter.js';
import type { FolderEntry } from './manifest.js';
import type { MessageTargets } from './message-evidence.js';
import { runWorkers } from './pool.js';
import { collectionGap, StepFailed } from './step-failure.js';

/**
 * Lists each synced folder once, up to its latest sync. A folder Graph will not list (access
 * refused for its mailbox, or a fault that does not pass) is a gap the next run fills; after a
 * refusal the mailbox's other folders are not asked this run.
 */
export async function listFolders(
  context: CollectContext,
  limiter: MailboxLimiter,
  folders: MessageTargets['folders'],
  write: LookupsWriter,
): Promise<void> {
  const { store } = context;
  const entries = store.manifest.messages.folders;
  const find = (mailbox: string, path: string) =>
    entries.find((entry) => entry.mailbox === mailbox && entry.path === path);
  const todo = folders.filter((folder) => {
    const entry = find(folder.mailbox, folder.path);
    return entry === undefined || entry.receivedBefore < folder.syncedAt;
  });
  if (folders.length > 0) {
    store.addLimitation(
      'Synced folders were listed as they are at collection time: messages deleted from a ' +
        'folder since it was synced are not listed.',
    );
  }
  context.emit({
    type: 'step-started',
    step: 'folders',
    total: todo.length,
    alreadyDone: folders.length - todo.length,
  });
  const refused = new Set<string>();
  await runWorkers(Math.min(MAILBOXES_AT_ONCE, todo.length), context.signal, async (signal) => {
    const scoped = { ...context, signal };
    for (let folder = todo.shift(); folder !== undefined; folder = todo.shift()) {
      if (refused.has(folder.mailbox)) continue;
      let outcome;
      try {
        outcome = await listFolder(scoped, limiter, folder.mailbox, folder.path, folder.syncedAt);
      } catch (error) {
        if (!(error instanceof StepFailed)) throw error;
        const wholeMailbox = error.failure.cause === 'mailbox-access' || error.refusesStep;
        if (wholeMailbox) {
          if (refused.has(folder.mailbox)) continue;
          refused.add(folder.mailbox);
        }
        const { mailbox, path } = folder;
        context.recordGap(
          collectionGap(
            'folders',
            wholeMailbox ? { kind: 'mailbox', mailbox } : { kind: 'folder', mailbox, path },
            error.failure,
          ),
        );
        await store.save();
        continue;
      }
      const entry: FolderEntry = {
        mailbox: folder.mailbox,
        path: folder.path,
        receivedBefore: folder.syncedAt,
        status: outcome.status,
        folderId: outcome.status === 'listed' ? outcome.folderId : null,
        messages: outcome.status === 'listed' ? outcome.line.messages.length : 0,
        withoutInternetMessageId:
          outcome.status === 'listed' ? outcome.withoutInternetMessageId : 0,
        reason: outcome.status === 'listed' ? null : outcome.reason,
        file: outcome.status === 'listed' ? `lookups/${fileSafe(folder.mailbox)}.ndjson` : null,
        completedAt: context.nowIso(),
      };
      if (outcome.status === 'listed') {
        await write(folder.mailbox, [outcome.line]);
        if (outcome.withoutInternetMessageId > 0) {
          store.addProblem({
            code: 'message-without-id',
            message: `${folder.mailbox} ${folder.path}: ${outcome.withoutInternetMessageId} items have no internetMessageId and are not listed.`,
          });
        }
      } else {
        store.addProblem({
          code: 'folder-not-found',
          message: `${folder.mailbox} ${folder.path}: ${outcome.reason}; the synced folder is reported without its messages.`,
        });
      }
      const others = store.manifest.messages.folders.filter(
        (other) => other.mailbox !== entry.mailbox || other.path !== entry.path,
      );
      store.manifest.messages.folders = [...others, entry].sort(
        (a, b) => compareText(a.mailbox, b.mailbox) || compareText(a.path, b.path),
      );
      await store.save();
      context.emit({
        type: 'folder-listed',
        mailbox: folder.mailbox,
        path: folder.path,
        messages: outcome.status === 'listed' ? entry.messages : null,
      });
    }
  });
  context.emit({ type: 'step-finished', step: 'folders' });
}
