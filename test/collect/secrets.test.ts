import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  collectAuditEvidence,
  collectMessageEvidence,
  createProgressReporter,
  type AccessTokenSource,
  type CollectOptions,
  type GraphTransport,
} from '../../src/collect/index.js';
import { describeFailure } from '../../src/collect/step-failure.js';
import { FakeGraph } from './fake-graph.js';
import { kwizzyCase, kwizzyTenant, SECRET, tempDir, virtualTiming } from './case-fixture.js';
import { fakeLogin } from './fake-login.js';

const TOKEN = 'eyJhbGciOiJub25lIn0.TOKEN-THAT-MUST-NOT-LEAK.x';

/** The fake Graph, answering only requests that carry the signed-in token. */
function requiringToken(graph: GraphTransport, tokens: AccessTokenSource): GraphTransport {
  return {
    async send(request, signal) {
      if ((await tokens.getAccessToken()) !== TOKEN) {
        return {
          status: 401,
          headers: {},
          text: '{"error":{"code":"InvalidAuthenticationToken"}}',
        };
      }
      return graph.send(request, signal);
    },
  };
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('secrets', () => {
  it('never appear in evidence, manifest, progress output or errors', async () => {
    const printed: string[] = [];
    const capture = (text: unknown) => {
      printed.push(String(text));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation(capture);
    }
    const output = await tempDir();
    const login = fakeLogin(TOKEN);
    const tenant = kwizzyTenant([
      {
        mailbox: 'finance.lead@kwizzy.nl',
        folder: '\\Inbox',
        internetMessageId: '<a@kwizzy.nl>',
        subject: 'Invoice',
        from: 'x@example.com',
        to: ['finance.lead@kwizzy.nl'],
        receivedDateTime: '2026-09-30T08:00:00Z',
      },
    ]);
    const progress = createProgressReporter({ write: capture, isTTY: false });
    const options = (graph: GraphTransport): CollectOptions => ({
      env: { MAILEXPOSURE_CLIENT_SECRET: SECRET },
      msalNetworkClient: login.network,
      transport: (tokens) => requiringToken(graph, tokens),
      timing: virtualTiming().timing,
      onProgress: progress,
    });
    const caseFile = kwizzyCase(output);
    await collectAuditEvidence(caseFile, options(new FakeGraph(tenant, { failureRate: 0.2 })));
    await collectMessageEvidence(
      caseFile,
      {
        messages: [{ mailbox: 'finance.lead@kwizzy.nl', internetMessageId: 'a@kwizzy.nl' }],
        folders: [
          { mailbox: 'finance.lead@kwizzy.nl', path: '\\Inbox', syncedAt: '2026-10-01T10:00:00Z' },
        ],
      },
      options(new FakeGraph(tenant)),
    );
    // A failing call: its error message must not carry them either.
    const forbidden: GraphTransport = {
      send: () =>
        Promise.resolve({ status: 403, headers: {}, text: '{"error":{"code":"Forbidden"}}' }),
    };
    const refused = await collectMessageEvidence(
      caseFile,
      {
        messages: [{ mailbox: 'j.devries@kwizzy.nl', internetMessageId: 'b@kwizzy.nl' }],
        folders: [],
      },
      options(forbidden),
    );
    expect(refused.gaps.map((gap) => `${gap.step} ${describeFailure(gap)}`)).toEqual([
      expect.stringMatching(/^lookups 403 Forbidden: .*Mail\.ReadBasic\.All/) as unknown,
      expect.stringMatching(
        /^messageTrace 403 Forbidden: .*ExchangeMessageTrace\.Read\.All/,
      ) as unknown,
    ]);
    printed.push(JSON.stringify(refused));

    expect(login.calls.some((call) => call.form.get('client_secret') === SECRET)).toBe(true);
    const files = await allFiles(output);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toContain(SECRET);
      expect(text, file).not.toContain(TOKEN);
    }
    const everything = printed.join('\n');
    expect(everything).toContain('audit log chunks');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(TOKEN);
  });
});
