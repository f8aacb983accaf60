import { UNNAMED_FOLDER } from '../analyze/index.js';
import {
  collectAuditEvidence,
  collectDelegateEvidence,
  collectedInputs,
  collectMessageEvidence,
  evidenceDirOf,
  readManifest,
} from '../collect/index.js';
import type {
  CollectionManifest,
  CollectOptions,
  ForwardingTarget,
  MessageTargets,
  SentTarget,
} from '../collect/index.js';
import { stat } from 'node:fs/promises';
import { displayPath, gatherEvidence } from '../evidence/index.js';
import type { FoundFile } from '../evidence/index.js';
import type { CaseFile, MetadataSource, Report, ReportCollection } from '../model/index.js';
import { InputError } from '../model/index.js';
import { analyzeFiles } from './analyze-files.js';
import type { AnalyzeOptions } from './analyze-files.js';
import { concernedMailboxes } from '../report/format/index.js';
import { reportCollection } from './report-collection.js';

export interface LiveOptions extends AnalyzeOptions {
  collect: CollectOptions;
}

const graphSources: ReadonlySet<MetadataSource> = new Set([
  'graph-mailbox',
  'graph-recoverable',
  'graph-message-trace',
]);

/**
 * Live collection, in the order the evidence asks for it: the audit records and sign-ins
 * first; their analysis names the mailboxes the attacker reached as a delegate, whose own
 * accounts' records are collected next (and analysed again, until no new one appears); the
 * analysis names the exposed messages and synced folders; those are then looked up and
 * listed, and the whole evidence is analysed again. Every step saves what it fetched, so an
 * interrupted run resumes and a repeated one fetches nothing twice.
 */
export async function collectAndAnalyze(caseFile: CaseFile, options: LiveOptions): Promise<Report> {
  const exported = await gatherEvidence(caseFile);
  let audit = await collectAuditEvidence(caseFile, options.collect);
  const analyse = async (manifest: CollectionManifest) =>
    analyzeFiles(
      caseFile,
      [...exported, ...(await collectedFiles(caseFile, manifest))],
      null,
      options,
    );
  let analysed = await analyse(audit);
  // Each round asks only for mailboxes not asked for before, so the rounds come to an end.
  for (;;) {
    const asked = new Set(audit.audit.chunks.flatMap((chunk) => chunk.delegate ?? []));
    const reached = delegateMailboxes(analysed, caseFile).filter((mailbox) => !asked.has(mailbox));
    if (reached.length === 0) break;
    audit = await collectDelegateEvidence(caseFile, reached, options.collect);
    analysed = await analyse(audit);
  }
  const manifest = await collectMessageEvidence(caseFile, lookupTargets(analysed), options.collect);
  return analyzeFiles(
    caseFile,
    [...exported, ...(await collectedFiles(caseFile, manifest))],
    reportCollection(manifest),
    options,
  );
}

/** What an earlier collection saved for this case (nothing for a case without `collect:`). */
export async function savedCollection(
  caseFile: CaseFile,
): Promise<{ files: FoundFile[]; collection: ReportCollection | null }> {
  if (caseFile.collect === null) return { files: [], collection: null };
  const manifest = await readManifest(evidenceDirOf(caseFile));
  if (manifest === null) {
    throw new InputError([
      {
        file: displayPath(process.cwd(), caseFile.path),
        line: null,
        column: null,
        key: 'collect',
        message: `nothing has been collected into ${evidenceDirOf(caseFile)} yet; run "mailexposure collect" or "mailexposure run" first`,
      },
    ]);
  }
  return {
    files: await collectedFiles(caseFile, manifest),
    collection: reportCollection(manifest),
  };
}

/** Mailboxes the attacker was seen in that no case account owns: reached as a delegate. */
export function delegateMailboxes(report: Report, caseFile: CaseFile): string[] {
  const accounts = new Set(caseFile.accounts.map((account) => account.toLowerCase()));
  return concernedMailboxes(report).filter((mailbox) => !accounts.has(mailbox.toLowerCase()));
}

/**
 * Every exposed message not yet looked up in its mailbox, every attributed synced folder
 * that has a path to list (a Sync record that names no folder cannot be listed), the
 * attacker's forwarding to outside addresses, for message trace to show what it sent out, and
 * the messages the attacker sent whose recipients trace has not named yet. A
 * message the attacker opened existed when first opened: message trace looks for it before
 * that time first.
 */
export function lookupTargets(report: Report): MessageTargets {
  return {
    messages: report.messages
      .filter(
        (message) => message.metadataSource === null || !graphSources.has(message.metadataSource),
      )
      .map(({ mailbox, internetMessageId, exposure, firstAccess }) => ({
        mailbox,
        internetMessageId,
        ...(exposure === 'confirmed' ? { readAt: firstAccess } : {}),
      })),
    folders: report.folders
      .filter((folder) => folder.path !== UNNAMED_FOLDER)
      .map(({ mailbox, path, syncedAt }) => ({ mailbox, path, syncedAt })),
    forwarding: forwardingTargets(report),
    sent: report.activity.sentMessages
      .filter((sent) => sent.recipientsFrom !== 'message-trace')
      .flatMap(({ mailbox, internetMessageId, sentAt }): SentTarget[] =>
        internetMessageId === null ? [] : [{ mailbox, internetMessageId, sentAt }],
      ),
  };
}

/** Each outside target of the attacker's rules and mailbox forwarding, while it was in force. */
function forwardingTargets(report: Report): ForwardingTarget[] {
  const { inboxRules, mailboxForwarding } = report.activity;
  return [
    ...inboxRules.flatMap((rule) => {
      const from = rule.createdAt ?? rule.events[0]?.at;
      if (from === undefined) return [];
      return rule.externalTargets.map((target) => ({
        mailbox: rule.mailbox,
        target,
        from,
        until: rule.stoppedAt,
      }));
    }),
    ...mailboxForwarding
      .filter((forwarding) => forwarding.external)
      .map(({ mailbox, target, setAt, stoppedAt }) => ({
        mailbox,
        target,
        from: setAt,
        until: stoppedAt,
      })),
  ];
}

/**
 * The files the collection's manifest lists (never a half-written `.partial`), with the hash
 * the collection recorded: reading hashes each file as it reads it (read-evidence.ts) and
 * refuses one whose bytes no longer hash to it, so a file altered since it was collected is
 * never analysed, and none is hashed twice. A missing file or one of another size is refused
 * here, before anything is read.
 */
async function collectedFiles(
  caseFile: CaseFile,
  manifest: CollectionManifest,
): Promise<FoundFile[]> {
  const files: FoundFile[] = [];
  for (const input of collectedInputs(caseFile, manifest)) {
    const shown = displayPath(caseFile.dir, input.absolutePath);
    const bytes = await sizeOf(input.absolutePath);
    if (bytes !== input.bytes) {
      throw new InputError([
        {
          file: shown,
          line: null,
          column: null,
          key: null,
          message: `has changed since it was collected (collection.json records ${input.bytes} bytes, ${bytes === null ? 'the file is gone' : `the file now has ${bytes}`}); restore it from the preserved copy`,
        },
      ]);
    }
    files.push({
      path: input.absolutePath,
      displayPath: shown,
      role: input.kind,
      sha256: input.sha256,
    });
  }
  return files;
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}
