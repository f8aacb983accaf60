import { badRequest, graphError, type GraphRequest, type GraphResponse } from './graph-http.js';

/** Microsoft Graph accepts at most 20 requests in one `$batch`. */
const MAX_STEPS = 20;

interface Step {
  id: string;
  method: string;
  url: string;
  body: unknown;
  dependsOn: string[];
}

function readSteps(body: unknown): Step[] | string {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) return 'Invalid batch payload format.';
  if (requests.length > MAX_STEPS) {
    return `Number of batch request steps exceeds the maximum of ${MAX_STEPS}.`;
  }
  const steps: Step[] = [];
  for (const item of requests as unknown[]) {
    const step = item as Partial<Record<keyof Step, unknown>> | null;
    const dependsOn = step?.dependsOn ?? [];
    if (
      typeof step?.id !== 'string' ||
      typeof step.method !== 'string' ||
      typeof step.url !== 'string' ||
      !Array.isArray(dependsOn) ||
      !dependsOn.every((id) => typeof id === 'string')
    ) {
      return 'Each batch request needs a string id, method and url.';
    }
    if (steps.some((other) => other.id === step.id))
      return `Duplicate batch request id ${step.id}.`;
    steps.push({
      id: step.id,
      method: step.method.toUpperCase(),
      url: step.url,
      body: step.body,
      dependsOn,
    });
  }
  return steps;
}

function innerRequest(outer: GraphRequest, step: Step): GraphRequest {
  const url = new URL(
    step.url.startsWith('/') ? step.url : `/${step.url}`,
    'https://batch.invalid',
  );
  return {
    method: step.method,
    version: outer.version,
    path: url.pathname,
    query: url.searchParams,
    body: step.body,
    origin: outer.origin,
    roles: outer.roles,
  };
}

async function inPool<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  };
  await Promise.all(Array.from({ length: Math.min(size, queue.length) }, worker));
}

/**
 * `POST /$batch`: each inner request goes through the same pipeline as a top-level one
 * (faults, mailbox concurrency, latency) and gets its own status and headers, so an inner
 * 429 carries its own `Retry-After`. Inner requests run at most `parallelism` at a time, as
 * Outlook does; `dependsOn` orders them, and a request whose dependency failed gets 424.
 * Responses come back in request order (Graph promises no order: match them by `id`).
 */
export async function runBatch(
  outer: GraphRequest,
  parallelism: number,
  serve: (request: GraphRequest) => Promise<GraphResponse>,
): Promise<GraphResponse> {
  const steps = readSteps(outer.body);
  if (typeof steps === 'string') return badRequest(steps);
  const results = new Map<string, GraphResponse>();
  let remaining = steps;
  while (remaining.length > 0) {
    const ready = remaining.filter((step) => step.dependsOn.every((id) => results.has(id)));
    if (ready.length === 0)
      return badRequest('The dependsOn of the batch requests form a cycle or name unknown ids.');
    await inPool(ready, parallelism, async (step) => {
      const failed = step.dependsOn.some((id) => (results.get(id)?.status ?? 0) >= 400);
      const response = failed
        ? graphError(424, 'FailedDependency', 'A request this one depends on failed.')
        : step.url.includes('$batch')
          ? badRequest('A batch cannot contain a batch.')
          : await serve(innerRequest(outer, step));
      results.set(step.id, response);
    });
    remaining = remaining.filter((step) => !results.has(step.id));
  }
  return {
    status: 200,
    body: {
      responses: steps.map((step) => {
        const response = results.get(step.id) ?? badRequest('Not run.');
        const headers: Record<string, string> = { ...response.headers };
        if (response.body !== undefined) headers['Content-Type'] = 'application/json';
        return { id: step.id, status: response.status, headers, body: response.body };
      }),
    },
  };
}
