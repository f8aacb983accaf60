import { compareText } from '../model/index.js';
import type { ManifestStore } from './manifest-store.js';
import type { LookupStage, PendingLookup } from './manifest.js';
import type { MessageLookupLine } from './message-lookup.js';

export const LOOKUP_STAGES: readonly LookupStage[] = ['mailbox', 'recoverable', 'messageTrace'];

/** One message on its way through the lookup stages. */
export interface LookupJob {
  mailbox: string;
  /** Normalised: no angle brackets. */
  id: string;
  /** Stages still to ask, in order. */
  stages: LookupStage[];
  /** What the stages asked since the message's last line said, for its reason. */
  notes: string[];
  /** Stages this run could not search (access refused, a persistent fault). */
  skipped: LookupStage[];
  /** When the message was first read (it arrived before): where message trace looks first. */
  readBefore: string | null;
  /** Message trace slices searched so far without finding it. */
  traceSearched: number;
  /** Throttled answers to the current stage's request, and when to ask again. */
  attempts: number;
  notBefore: number;
}

export function lookupKey(mailbox: string, id: string): string {
  return `${mailbox}\n${id}`;
}

/** A message nothing has been asked about yet, or one an earlier run left pending. */
export function newJob(
  target: { mailbox: string; internetMessageId: string; readAt?: string },
  pending: PendingLookup | undefined,
): LookupJob {
  return {
    mailbox: target.mailbox,
    id: target.internetMessageId,
    stages: pending === undefined ? [...LOOKUP_STAGES] : [...pending.stages],
    notes: pending === undefined ? [] : [...pending.notes],
    skipped: [],
    readBefore: target.readAt ?? null,
    traceSearched: pending?.traceSearched ?? 0,
    attempts: 0,
    notBefore: 0,
  };
}

/** The stage is done: what it said is kept for the reason, and the job moves on. */
export function passStage(job: LookupJob, note: string): void {
  job.stages.shift();
  job.notes.push(note);
  job.attempts = 0;
  job.notBefore = 0;
}

/** The stage could not be searched this run: said in the reason, asked again by the next run. */
export function skipStage(job: LookupJob, note: string): void {
  const stage = job.stages.shift();
  if (stage !== undefined) job.skipped.push(stage);
  job.notes.push(note);
  job.attempts = 0;
  job.notBefore = 0;
}

/** The line for a message no stage found, its reason saying what each stage said. */
export function notFoundLine(job: LookupJob): MessageLookupLine {
  return {
    type: 'messageLookup',
    mailbox: job.mailbox,
    internetMessageId: job.id,
    found: false,
    metadataSource: null,
    subject: null,
    sender: null,
    recipients: [],
    date: null,
    reason: job.notes.join('; '),
  };
}

/**
 * Where each unfinished lookup stands, kept in collection.json so that a run that stops (or
 * could not search a stage) is continued by the next one without asking any stage twice.
 */
export class PendingLookups {
  private readonly entries = new Map<string, PendingLookup>();

  constructor(private readonly store: ManifestStore) {
    for (const entry of store.manifest.messages.pending) {
      this.entries.set(lookupKey(entry.mailbox, entry.internetMessageId), entry);
    }
  }

  get(mailbox: string, id: string): PendingLookup | undefined {
    return this.entries.get(lookupKey(mailbox, id));
  }

  /** The job's place now: what is left to ask (skipped stages included) and its notes. */
  track(job: LookupJob): void {
    const stages = LOOKUP_STAGES.filter(
      (stage) => job.stages.includes(stage) || job.skipped.includes(stage),
    );
    this.set(job, stages, job.notes, job.traceSearched);
  }

  /** The job's line is written: only the stages it could not search are left, for next time. */
  written(job: LookupJob, found: boolean): void {
    const left = found ? [] : LOOKUP_STAGES.filter((stage) => job.skipped.includes(stage));
    this.set(job, left, [], job.traceSearched);
  }

  /** Saves collection.json with the pending lookups as they stand. */
  async save(): Promise<void> {
    this.store.manifest.messages.pending = [...this.entries.values()].sort(
      (a, b) =>
        compareText(a.mailbox, b.mailbox) || compareText(a.internetMessageId, b.internetMessageId),
    );
    await this.store.save();
  }

  private set(job: LookupJob, stages: LookupStage[], notes: string[], traceSearched: number): void {
    const key = lookupKey(job.mailbox, job.id);
    if (stages.length === 0) {
      this.entries.delete(key);
      return;
    }
    this.entries.set(key, {
      mailbox: job.mailbox,
      internetMessageId: job.id,
      stages,
      notes: [...notes],
      ...(traceSearched > 0 && stages.includes('messageTrace') ? { traceSearched } : {}),
    });
  }
}
