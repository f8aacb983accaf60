import { join } from 'node:path';
import { compareText, normalizeMessageId } from '../model/index.js';
import type { CollectContext } from './context.js';
import { fileSafe, NdjsonAppender, readLines, type FileDigest } from './evidence-writer.js';
import { listFolder, type FolderListingLine } from './folder-listing.js';
import { MailboxLimiter } from './mailbox-limiter.js';
import { lookUpMailbox, type MessageLookupLine } from './message-lookup.js';
import type { FolderEntry, LookupTally } from './manifest.js';
import { runWorkers } from './pool.js';

export interface MessageTargets {
  messages: { mailbox: string; internetMessageId: string }[];
  folders: { mailbox: string; path: string; syncedAt: string }[];
}

/** Mailboxes worked on at once (each with up to 4 requests in flight). */
const MAILBOXES_AT_ONCE = 8;

type LookupsLine = MessageLookupLine | FolderListingLine;

/**
 * Lists the synced folders and looks up the messages, appending to one evidence file per
 * mailbox. What an earlier run saved is read back first and never asked for again.
 */
export async function collectMessages(
  context: CollectContext,
  targets: MessageTargets,
): Promise<'complete' | 'incomplete'> {
  const { store } = context;
  const messages = uniqueMessages(targets.messages);
  const folders = latestSyncs(targets.folders);
  const mailboxes = [
    ...new Set([...messages.map((m) => m.mailbox), ...folders.map((f) => f.mailbox)]),
  ].sort(compareText);
  const files = new Map<string, { path: string; appender: NdjsonAppender }>();
  const done = new Set<string>();
  const limiter = new MailboxLimiter();
  const recordFile = (path: string, digest: FileDigest) => {
    store.upsertFile({
      path,
      kind: 'messageLookups',
      format: 'collected-lookups-ndjson',
      ...digest,
    });
  };
  try {
    for (const mailbox of mailboxes) {
      const path = `lookups/${fileSafe(mailbox)}.ndjson`;
      const recorded = store.manifest.files.find((file) => file.path === path) ?? null;
      const { appender, lines } = await NdjsonAppender.open(
        join(context.evidenceDir, path),
        recorded,
      );
      files.set(mailbox, { path, appender });
      // Lines an interrupted run wrote after its last manifest save are kept: record them now,
      // or the file would no longer match collection.json if nothing new is appended.
      if (lines.length > 0) recordFile(path, appender.digest());
      for (const line of lines) {
        const parsed = JSON.parse(line) as Partial<LookupsLine>;
        if (parsed.type === 'messageLookup') done.add(key(mailbox, parsed.internetMessageId ?? ''));
      }
    }
    await store.save();
    const write = async (mailbox: string, lines: LookupsLine[]) => {
      const file = files.get(mailbox);
      if (file === undefined || lines.length === 0) return;
      recordFile(file.path, await file.appender.append(lines.map((line) => JSON.stringify(line))));
      await store.save();
    };

    await listFolders(context, limiter, folders, write);

    const todo = messages.filter((m) => !done.has(key(m.mailbox, m.internetMessageId)));
    const total = todo.length;
    let finished = 0;
    let found = 0;
    context.emit({
      type: 'step-started',
      step: 'lookups',
      total,
      alreadyDone: messages.length - total,
    });
    const byMailbox = groupIds(todo);
    const queue = [...byMailbox.keys()].sort(compareText);
    await runWorkers(Math.min(MAILBOXES_AT_ONCE, queue.length), context.signal, async (signal) => {
      const scoped = { ...context, signal };
      for (let mailbox = queue.shift(); mailbox !== undefined; mailbox = queue.shift()) {
        await lookUpMailbox(
          scoped,
          limiter,
          mailbox,
          byMailbox.get(mailbox) ?? [],
          async (m, lines) => {
            await write(m, lines);
            finished += lines.length;
            found += lines.filter((line) => line.found).length;
            context.emit({ type: 'lookups-progressed', done: finished, total, found });
          },
        );
      }
    });
    context.emit({ type: 'step-finished', step: 'lookups' });
  } finally {
    for (const { appender } of files.values()) await appender.close();
  }
  store.manifest.messages.lookups = await tally(context);
  return 'complete';
}

async function listFolders(
  context: CollectContext,
  limiter: MailboxLimiter,
  folders: MessageTargets['folders'],
  write: (mailbox: string, lines: LookupsLine[]) => Promise<void>,
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
  await runWorkers(Math.min(MAILBOXES_AT_ONCE, todo.length), context.signal, async (signal) => {
    const scoped = { ...context, signal };
    for (let folder = todo.shift(); folder !== undefined; folder = todo.shift()) {
      const outcome = await listFolder(
        scoped,
        limiter,
        folder.mailbox,
        folder.path,
        folder.syncedAt,
      );
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

/** Lookups over every lookups file of the collection, by where the metadata came from. */
async function tally(context: CollectContext): Promise<LookupTally> {
  const result: LookupTally = { lookedUp: 0, found: {}, notFound: 0 };
  for (const file of context.store.manifest.files) {
    if (file.kind !== 'messageLookups') continue;
    for (const line of await readLines(join(context.evidenceDir, file.path))) {
      const parsed = JSON.parse(line) as Partial<MessageLookupLine>;
      if (parsed.type !== 'messageLookup') continue;
      result.lookedUp += 1;
      if (parsed.found === true && parsed.metadataSource) {
        result.found[parsed.metadataSource] = (result.found[parsed.metadataSource] ?? 0) + 1;
      } else {
        result.notFound += 1;
      }
    }
  }
  return result;
}

function uniqueMessages(messages: MessageTargets['messages']): MessageTargets['messages'] {
  const seen = new Map<string, MessageTargets['messages'][number]>();
  for (const message of messages) {
    const mailbox = message.mailbox.trim().toLowerCase();
    const internetMessageId = normalizeMessageId(message.internetMessageId);
    if (mailbox === '' || internetMessageId === '') continue;
    seen.set(key(mailbox, internetMessageId), { mailbox, internetMessageId });
  }
  return [...seen.values()];
}

/** One listing per folder, up to its latest sync (earlier syncs filter the same listing). */
function latestSyncs(folders: MessageTargets['folders']): MessageTargets['folders'] {
  const latest = new Map<string, MessageTargets['folders'][number]>();
  for (const folder of folders) {
    const mailbox = folder.mailbox.trim().toLowerCase();
    const syncedAt = new Date(folder.syncedAt).toISOString().replace(/\.000Z$/, 'Z');
    const known = latest.get(key(mailbox, folder.path));
    if (known === undefined || known.syncedAt < syncedAt) {
      latest.set(key(mailbox, folder.path), { mailbox, path: folder.path, syncedAt });
    }
  }
  return [...latest.values()].sort(
    (a, b) => compareText(a.mailbox, b.mailbox) || compareText(a.path, b.path),
  );
}

function groupIds(messages: MessageTargets['messages']): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const message of messages) {
    const ids = groups.get(message.mailbox) ?? [];
    ids.push(message.internetMessageId);
    groups.set(message.mailbox, ids);
  }
  for (const ids of groups.values()) ids.sort(compareText);
  return groups;
}

function key(mailbox: string, id: string): string {
  return `${mailbox}\n${id}`;
}
