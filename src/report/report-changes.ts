import type {
  ExposedMessage,
  FigureChange,
  InputChange,
  MessageChange,
  PersonChange,
  Report,
  ReportChanges,
  ReportInput,
} from '../model/index.js';
import { CHANGE_FIGURES, compareText } from '../model/index.js';

/** An earlier report.json of the case, with where it was read from. */
export interface PreviousReport {
  report: Report;
  /** As the case file or the command line named it. */
  path: string;
  sha256: string;
}

const key = (mailbox: string, id: string): string => `${mailbox}\u0000${id}`;

function byKey(messages: readonly ExposedMessage[]): Map<string, ExposedMessage> {
  return new Map(
    messages.map((message) => [key(message.mailbox, message.internetMessageId), message]),
  );
}

const isResolved = (message: ExposedMessage): boolean =>
  message.sender !== null || message.recipients.length > 0;

function messageChange(
  previous: ExposedMessage | undefined,
  current: ExposedMessage | undefined,
): MessageChange {
  const message = current ?? previous;
  if (message === undefined) throw new Error('a message change needs a message');
  return {
    mailbox: message.mailbox,
    internetMessageId: message.internetMessageId,
    previous: previous?.exposure ?? null,
    current: current?.exposure ?? null,
    date: current?.date ?? previous?.date ?? null,
  };
}

const compareMessages = (a: MessageChange, b: MessageChange): number =>
  compareText(a.mailbox, b.mailbox) || compareText(a.internetMessageId, b.internetMessageId);

function messageChanges(previous: Report, current: Report): ReportChanges['messages'] {
  const before = byKey(previous.messages);
  const now = byKey(current.messages);
  const changes: ReportChanges['messages'] = { added: [], changed: [], removed: [], resolved: [] };
  for (const [id, message] of now) {
    const earlier = before.get(id);
    if (earlier === undefined) changes.added.push(messageChange(undefined, message));
    else {
      if (earlier.exposure !== message.exposure)
        changes.changed.push(messageChange(earlier, message));
      if (!isResolved(earlier) && isResolved(message)) {
        changes.resolved.push(messageChange(earlier, message));
      }
    }
  }
  for (const [id, message] of before) {
    if (!now.has(id)) changes.removed.push(messageChange(message, undefined));
  }
  for (const list of Object.values(changes)) list.sort(compareMessages);
  return changes;
}

function peopleChanges(previous: Report, current: Report): ReportChanges['dataSubjects'] {
  const person = ({ address, internal, nonPerson }: PersonChange): PersonChange => ({
    address,
    internal,
    nonPerson,
  });
  const before = new Set(previous.dataSubjects.map((subject) => subject.address));
  const now = new Set(current.dataSubjects.map((subject) => subject.address));
  const byAddress = (a: PersonChange, b: PersonChange): number => compareText(a.address, b.address);
  return {
    added: current.dataSubjects
      .filter((s) => !before.has(s.address))
      .map(person)
      .sort(byAddress),
    removed: previous.dataSubjects
      .filter((s) => !now.has(s.address))
      .map(person)
      .sort(byAddress),
  };
}

function inputChanges(previous: Report, current: Report): ReportChanges['inputs'] {
  const before = new Map(previous.inputs.map((input) => [input.path, input]));
  const now = new Map(current.inputs.map((input) => [input.path, input]));
  const change = (
    earlier: ReportInput | undefined,
    later: ReportInput | undefined,
  ): InputChange => {
    const input = later ?? earlier;
    if (input === undefined) throw new Error('an input change needs an input');
    return {
      path: input.path,
      kind: input.kind,
      previousSha256: earlier?.sha256 ?? null,
      currentSha256: later?.sha256 ?? null,
    };
  };
  const changes: ReportChanges['inputs'] = { added: [], changed: [], removed: [] };
  for (const [path, input] of now) {
    const earlier = before.get(path);
    if (earlier === undefined) changes.added.push(change(undefined, input));
    else if (earlier.sha256 !== input.sha256) changes.changed.push(change(earlier, input));
  }
  for (const [path, input] of before)
    if (!now.has(path)) changes.removed.push(change(input, undefined));
  for (const list of Object.values(changes)) list.sort((a, b) => compareText(a.path, b.path));
  return changes;
}

function figureChanges(previous: Report, current: Report): FigureChange[] {
  // An earlier version's report.json may lack a figure added since.
  const earlier = previous.summary as unknown as Partial<Record<string, unknown>>;
  return CHANGE_FIGURES.map((figure) => {
    const value = earlier[figure];
    return {
      figure,
      previous: typeof value === 'number' ? value : null,
      current: current.summary[figure],
    };
  });
}

/**
 * Phased reporting (GDPR Art. 33(4)): what changed between an earlier report of the case and
 * this one, over the two report models alone. Messages are compared by mailbox and internet
 * message id, people by address, inputs by path and SHA-256; no subject is ever copied.
 */
export function reportChanges(previous: PreviousReport, current: Report): ReportChanges {
  return {
    previous: {
      path: previous.path,
      sha256: previous.sha256,
      generatedAt: previous.report.generatedAt,
      toolVersion: previous.report.tool.version,
    },
    figures: figureChanges(previous.report, current),
    messages: messageChanges(previous.report, current),
    dataSubjects: peopleChanges(previous.report, current),
    inputs: inputChanges(previous.report, current),
  };
}
