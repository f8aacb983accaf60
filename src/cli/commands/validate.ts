import { loadCaseFile } from '../../case/index.js';
import { danglingEvidenceLinks, gatherEvidence } from '../../evidence/index.js';
import { readEvidence } from '../../pipeline/index.js';
import type { CommandIo } from '../io.js';
import { plural } from '../../model/index.js';
import { formatProblems } from '../summary.js';

/** `validate`: the case file is valid and every input is readable; nothing is written. */
export async function validateCommand(casePath: string, io: CommandIo): Promise<void> {
  const caseFile = await loadCaseFile(casePath);
  const files = await gatherEvidence(caseFile);
  const evidence = await readEvidence(caseFile, files, { line: () => undefined });
  for (const input of evidence.counts) {
    io.stdout.write(
      `${input.file.displayPath}: ${input.format ?? 'unrecognised'}, ${plural(input.records, 'record', 'records')}, ${input.rejected} rejected, sha256 ${input.file.sha256}\n`,
    );
  }
  io.stderr.write(
    formatProblems([...evidence.problems, ...(await danglingEvidenceLinks(caseFile))]),
  );
  io.stdout.write(`${casePath}: valid (${plural(files.length, 'input', 'inputs')})\n`);
}
