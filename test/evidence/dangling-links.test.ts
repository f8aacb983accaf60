import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { danglingEvidenceLinks, gatherEvidence } from '../../src/evidence/index.js';
import { caseFile } from '../analyze/build.js';

describe('evidence given as symbolic links', () => {
  it('says when a link an evidence pattern names points to nothing, instead of skipping it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-links-'));
    await mkdir(join(dir, 'evidence/audit'), { recursive: true });
    await writeFile(join(dir, 'evidence/audit/ual.jsonl'), '{}\n');
    await writeFile(join(dir, 'real.csv'), 'x\n');
    await symlink(join(dir, 'real.csv'), join(dir, 'evidence/audit/linked.csv'));
    await symlink(join(dir, 'moved-away.csv'), join(dir, 'evidence/audit/gone.csv'));
    await symlink(join(dir, 'moved-away.txt'), join(dir, 'evidence/audit/notes.txt'));
    const found = caseFile({
      dir,
      evidence: {
        audit: ['evidence/audit/*.csv', 'evidence/audit/*.jsonl'],
        messageTrace: [],
        signIns: [],
      },
    });
    expect((await gatherEvidence(found)).map((file) => file.displayPath)).toEqual([
      'evidence/audit/linked.csv',
      'evidence/audit/ual.jsonl',
    ]);
    const problems = await danglingEvidenceLinks(found);
    expect(problems).toMatchObject([
      { code: 'notice', input: 'evidence/audit/gone.csv', line: null },
    ]);
    expect(problems[0]?.message).toContain('does not exist');
  });
});
