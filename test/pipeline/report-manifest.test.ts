import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectAuditEvidence, collectMessageEvidence } from '../../src/collect/index.js';
import { runCase, type ReportManifest } from '../../src/pipeline/index.js';
import { FakeGraph } from '../collect/fake-graph.js';
import { fakeOptions, kwizzyCase, kwizzyTenant, tempDir } from '../collect/case-fixture.js';

describe('the manifest of a case collected live', () => {
  it('holds the SHA-256 of collection.json, the record of what was asked and fetched', async () => {
    const output = await tempDir();
    const caseFile = kwizzyCase(output);
    const graph = new FakeGraph(kwizzyTenant());
    await collectAuditEvidence(caseFile, fakeOptions(graph));
    await collectMessageEvidence(caseFile, { messages: [], folders: [] }, fakeOptions(graph));

    await runCase(caseFile, {
      outDir: output,
      formats: ['json'],
      generatedAt: '2026-11-01T00:00:00Z',
      progress: () => undefined,
      live: null,
      force: false,
    });
    const manifest = JSON.parse(
      await readFile(join(output, 'manifest.json'), 'utf8'),
    ) as ReportManifest;
    const collection = await readFile(join(output, 'evidence', 'collection.json'));
    expect(manifest.collection).toEqual({
      path: 'evidence/collection.json',
      sha256: createHash('sha256').update(collection).digest('hex'),
      bytes: collection.length,
    });
    expect(manifest.inputs.length).toBeGreaterThan(0);
  });
});
