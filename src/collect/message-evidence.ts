import { join } from 'node:path';
import { compareText, normalizeMessageId } from '../model/index.js';
import type { CollectContext } from './context.js';
import { fileSafe, NdjsonAppender, readLines, type FileDigest } from './evidence-writer.js';
import type { FolderListingLine } from './folder-listing.js';
import { collectActivityTrace, type ForwardingTarget, type SentTarget } from './activity-trace.js';
import { lookupKey, newJob, PendingLookups, type LookupJob } from './lookup-job.js';
import { lookUpMessages, type LookupsWriter } from './lookup-messages.js';
import { MailboxLimiter } from './mailbox-limiter.js';
import type { LookupTally } from './manifest.js';
import type { MessageLookupLine } from './message-lookup.js';
import { listFolders } from './synced-folders.js';

export interface MessageTargets {
  /** `readAt`: when the message was first read, if known (it arrived before: trace looks there). */
  messages: { mailbox: string; internetMessageId: string; readAt?: string }[];
  folders: { mailbox: string; path: string; syncedAt: string }[];
  /** The attacker's forwarding to outside addresses: message trace is asked what it sent. */
  forwarding?: ForwardingTarget[];
  /** Messages the attacker sent: message trace is asked for their recipients. */
  sent?: SentTarget[];
}

type LookupsLine = MessageLookupLine | FolderListingLine;

/**
 * Lists the synced folders and looks up the messages, appending to one evidence file per
 * mailbox. What an earlier run saved is read back first and never asked for again; a lookup
 * stage an earlier run could not search is asked now, and only that stage.
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
  const lined = new Set<string>();
  const limiter = new MailboxLimiter();
  const recordFile = (path: string, digest: FileDigest) => {
    store.upsertFile({
      path,
      kind: 'messageLookups',
      format: 'collected-lookups-ndjson',
      ...digest,
    });
  };
  for (const step of ['folders', 'lookups', 'messageTrace'] as const) store.clearGaps(step);
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
        if (parsed.type === 'messageLookup')
          lined.add(lookupKey(mailbox, parsed.internetMessageId ?? ''));
      }
    }
    await store.save();
    const write: LookupsWriter = async (mailbox, lines) => {
      const file = files.get(mailbox);
      if (file === undefined || lines.length === 0) return;
      recordFile(file.path, await file.appender.append(lines.map((line) => JSON.stringify(line))));
    };

    await listFolders(context, limiter, folders, async (mailbox, lines) => {
      await write(mailbox, lines);
      await store.save();
    });

    const pending = new PendingLookups(store);
    const jobs: LookupJob[] = [];
    for (const message of messages) {
      const left = pending.get(message.mailbox, message.internetMessageId);
      if (left === undefined && lined.has(lookupKey(message.mailbox, message.internetMessageId)))
        continue;
      jobs.push(newJob(message, left));
    }
    await lookUpMessages(context, limiter, jobs, pending, write, messages.length - jobs.length);
    await collectActivityTrace(context, {
      forwarding: targets.forwarding ?? [],
      sent: targets.sent ?? [],
    });
  } finally {
    for (const { appender } of files.values()) await appender.close();
  }
  store.manifest.messages.lookups = await tally(context);
  await store.save();
  const unfinished = store.manifest.gaps.some((gap) =>
    ['folders', 'lookups', 'messageTrace'].includes(gap.step),
  );
  return unfinished ? 'incomplete' : 'complete';
}

/**
 * Messages looked up, over every lookups file of the collection, by where their metadata came
 * from. A message asked again after a stage could not be searched has several lines: it counts
 * once, as found when any line found it.
 */
async function tally(context: CollectContext): Promise<LookupTally> {
  const outcome = new Map<string, MessageLookupLine['metadataSource']>();
  for (const file of context.store.manifest.files) {
    if (file.kind !== 'messageLookups') continue;
    for (const line of await readLines(join(context.evidenceDir, file.path))) {
      const parsed = JSON.parse(line) as Partial<MessageLookupLine>;
      if (parsed.type !== 'messageLookup') continue;
      const key = lookupKey(parsed.mailbox ?? '', parsed.internetMessageId ?? '');
      const source = parsed.found === true ? (parsed.metadataSource ?? null) : null;
      if (source !== null || !outcome.has(key)) outcome.set(key, source);
    }
  }
  const result: LookupTally = { lookedUp: outcome.size, found: {}, notFound: 0 };
  for (const source of outcome.values()) {
    if (source === null) result.notFound += 1;
    else result.found[source] = (result.found[source] ?? 0) + 1;
  }
  return result;
}

function uniqueMessages(messages: MessageTargets['messages']): MessageTargets['messages'] {
  const seen = new Map<string, MessageTargets['messages'][number]>();
  for (const message of messages) {
    const mailbox = message.mailbox.trim().toLowerCase();
    const internetMessageId = normalizeMessageId(message.internetMessageId);
    if (mailbox === '' || internetMessageId === '') continue;
    const key = lookupKey(mailbox, internetMessageId);
    const earlier = seen.get(key)?.readAt;
    const readAt =
      earlier === undefined || (message.readAt !== undefined && message.readAt < earlier)
        ? message.readAt
        : earlier;
    seen.set(key, { mailbox, internetMessageId, ...(readAt === undefined ? {} : { readAt }) });
  }
  return [...seen.values()];
}

/** One listing per folder, up to its latest sync (earlier syncs filter the same listing). */
function latestSyncs(folders: MessageTargets['folders']): MessageTargets['folders'] {
  const latest = new Map<string, MessageTargets['folders'][number]>();
  for (const folder of folders) {
    const mailbox = folder.mailbox.trim().toLowerCase();
    const syncedAt = new Date(folder.syncedAt).toISOString().replace(/\.000Z$/, 'Z');
    const known = latest.get(lookupKey(mailbox, folder.path));
    if (known === undefined || known.syncedAt < syncedAt) {
      latest.set(lookupKey(mailbox, folder.path), { mailbox, path: folder.path, syncedAt });
    }
  }
  return [...latest.values()].sort(
    (a, b) => compareText(a.mailbox, b.mailbox) || compareText(a.path, b.path),
  );
}
