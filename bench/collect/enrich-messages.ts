/**
 * Benchmark: enriching 10,000 exposed messages against the Microsoft 365 emulator with 50 ms
 * of latency per request, as the collection does it (20 lookups per $batch, never more than
 * 4 requests in flight per mailbox) and as one request per message (same concurrency rules).
 * Two places for the latency: in the emulator (every request, inner $batch requests included,
 * holds its mailbox slot that long: service time) or on the wire (each HTTP request the client
 * sends takes that long more: the round trip of a consultant far from the datacentre).
 *
 *   npx tsx bench/collect/enrich-messages.ts [--messages 10000] [--mailboxes 10] [--latency-ms 50]
 *
 * It makes the emulator's certificates and re-runs itself with NODE_EXTRA_CA_CERTS set (Node
 * reads it at start), then prints a Markdown table for BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTokenSource } from '../../src/collect/auth.js';
import { resolveEndpoints } from '../../src/collect/clouds.js';
import {
  createGraphTransport,
  graphUrl,
  type GraphTransport,
} from '../../src/collect/graph-client.js';
import { collectMessageEvidence, type CollectionManifest } from '../../src/collect/index.js';
import { MailboxLimiter } from '../../src/collect/mailbox-limiter.js';
import { MESSAGE_SELECT } from '../../src/collect/message-metadata.js';
import { odataString, queryOption, userSegment, withQuery } from '../../src/collect/odata.js';
import { runWorkers } from '../../src/collect/pool.js';
import { DEFAULT_RETRY_POLICY, sleep, withRetries } from '../../src/collect/retry.js';
import type { CaseFile } from '../../src/model/index.js';
import {
  createTestPki,
  PKI_ENV,
  startEmulator,
  testPkiFromEnv,
  type RunningEmulator,
  type TenantData,
  type TenantMessage,
} from '../../test/emulator/index.js';
import { caseIn, collectSettings, kwizzyCaseFile } from '../../test/kwizzy-case-file.js';

const TENANT_ID = '6f1d3a52-8c47-4e29-b3a0-5d7e9c21f843';
const CLIENT = { clientId: '3c2f6b1e-9a47-4d5c-8e21-7b0f4a6d9c35', secret: 'bench-secret~1' };

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '10000' },
    mailboxes: { type: 'string', default: '10' },
    'latency-ms': { type: 'string', default: '50' },
  },
});
const MESSAGES = Number(values.messages);
const MAILBOXES = Number(values.mailboxes);
const LATENCY_MS = Number(values['latency-ms']);

function tenant(): TenantData {
  const mailboxes: TenantData['mailboxes'] = {};
  for (let box = 0; box < MAILBOXES; box++) {
    const messages: TenantMessage[] = [];
    for (let index = box; index < MESSAGES; index += MAILBOXES) {
      const when = new Date(Date.parse('2026-09-01T00:00:00Z') + index * 60_000).toISOString();
      messages.push({
        id: `AAMk${String(index).padStart(8, '0')}`,
        internetMessageId: `<bench-${index}.${box}@mail.kwizzy.nl>`,
        subject: `Invoice ${index}`,
        from: { address: 'accounts@supplier.example' },
        toRecipients: [{ address: mailboxOf(box) }],
        ccRecipients: [],
        receivedDateTime: when,
        sentDateTime: when,
        parentFolderId: 'inbox',
      });
    }
    mailboxes[mailboxOf(box)] = {
      folders: [{ id: 'inbox', path: '\\Inbox', displayName: 'Inbox', parentId: null }],
      messages,
    };
  }
  return {
    tenantId: TENANT_ID,
    clients: [CLIENT],
    auditRecords: [],
    mailboxes,
    signIns: [],
    messageTraces: [],
  };
}

function mailboxOf(box: number): string {
  return `user${String(box).padStart(3, '0')}@kwizzy.nl`;
}

function targets(data: TenantData): { mailbox: string; internetMessageId: string }[] {
  return Object.entries(data.mailboxes).flatMap(([mailbox, { messages }]) =>
    messages.map((message) => ({
      mailbox,
      internetMessageId: message.internetMessageId.slice(1, -1),
    })),
  );
}

function caseFor(emulator: RunningEmulator, output: string): CaseFile {
  return kwizzyCaseFile({
    ...caseIn(output),
    case: { id: 'BENCH', title: 'Benchmark', timezone: 'UTC' },
    accounts: [],
    collect: collectSettings({
      tenantId: TENANT_ID,
      clientId: CLIENT.clientId,
      endpoints: { login: emulator.url, graph: emulator.url },
      auth: { method: 'secret', secretEnv: 'BENCH_SECRET' },
    }),
  });
}

type Where = 'emulator' | 'wire';

/** The client's transport, slowed by the round trip when the latency is on the wire. */
function onWire(transport: GraphTransport, where: Where): GraphTransport {
  if (where === 'emulator') return transport;
  return {
    async send(request, signal) {
      await sleep(LATENCY_MS, signal);
      return transport.send(request, signal);
    },
  };
}

interface Result {
  where: Where;
  method: string;
  seconds: number;
  httpRequests: number;
  graphRequests: number;
  retried: number;
  found: number;
  peak: number;
}

function graphRequestCount(emulator: RunningEmulator): number {
  return Object.entries(emulator.stats.requests)
    .filter(([route]) => !route.includes('{tenant}'))
    .reduce((sum, [, count]) => sum + count, 0);
}

async function batched(data: TenantData, where: Where): Promise<Result> {
  const emulator = await startEmulator({
    tenant: data,
    latencyMs: where === 'emulator' ? LATENCY_MS : 0,
  });
  const caseFile = caseFor(emulator, mkdtempSync(join(tmpdir(), 'bench-collect-')));
  const started = performance.now();
  const manifest: CollectionManifest = await collectMessageEvidence(
    caseFile,
    { messages: targets(data), folders: [] },
    {
      env: { BENCH_SECRET: CLIENT.secret },
      transport: (tokens) => onWire(createGraphTransport(emulator.url, tokens), where),
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const run = manifest.runs.at(-1);
  const result: Result = {
    where,
    method: '20 per $batch (mailexposure)',
    seconds,
    httpRequests: run?.requests.sent ?? 0,
    graphRequests: graphRequestCount(emulator),
    retried: run?.requests.retried ?? 0,
    found: manifest.messages.lookups.found['graph-mailbox'] ?? 0,
    peak: Math.max(...Object.values(emulator.stats.maxConcurrentByMailbox)),
  };
  await emulator.stop();
  return result;
}

/** The naive way: one GET per message, with the same per-mailbox and mailbox concurrency. */
async function onePerMessage(data: TenantData, where: Where): Promise<Result> {
  const emulator = await startEmulator({
    tenant: data,
    latencyMs: where === 'emulator' ? LATENCY_MS : 0,
  });
  const settings = caseFor(emulator, tmpdir()).collect;
  if (settings === null) throw new Error('no collect settings');
  const endpoints = resolveEndpoints(settings);
  const tokens = await createTokenSource(settings, endpoints, {
    env: { BENCH_SECRET: CLIENT.secret },
    onDeviceCode: () => undefined,
  });
  let sent = 0;
  let retried = 0;
  const transport = onWire(createGraphTransport(endpoints.graph, tokens), where);
  const graph = withRetries(
    {
      send: (request, signal) => {
        sent += 1;
        return transport.send(request, signal);
      },
    },
    {
      policy: DEFAULT_RETRY_POLICY,
      sleep,
      now: () => Date.now(),
      onRetry: () => {
        retried += 1;
      },
    },
  );
  const limiter = new MailboxLimiter();
  const byMailbox = new Map<string, string[]>();
  for (const { mailbox, internetMessageId } of targets(data)) {
    byMailbox.set(mailbox, [...(byMailbox.get(mailbox) ?? []), internetMessageId]);
  }
  const mailboxes = [...byMailbox.keys()];
  let found = 0;
  const started = performance.now();
  await runWorkers(8, undefined, async () => {
    for (let mailbox = mailboxes.shift(); mailbox !== undefined; mailbox = mailboxes.shift()) {
      const ids = byMailbox.get(mailbox) ?? [];
      const owner = mailbox;
      await runWorkers(limiter.perMailbox, undefined, async () => {
        for (let id = ids.shift(); id !== undefined; id = ids.shift()) {
          const url = withQuery(
            graphUrl(endpoints.graph, 'v1.0', `${userSegment(owner)}/messages`),
            [
              queryOption('$filter', `internetMessageId eq ${odataString(`<${id}>`)}`),
              queryOption('$select', MESSAGE_SELECT),
            ],
          );
          const response = await limiter.run(owner, () => graph.send({ method: 'GET', url }));
          const value = (JSON.parse(response.text) as { value?: unknown[] }).value ?? [];
          if (response.status === 200 && value.length > 0) found += 1;
        }
      });
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const result: Result = {
    where,
    method: 'one GET per message',
    seconds,
    httpRequests: sent,
    graphRequests: graphRequestCount(emulator),
    retried,
    found,
    peak: Math.max(...Object.values(emulator.stats.maxConcurrentByMailbox)),
  };
  await emulator.stop();
  return result;
}

async function main(): Promise<void> {
  const data = tenant();
  const results: Result[] = [];
  for (const where of ['emulator', 'wire'] as const) {
    results.push(await batched(data, where), await onePerMessage(data, where));
  }
  console.log(`${MESSAGES} messages in ${MAILBOXES} mailbox(es), ${LATENCY_MS} ms per request\n`);
  console.log(
    '| Latency in | Method | Wall time | HTTP requests sent | Graph requests served | Retried | Found | Peak per mailbox |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.where} | ${r.method} | ${r.seconds.toFixed(1)} s | ${r.httpRequests} | ${r.graphRequests} | ${r.retried} | ${r.found} | ${r.peak} |`,
    );
  }
}

if (process.env[PKI_ENV.dir] === undefined) {
  // Node trusts extra CAs only from the start: make them, then run again with them trusted.
  const dir = mkdtempSync(join(tmpdir(), 'bench-pki-'));
  const pki = createTestPki(dir);
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: pki.caPath, [PKI_ENV.dir]: dir },
  });
  process.exitCode = child.status ?? 1;
} else {
  testPkiFromEnv();
  await main();
}
