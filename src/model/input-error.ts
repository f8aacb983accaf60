/** One thing wrong with the case file or an input, located as `file:line:column`. */
export interface InputIssue {
  /** Path as shown to the user. */
  file: string;
  line: number | null;
  column: number | null;
  /** Dotted key path inside the case file (`threatActor.ips[1]`), when it applies. */
  key: string | null;
  /** What is wrong and, where it helps, what to do. */
  message: string;
}

/**
 * The user's input cannot be used as it is (exit code 2). Its message is meant for the user
 * as it stands: the command line prints it without a stack trace.
 */
export class InputError extends Error {
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    super(issues.map(formatInputIssue).join('\n'));
    this.name = 'InputError';
    this.issues = issues;
  }
}

export function formatInputIssue(issue: InputIssue): string {
  const place = [issue.file, issue.line, issue.column].filter((part) => part !== null).join(':');
  const key = issue.key === null ? '' : ` ${issue.key}:`;
  return `${place}:${key} ${issue.message}`;
}
