import type { Exposure, NonPersonKind, ReportInput } from './report.js';

/** The figures a phased report compares (keys of report.json's `summary`). */
export const CHANGE_FIGURES = [
  'mailboxes',
  'sessions',
  'forwardedMessages',
  'confirmedMessages',
  'presumedSyncMessages',
  'presumedThrottledMessages',
  'presumedFolders',
  'throttledMailboxes',
  'personDataSubjects',
  'nonPersonDataSubjects',
  'unresolvedMessages',
] as const;

export type ChangeFigure = (typeof CHANGE_FIGURES)[number];

export interface FigureChange {
  figure: ChangeFigure;
  /** Null when the earlier report did not have this figure yet. */
  previous: number | null;
  current: number;
}

/** A message by its key, with its level in the earlier and in this report (null: absent). */
export interface MessageChange {
  mailbox: string;
  internetMessageId: string;
  previous: Exposure | null;
  current: Exposure | null;
  /** The message's date, from whichever report knows it. */
  date: string | null;
}

export interface PersonChange {
  address: string;
  internal: boolean;
  /** Why the address is likely not a person (as in `dataSubjects`); null for a person. */
  nonPerson: NonPersonKind | null;
}

export interface InputChange {
  path: string;
  kind: ReportInput['kind'];
  /** Null when the input was not in that report. */
  previousSha256: string | null;
  currentSha256: string | null;
}

/**
 * What changed since an earlier report of the same case (GDPR Art. 33(4): information given in
 * phases), in report.json's `changes`. Every list is sorted: messages by mailbox then id,
 * people by address, inputs by path.
 */
export interface ReportChanges {
  previous: {
    /** As the case file or the command line named it. */
    path: string;
    sha256: string;
    generatedAt: string;
    toolVersion: string;
  };
  figures: FigureChange[];
  messages: {
    /** Exposed now, not listed before. */
    added: MessageChange[];
    /** Listed in both, at another level. */
    changed: MessageChange[];
    /** Listed before, not now (the evidence or the case changed). */
    removed: MessageChange[];
    /** Listed in both; sender or recipients unknown before, known now. */
    resolved: MessageChange[];
  };
  dataSubjects: { added: PersonChange[]; removed: PersonChange[] };
  inputs: { added: InputChange[]; changed: InputChange[]; removed: InputChange[] };
}
