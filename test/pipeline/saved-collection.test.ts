import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectAuditEvidence, collectMessageEvidence } from '../../src/collect/index.js';
import { InputError } from '../../src/model/index.js';
import { savedCollection } from '../../src/pipeline/collect-live.js';
import { runCase } from '../../src/pipeline/index.js';
import { FakeGraph } from '../collect/fake-graph.js';
import { fakeOptions, kwizzyCase, kwizzyTenant, tempDir } from '../collect/case-fixture.js';

describe('a report on what an earlier collection saved', () => {
  it('says when the collection did not finish, so partial evidence is not taken as whole', async () => {
    const output = await tempDir();
    const caseFile = kwizzyCase(output);
    const controller = new AbortController();
    await expect(
      collectAuditEvidence(
        caseFile,
        fakeOptions(new FakeGraph(kwizzyTenant()), {
          signal: controller.signal,
          onProgress: (event) => {
            if (event.type === 'chunk-finished') controller.abort(new Error('Ctrl-C'));
          },
        }),
      ),
    ).rejects.toThrow('Ctrl-C');

    const saved = await savedCollection(caseFile);
    expect(saved.collection?.problems).toEqual([
      {
        code: 'collection-unfinished',
        message: expect.stringContaining('audit records and sign-ins ended interrupted') as string,
      },
      {
        code: 'collection-unfinished',
        message: expect.stringContaining(
          'message lookups and synced folder listings has not run',
        ) as string,
      },
    ]);
  });

  it('adds nothing for a collection that finished', async () => {
    const output = await tempDir();
    const caseFile = kwizzyCase(output);
    const graph = new FakeGraph(kwizzyTenant());
    await collectAuditEvidence(caseFile, fakeOptions(graph));
    await collectMessageEvidence(caseFile, { messages: [], folders: [] }, fakeOptions(graph));

    const saved = await savedCollection(caseFile);
    expect(saved.collection?.problems.map((problem) => problem.code)).not.toContain(
      'collection-unfinished',
    );
  });
});

describe('collected evidence altered after the collection', () => {
  async function collected() {
    const output = await tempDir();
    const caseFile = kwizzyCase(output);
    const graph = new FakeGraph(kwizzyTenant());
    await collectAuditEvidence(caseFile, fakeOptions(graph));
    await collectMessageEvidence(caseFile, { messages: [], folders: [] }, fakeOptions(graph));
    const manifest = JSON.parse(
      await readFile(join(output, 'evidence', 'collection.json'), 'utf8'),
    ) as { files: { path: string; kind: string; sha256: string }[] };
    const audit = manifest.files.find((file) => file.kind === 'audit');
    if (audit === undefined) throw new Error('the fake collection saved no audit records');
    const analyze = () =>
      runCase(caseFile, {
        outDir: join(output, 'out'),
        formats: ['json'],
        generatedAt: '2026-11-01T00:00:00Z',
        progress: () => undefined,
        live: null,
        force: false,
      });
    return { path: join(output, 'evidence', audit.path), sha256: audit.sha256, analyze };
  }

  it('is refused when a byte changed, naming the hash recorded and the hash read', async () => {
    const { path, sha256, analyze } = await collected();
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('203.0.113.', '203.0.114.'));
    expect((await readFile(path, 'utf8')).length).toBe(text.length);

    const refusal = analyze();
    await expect(refusal).rejects.toThrow(InputError);
    await expect(refusal).rejects.toThrow(
      `has changed since it was collected (collection.json records sha256 ${sha256}, the file read has`,
    );
  });

  it('is refused before reading when its size changed or it is gone', async () => {
    const { path, analyze } = await collected();
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, -10));
    await expect(analyze()).rejects.toThrow(
      `records ${Buffer.byteLength(text)} bytes, the file now has ${Buffer.byteLength(text) - 10})`,
    );
    await rm(path);
    await expect(analyze()).rejects.toThrow('the file is gone');
  });

  it('is read as collected when untouched, with the hash the collection recorded', async () => {
    const { sha256, analyze } = await collected();
    const { report } = await analyze();
    expect(report.inputs.map((input) => input.sha256)).toContain(sha256);
  });
});
