import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CollectError,
  collectAuditEvidence,
  collectedInputs,
  readManifest,
  type GraphTransport,
} from '../../src/collect/index.js';
import { sha256 } from '../../src/collect/evidence-writer.js';
import { FakeGraph } from './fake-graph.js';
import {
  fakeOptions,
  kwizzyAuditRecords,
  kwizzyCase,
  kwizzyTenant,
  tempDir,
} from './case-fixture.js';

/** Record ids in the collected audit files, with how often each was written. */
async function collectedIds(evidenceDir: string): Promise<string[]> {
  const ids: string[] = [];
  for (const name of (await readdir(join(evidenceDir, 'audit'))).sort()) {
    const text = await readFile(join(evidenceDir, 'audit', name), 'utf8');
    for (const line of text.split('\n').filter((l) => l !== '')) {
      ids.push((JSON.parse(line) as { id: string }).id);
    }
  }
  return ids;
}

const IN_SCOPE = kwizzyAuditRecords()
  .filter((record) => {
    const at = String(record.createdDateTime);
    return (
      at <= '2026-10-03T00:00:00Z' &&
      ['finance.lead@kwizzy.nl', 'j.devries@kwizzy.nl'].includes(
        String(record.userPrincipalName),
      ) &&
      record.operation !== 'FileAccessed'
    );
  })
  .map((record) => String(record.id))
  .sort();

describe('collectAuditEvidence', () => {
  it('saves every record of the window once, raw, with the queries and counts in the manifest', async () => {
    const output = await tempDir();
    const graph = new FakeGraph(kwizzyTenant(), { auditPageSize: 2, pollsUntilDone: 2 });
    const caseFile = kwizzyCase(output);
    const manifest = await collectAuditEvidence(caseFile, fakeOptions(graph));

    const evidenceDir = join(output, 'evidence');
    expect(
      collectedInputs(caseFile, manifest).map((input) => [input.kind, input.absolutePath]),
    ).toEqual([
      ['audit', join(evidenceDir, 'audit', '20261001T000000Z-20261002T000000Z.ndjson')],
      ['audit', join(evidenceDir, 'audit', '20261002T000000Z-20261003T000000Z.ndjson')],
      ['audit', join(evidenceDir, 'audit', '20261003T000000Z-20261003T000001Z.ndjson')],
      ['signIns', join(evidenceDir, 'signins', 'finance.lead@kwizzy.nl.interactive.ndjson')],
      ['signIns', join(evidenceDir, 'signins', 'finance.lead@kwizzy.nl.non-interactive.ndjson')],
      ['signIns', join(evidenceDir, 'signins', 'j.devries@kwizzy.nl.interactive.ndjson')],
    ]);
    expect((await collectedIds(evidenceDir)).sort()).toEqual(IN_SCOPE);
    expect(manifest.audit.chunks.map((chunk) => [chunk.start, chunk.end, chunk.status])).toEqual([
      ['2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z', 'complete'],
      ['2026-10-02T00:00:00Z', '2026-10-03T00:00:00Z', 'complete'],
      ['2026-10-03T00:00:00Z', '2026-10-03T00:00:01Z', 'complete'],
    ]);
    const first = manifest.audit.chunks[0];
    expect(first?.request).toEqual({
      method: 'POST',
      url: 'https://graph.test/v1.0/security/auditLog/queries',
      body: {
        displayName: 'mailexposure BEC-2026-014 2026-10-01T00:00:00Z..2026-10-02T00:00:00Z',
        filterStartDateTime: '2026-10-01T00:00:00Z',
        filterEndDateTime: '2026-10-02T00:00:00Z',
        operationFilters: [
          'MailItemsAccessed',
          'New-InboxRule',
          'Set-InboxRule',
          'Enable-InboxRule',
          'Disable-InboxRule',
          'Remove-InboxRule',
          'UpdateInboxRules',
          'Set-Mailbox',
          'Send',
          'SendAs',
          'SendOnBehalf',
          'SearchQueryInitiatedExchange',
          'SoftDelete',
          'HardDelete',
          'MoveToDeletedItems',
          'Move',
        ],
        userPrincipalNameFilters: ['finance.lead@kwizzy.nl', 'j.devries@kwizzy.nl'],
      },
    });
    expect(first?.records).toBe(3);
    expect(first?.approximateReturnedRecordCount).toBe(3);
    expect(first?.isRecordCountLimitExceeded).toBe(false);
    expect(first?.pages.map((page) => page.records)).toEqual([2, 1]);
    // Each listed file is there, with the digest and record count the manifest gives.
    for (const file of manifest.files) {
      const bytes = await readFile(join(evidenceDir, file.path));
      expect(sha256(bytes)).toBe(file.sha256);
      expect(bytes.length).toBe(file.bytes);
      expect(
        bytes
          .toString('utf8')
          .split('\n')
          .filter((l) => l !== ''),
      ).toHaveLength(file.records);
    }
    expect(await readManifest(evidenceDir)).toEqual(manifest);
    expect(manifest.limitations[0]).toMatch(
      /for the case accounts as acting users, and for the own accounts of the mailboxes the attacker/,
    );
  });

  it('refuses a case without accounts rather than collecting the whole tenant', async () => {
    const output = await tempDir();
    const graph = new FakeGraph(kwizzyTenant());
    const caseFile = { ...kwizzyCase(output), accounts: [] };
    await expect(collectAuditEvidence(caseFile, fakeOptions(graph))).rejects.toThrow(
      'the case names no accounts',
    );
    expect(graph.requests).toEqual([]);
  });

  it('keeps each record exactly as Graph wrote it (escapes included), one per line', async () => {
    const output = await tempDir();
    await collectAuditEvidence(kwizzyCase(output), fakeOptions(new FakeGraph(kwizzyTenant())));
    const text = await readFile(
      join(output, 'evidence', 'audit', '20261001T000000Z-20261002T000000Z.ndjson'),
      'utf8',
    );
    const line = text.split('\n')[0] ?? '';
    expect(line).toContain(
      '"InternetMessageId":"\\u003c00000100-0000-4000-8000-000000000000@kwizzy.nl\\u003e"',
    );
    expect(JSON.parse(line)).toEqual(kwizzyAuditRecords()[0]);
  });

  it('splits a chunk whose query exceeded its record limit and loses no record', async () => {
    const output = await tempDir();
    const tenant = kwizzyTenant();
    tenant.auditRecords = kwizzyAuditRecords(12);
    const graph = new FakeGraph(tenant, { recordCountLimit: 5 });
    const manifest = await collectAuditEvidence(kwizzyCase(output), fakeOptions(graph));

    const expected = tenant.auditRecords
      .filter((r) => String(r.createdDateTime) <= '2026-10-03T00:00:00Z')
      .filter((r) => r.operation !== 'FileAccessed' && r.userPrincipalName !== 'ceo@kwizzy.nl')
      .map((r) => String(r.id))
      .sort();
    expect((await collectedIds(join(output, 'evidence'))).sort()).toEqual(expected);
    const split = manifest.audit.chunks.filter((chunk) => chunk.status === 'split');
    expect(split.map((chunk) => chunk.key)).toContain('20261001T000000Z-20261002T000000Z');
    const children = manifest.audit.chunks.filter(
      (chunk) => chunk.splitFrom === '20261001T000000Z-20261002T000000Z',
    );
    expect(children.map((chunk) => [chunk.start, chunk.end])).toEqual([
      ['2026-10-01T00:00:00Z', '2026-10-01T12:00:00Z'],
      ['2026-10-01T12:00:00Z', '2026-10-02T00:00:00Z'],
    ]);
    const kept = manifest.audit.chunks.filter((chunk) => chunk.status === 'complete');
    for (const chunk of kept) {
      expect(chunk.isRecordCountLimitExceeded).toBe(false);
      expect(chunk.records).toBe(chunk.approximateReturnedRecordCount);
    }
    expect(manifest.audit.chunks.some((chunk) => chunk.status === 'truncated')).toBe(false);
    expect(manifest.runs.at(-1)?.outcome).toBe('complete');
  });

  it('waits out 429/503 as Retry-After says and still saves everything', async () => {
    const output = await tempDir();
    const graph = new FakeGraph(kwizzyTenant(), { failureRate: 0.3, auditPageSize: 1, seed: 7 });
    const options = fakeOptions(graph);
    const manifest = await collectAuditEvidence(kwizzyCase(output), options);

    expect(graph.failures).toBeGreaterThan(3);
    expect((await collectedIds(join(output, 'evidence'))).sort()).toEqual(IN_SCOPE);
    const run = manifest.runs.at(-1);
    expect(run?.requests.retried).toBe(graph.failures);
    expect(run?.requests.sent).toBe(graph.requests.length);
    // Every throttled response said Retry-After: 1.
    expect(options.waits.filter((ms) => ms === 1000).length).toBeGreaterThanOrEqual(graph.failures);
  });

  it('resumes an interrupted collection without writing anything twice', async () => {
    const output = await tempDir();
    const caseFile = kwizzyCase(output);
    const controller = new AbortController();
    // The second day's search is slow: the operator gives up once the first day is saved.
    const interrupted = new FakeGraph(kwizzyTenant(), {
      auditPageSize: 1,
      holdQueriesStarting: ['2026-10-02T00:00:00Z'],
    });
    await expect(
      collectAuditEvidence(
        caseFile,
        fakeOptions(interrupted, {
          signal: controller.signal,
          onProgress: (event) => {
            if (event.type === 'chunk-finished' && event.chunk.start === '2026-10-01T00:00:00Z') {
              controller.abort(new Error('operator pressed Ctrl-C'));
            }
          },
        }),
      ),
    ).rejects.toThrow('operator pressed Ctrl-C');
    const saved = await readManifest(join(output, 'evidence'));
    expect(saved?.runs.at(-1)?.outcome).toBe('interrupted');
    const status = new Map(saved?.audit.chunks.map((chunk) => [chunk.start, chunk.status]));
    expect(status.get('2026-10-01T00:00:00Z')).toBe('complete');
    expect(status.get('2026-10-02T00:00:00Z')).toBe('pending');
    const doneBefore = [...status.values()].filter((value) => value === 'complete').length;

    const resumed = new FakeGraph(kwizzyTenant(), { auditPageSize: 1 });
    const manifest = await collectAuditEvidence(caseFile, fakeOptions(resumed));
    const ids = await collectedIds(join(output, 'evidence'));
    expect(ids.sort()).toEqual(IN_SCOPE);
    // Chunks saved before the interruption were not queried again.
    const created = resumed.requests.filter((request) => request.method === 'POST').length;
    expect(created).toBe(3 - doneBefore);
    expect(manifest.runs.map((run) => run.outcome)).toEqual(['interrupted', 'complete']);

    // Running it again asks nothing of the audit log and writes nothing new.
    const again = new FakeGraph(kwizzyTenant());
    await collectAuditEvidence(caseFile, fakeOptions(again));
    expect(again.requests.filter((request) => request.url.includes('/auditLog/'))).toEqual([]);
    expect((await collectedIds(join(output, 'evidence'))).sort()).toEqual(IN_SCOPE);
  });

  it('records a chunk whose query keeps failing as a gap, goes on, and fills it when run again', async () => {
    const output = await tempDir();
    const caseFile = kwizzyCase(output);
    const graph = new FakeGraph(kwizzyTenant());
    let serviceBroken = true;
    const secondDay = new Set<string>();
    // While the audit service is broken, every query for the second day ends `failed`.
    const flaky: GraphTransport = {
      async send(request) {
        const response = await graph.send(request);
        if (!request.url.includes('/auditLog/queries') || response.status >= 300) return response;
        const state = JSON.parse(response.text) as { id: string; status?: string };
        if (
          (request.body as { filterStartDateTime?: string } | undefined)?.filterStartDateTime ===
          '2026-10-02T00:00:00Z'
        ) {
          secondDay.add(state.id);
        }
        if (serviceBroken && secondDay.has(state.id) && state.status === 'succeeded') {
          return { ...response, text: JSON.stringify({ ...state, status: 'failed' }) };
        }
        return response;
      },
    };
    const broken = await collectAuditEvidence(caseFile, fakeOptions(flaky));
    expect(broken.audit.chunks.map((chunk) => chunk.status)).toEqual([
      'complete',
      'failed',
      'complete',
    ]);
    expect(broken.gaps).toEqual([
      expect.objectContaining({
        step: 'audit',
        part: { kind: 'period', start: '2026-10-02T00:00:00Z', end: '2026-10-03T00:00:00Z' },
        cause: 'query-failed',
        meaning: expect.stringMatching(/ended failed 3 times/) as unknown,
      }),
    ]);
    // The sign-ins were still collected, and the run is recorded as incomplete, not failed.
    expect(broken.signIns.queries.every((query) => query.status === 'complete')).toBe(true);
    expect(broken.runs.at(-1)?.outcome).toBe('incomplete');

    serviceBroken = false;
    const manifest = await collectAuditEvidence(caseFile, fakeOptions(flaky));
    expect(manifest.audit.chunks.map((chunk) => chunk.status)).toEqual([
      'complete',
      'complete',
      'complete',
    ]);
    expect(manifest.gaps).toEqual([]);
    expect((await collectedIds(join(output, 'evidence'))).sort()).toEqual(IN_SCOPE);
  });

  it('gives up on a listing whose next link points back at a page, saving none of it', async () => {
    const output = await tempDir();
    const graph = new FakeGraph(kwizzyTenant(), { auditPageSize: 1 });
    const looping: GraphTransport = {
      async send(request) {
        const response = await graph.send(request);
        if (!request.url.endsWith('/records') || response.status !== 200) return response;
        const body = JSON.parse(response.text) as Record<string, unknown>;
        return { ...response, text: JSON.stringify({ ...body, '@odata.nextLink': request.url }) };
      },
    };
    const options = fakeOptions(looping);
    const manifest = await collectAuditEvidence(kwizzyCase(output), options);
    expect(manifest.gaps.map((gap) => [gap.step, gap.cause])).toEqual([
      ['audit', 'malformed'],
      ['audit', 'malformed'],
      ['audit', 'malformed'],
    ]);
    expect(manifest.gaps[0]?.meaning).toMatch(/next link pointed back to a page already read/);
    expect(graph.requests.length).toBeLessThan(50);
    await expect(readdir(join(output, 'evidence', 'audit'))).resolves.toEqual([]);
  });

  it('stops when a saved evidence file was changed afterwards', async () => {
    const output = await tempDir();
    const caseFile = kwizzyCase(output);
    await collectAuditEvidence(caseFile, fakeOptions(new FakeGraph(kwizzyTenant())));
    const file = join(output, 'evidence', 'audit', '20261002T000000Z-20261003T000000Z.ndjson');
    await writeFile(file, (await readFile(file, 'utf8')).replace('203.0.113.7', '198.51.100.1'));

    const result = collectAuditEvidence(caseFile, fakeOptions(new FakeGraph(kwizzyTenant())));
    await expect(result).rejects.toBeInstanceOf(CollectError);
    await expect(result).rejects.toThrow(/no longer matches the SHA-256/);
  });

  it('refuses to mix a collection with other settings into the same evidence folder', async () => {
    const output = await tempDir();
    await collectAuditEvidence(kwizzyCase(output), fakeOptions(new FakeGraph(kwizzyTenant())));
    const other = kwizzyCase(output, { chunkHours: 12 });
    await expect(
      collectAuditEvidence(other, fakeOptions(new FakeGraph(kwizzyTenant()))),
    ).rejects.toThrow(/other settings/);
  });

  it('collects interactive and non-interactive sign-ins of each account in the window', async () => {
    const output = await tempDir();
    const graph = new FakeGraph(kwizzyTenant());
    const manifest = await collectAuditEvidence(kwizzyCase(output), fakeOptions(graph));
    const files = manifest.files.filter((file) => file.kind === 'signIns');
    expect(files.map((file) => [file.path, file.records])).toEqual([
      ['signins/finance.lead@kwizzy.nl.interactive.ndjson', 1],
      ['signins/finance.lead@kwizzy.nl.non-interactive.ndjson', 1],
      ['signins/j.devries@kwizzy.nl.interactive.ndjson', 1],
    ]);
    // A query that found nothing makes no empty file; the manifest proves what it returned.
    const empty = manifest.signIns.queries.find(
      (query) => query.key === 'j.devries@kwizzy.nl.non-interactive',
    );
    expect(empty).toMatchObject({ status: 'complete', file: null, records: 0 });
    expect(empty?.pages.map((page) => page.records)).toEqual([0]);
    const line = await readFile(
      join(output, 'evidence', 'signins/finance.lead@kwizzy.nl.non-interactive.ndjson'),
      'utf8',
    );
    expect(JSON.parse(line)).toMatchObject({ id: 's2', sessionId: '5e55-s2' });
    expect(manifest.signIns.queries[0]?.request.url).toBe(
      'https://graph.test/beta/auditLogs/signIns?$filter=' +
        encodeURIComponent(
          "userPrincipalName eq 'finance.lead@kwizzy.nl' and createdDateTime ge 2026-10-01T00:00:00Z and createdDateTime le 2026-10-03T00:00:00Z",
        ),
    );
  });

  it('keeps the interactive sign-ins when the non-interactive filter is refused', async () => {
    const output = await tempDir();
    const graph = new FakeGraph(kwizzyTenant(), { rejectSignInEventTypes: true });
    const manifest = await collectAuditEvidence(kwizzyCase(output), fakeOptions(graph));
    expect(manifest.signIns.queries.map((query) => [query.key, query.status])).toEqual([
      ['finance.lead@kwizzy.nl.interactive', 'complete'],
      ['finance.lead@kwizzy.nl.non-interactive', 'rejected'],
      ['j.devries@kwizzy.nl.interactive', 'complete'],
      ['j.devries@kwizzy.nl.non-interactive', 'rejected'],
    ]);
    expect(manifest.problems.map((problem) => problem.message)).toContain(
      'Non-interactive sign-ins of finance.lead@kwizzy.nl could not be collected ' +
        '(GET https://graph.test/beta/auditLogs/signIns returned 400 BadRequest: Graph refused ' +
        'the request: signInEventTypes is not supported); sessions that only refreshed tokens ' +
        'from an attacker address may be missed.',
    );
    expect(manifest.files.filter((file) => file.kind === 'signIns')).toHaveLength(2);
  });

  it('says so instead of querying where the audit log query API does not exist', async () => {
    const output = await tempDir();
    const graph = new FakeGraph(kwizzyTenant());
    const manifest = await collectAuditEvidence(
      kwizzyCase(output, { cloud: 'gcc-high' }),
      fakeOptions(graph),
    );
    expect(manifest.problems.map((problem) => problem.code)).toEqual(['feature-unavailable']);
    expect(manifest.runs.at(-1)?.outcome).toBe('incomplete');
    expect(graph.requests.some((request) => request.url.includes('/auditLog/'))).toBe(false);
  });
});
