import type {
  Exposure,
  MessageChange,
  PersonChange,
  Report,
  ReportChanges,
} from '../../model/index.js';
import type { ReportText } from './report-text.js';

/** Strongest first: a message that moves right on this list is now held less exposed. */
const LEVELS: readonly Exposure[] = [
  'forwarded',
  'confirmed',
  'presumed-sync',
  'presumed-throttled',
];

/** A message change with the label key of its kind, in the order the reports list them. */
export interface MessageChangeRow {
  kind: 'added' | 'changed' | 'removed' | 'resolved';
  change: MessageChange;
}

/** `changes` of a report.json; null for a report without a previous one (or an older one). */
export function changesOf(report: Report): ReportChanges | null {
  const changes = report.changes as ReportChanges | null | undefined;
  return changes === undefined ? null : changes;
}

export function messageChangeRows(changes: ReportChanges): MessageChangeRow[] {
  const rows: MessageChangeRow[] = [];
  for (const kind of ['added', 'changed', 'removed', 'resolved'] as const) {
    for (const change of changes.messages[kind]) rows.push({ kind, change });
  }
  return rows;
}

/** A level as the reader's words, or null for "not listed". */
export function levelText(text: ReportText, level: Exposure | null): string | null {
  return level === null ? null : text.label(`exposure.${level}`);
}

/** How many of these addresses are taken for people. */
export const people = (changes: readonly PersonChange[]): number =>
  changes.filter((change) => change.nonPerson === null).length;

/** Internal or external, and why the address is likely not a person when it is not one. */
export function personKindText(text: ReportText, person: PersonChange, separator: string): string {
  const side = text.label(person.internal ? 'internal' : 'external');
  return person.nonPerson === null
    ? side
    : `${side}${separator}${text.label(`nonPerson.${person.nonPerson}`)}`;
}

/** The fields of the changes paragraph (and the section heading's date). */
export function changesContext(changes: ReportChanges, text: ReportText): Record<string, unknown> {
  const counted = (name: string, value: number): Record<string, unknown> => ({
    [name]: text.count(value),
    [`${name}Count`]: value,
  });
  const lowered = changes.messages.changed.some(
    ({ previous, current }) =>
      previous !== null && current !== null && LEVELS.indexOf(current) > LEVELS.indexOf(previous),
  );
  return {
    date: text.zoned.date(changes.previous.generatedAt),
    sha256: changes.previous.sha256,
    ...counted('added', changes.messages.added.length),
    ...counted('changed', changes.messages.changed.length),
    ...counted('removed', changes.messages.removed.length),
    ...counted('resolved', changes.messages.resolved.length),
    // People only: addresses likely not a person are in the table, marked as such.
    ...counted('peopleAdded', people(changes.dataSubjects.added)),
    ...counted('peopleRemoved', people(changes.dataSubjects.removed)),
    ...counted('inputsAdded', changes.inputs.added.length),
    ...counted('inputsChanged', changes.inputs.changed.length),
    ...counted('inputsRemoved', changes.inputs.removed.length),
    withdrawn: changes.messages.removed.length > 0 || lowered,
  };
}
