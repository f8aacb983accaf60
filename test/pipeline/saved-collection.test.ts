import { describe, expect, it } from 'vitest';
import { collectAuditEvidence, collectMessageEvidence } from '../../src/collect/index.js';
import { savedCollection } from '../../src/pipeline/collect-live.js';
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
