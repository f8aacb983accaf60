import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { compareText, InputError, type CaseFile, type InputIssue } from '../model/index.js';
import { checkEvidence } from './check-evidence.js';
import { checkPrevious } from './check-previous.js';
import { checkRedaction } from './check-redaction.js';
import { describeZodIssues } from './describe-issue.js';
import { formatKeyPath, locateIssue, type CaseIssue } from './locate-issue.js';
import { caseSchema } from './schema.js';
import { toCaseFile } from './to-case-file.js';

/**
 * Reads, parses and validates a case file and checks that its evidence patterns name files.
 * Throws an InputError listing every issue found, each at `file:line:column` with its key path,
 * so one run shows the user everything to fix. `path` is shown to the user as given.
 */
export async function loadCaseFile(path: string): Promise<CaseFile> {
  const absolutePath = resolve(path);
  const dir = dirname(absolutePath);
  const bytes = await readCaseBytes(path, absolutePath);
  const text = decodeText(bytes, path);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const syntaxIssues = withoutTabCascade([...doc.errors, ...doc.warnings]).map((error) =>
    syntaxIssue(path, error),
  );
  if (doc.errors.length > 0) throw new InputError(sortIssues(syntaxIssues));

  const raw = toPlainData(doc, path);
  const parsed = caseSchema.safeParse(raw);
  const caseIssues = [
    ...describeZodIssues(caseSchema, parsed.error?.issues ?? [], raw),
    ...(await checkEvidence(raw, dir)),
    ...(parsed.success ? checkRedaction(parsed.data, dir) : []),
    ...(parsed.success ? await checkPrevious(parsed.data, dir) : []),
  ];
  const issues = [
    ...syntaxIssues,
    ...caseIssues.map((issue) => placeIssue(path, doc, lineCounter, issue)),
  ];
  if (!parsed.success || issues.length > 0) throw new InputError(sortIssues(issues));

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return toCaseFile(parsed.data, { path: absolutePath, dir, sha256 });
}

async function readCaseBytes(shownPath: string, absolutePath: string): Promise<Buffer> {
  try {
    return await readFile(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a folder; name the case file (e.g. case.yaml) inside it'
          : code === 'EACCES'
            ? 'cannot be read: permission denied'
            : `cannot be read: ${(error as Error).message}`;
    throw new InputError([fileIssue(shownPath, `the case file ${reason}`)]);
  }
}

/**
 * Case files are UTF-8; Windows tools also write UTF-16 with a byte order mark, which is read as
 * such. Anything else that is not valid UTF-8 is refused rather than read with replaced characters.
 */
function decodeText(bytes: Buffer, shownPath: string): string {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new InputError([
      fileIssue(shownPath, 'the case file is not UTF-8 text; save it with UTF-8 encoding'),
    ]);
  }
}

/** Plain data from the YAML tree; alias bombs and the like make this throw. */
function toPlainData(doc: Document, shownPath: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new InputError([
      fileIssue(
        shownPath,
        `the case file cannot be read as data: ${(error as Error).message}; write the values out instead of repeating them through YAML aliases (*name)`,
      ),
    ]);
  }
}

/**
 * A tab where YAML wants spaces throws every later line of its mapping out of line; the lines
 * after it are fine once the tab is gone, so only the tabs are reported.
 */
function withoutTabCascade(errors: readonly YAMLError[]): readonly YAMLError[] {
  const tabs = errors.filter((error) => error.code === 'TAB_AS_INDENT');
  return tabs.length > 0 ? tabs : errors;
}

function syntaxIssue(file: string, error: YAMLError): InputIssue {
  const position = error.linePos?.[0];
  return {
    file,
    line: position?.line ?? null,
    column: position?.col ?? null,
    key: null,
    message: syntaxMessage(error),
  };
}

function syntaxMessage(error: YAMLError): string {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return 'this key appears twice in the same mapping; keep one';
    case 'TAB_AS_INDENT':
      return 'a tab indents this line; YAML indents with spaces only: replace the tab with spaces, then validate again';
    case 'MULTIPLE_DOCS':
      return 'a second YAML document starts here (---); a case file holds one';
    case 'TAG_RESOLVE_FAILED':
      return `${firstSentence(error.message)}; a case file uses plain values without tags`;
    default:
      return `YAML syntax: ${firstSentence(error.message)}`;
  }
}

/** yaml's messages end with "at line L, column C:" and a source excerpt; we show the place ourselves. */
function firstSentence(message: string): string {
  return message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').trim();
}

function placeIssue(
  file: string,
  doc: Document,
  lineCounter: LineCounter,
  issue: CaseIssue,
): InputIssue {
  const position = locateIssue(doc, lineCounter, issue);
  return {
    file,
    line: position?.line ?? null,
    column: position?.column ?? null,
    key: formatKeyPath(issue.path),
    message: issue.message,
  };
}

function fileIssue(file: string, message: string): InputIssue {
  return { file, line: null, column: null, key: null, message };
}

/** In reading order, so the user can fix the file from top to bottom. */
function sortIssues(issues: readonly InputIssue[]): InputIssue[] {
  return [...issues].sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.key ?? '', b.key ?? '') ||
      compareText(a.message, b.message),
  );
}
