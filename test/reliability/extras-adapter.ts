/**
 * How work owned by the examples joins docs/reliability.{md,json}: the
 * Kinesis→IoT soak (`runSoak({ records })`) and further bad-input corpora
 * (exported arrays of events for a function shape). extras.ts lists what is
 * wired; extras.test.ts runs it and writes its sections.
 *
 * A corpus runs in this jest process against the example's handler module (loaded in
 * a module registry of its own), with
 * every AWS endpoint pointed at a counter that answers 500 to anything: each
 * event must end in a typed error or a 4xx answer with 0 AWS requests, and the
 * same handler must then still answer the next event.
 */
import http from 'node:http';
import type net from 'node:net';

/** What `runSoak` in examples/kinesis-to-iot/test/soak.ts returns. */
export interface SoakCounts {
  records_in: number;
  published_distinct: number;
  duplicates: number;
  lost: number;
}

export type SoakRun = (options: { records: number }) => Promise<SoakCounts>;

/** A Lambda handler as the examples export it. */
export type Handler = (event: unknown, context: unknown) => Promise<unknown>;

export interface CorpusSource {
  /** Report name, e.g. `forwarder`. */
  name: string;
  /** The function shape, e.g. `function URL / HTTP events`. */
  shape: string;
  /** The exported array: events, or `{ name, event }` cases. */
  events: readonly unknown[];
  /** Loads the handler fresh (after the environment is set), e.g. `async () => (await import('...')).handler`. */
  loadHandler: () => Promise<Handler>;
  /** Environment the handler's module needs at load (targets, settings); AWS endpoints are set here. */
  env?: Record<string, string>;
}

/**
 * One line per corpus in extras.ts.
 * @example
 * corpus('forwarder', 'function URL / HTTP events', badEvents, async () => (await import('../../examples/forwarder/src/index')).handler, env)
 */
export function corpus(name: string, shape: string, events: readonly unknown[], loadHandler: () => Promise<Handler>, env: Record<string, string> = {}): CorpusSource {
  return { name, shape, events, loadHandler, env };
}

export interface CorpusRow {
  case: string;
  observed: string;
  awsCalls: number;
  /** A typed error or a 4xx answer, no AWS request, and the handler answered the next event. */
  ok: boolean;
}

/** `{ name, event }` cases keep their name; plain events are numbered. */
export function caseOf(item: unknown, index: number): { name: string; event: unknown } {
  const c = item as { name?: unknown; event?: unknown } | null;
  if (c && typeof c === 'object' && typeof c.name === 'string' && 'event' in c) return { name: c.name, event: c.event };
  return { name: `#${index + 1}`, event: item };
}

/** JavaScript's own errors: a bug, not a typed rejection. */
const BUILTIN = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError']);

/** How a handler's answer to a bad event reads, and whether it is a typed rejection. */
export function judge(result: { value?: unknown; error?: unknown }, event?: unknown): { observed: string; rejected: boolean } {
  if (result.error !== undefined) {
    const name = (result.error as { name?: unknown }).name;
    const typed = typeof name === 'string' && name.endsWith('Error') && !BUILTIN.has(name);
    return { observed: `${String(name)} thrown`, rejected: typed };
  }
  // A stream batch handler rejects bad records by reporting every one of them as failed (partial batch response).
  const failures = (result.value as { batchItemFailures?: { itemIdentifier?: unknown }[] } | undefined)?.batchItemFailures;
  if (Array.isArray(failures)) {
    const records = ((event as { Records?: { kinesis?: { sequenceNumber?: unknown } }[] } | null)?.Records ?? []).map((r) => r?.kinesis?.sequenceNumber);
    const reported = new Set(failures.map((f) => f.itemIdentifier));
    const all = records.length > 0 && records.every((n) => reported.has(n));
    return { observed: `${failures.length} of ${records.length} records reported failed`, rejected: all };
  }
  const status = (result.value as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status === 'number') return { observed: `HTTP ${status}`, rejected: status >= 400 && status < 500 };
  return { observed: 'answered without an error', rejected: false };
}

/** A loopback endpoint that counts requests and answers each with a 500. */
async function requestCounter(): Promise<{ endpoint: string; count(): number; stop(): Promise<void> }> {
  let hits = 0;
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    hits += 1;
    req.resume();
    res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"reliability corpus: no AWS call expected"}');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    count: () => hits,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const context = { functionName: 'reliability-corpus', awsRequestId: 'corpus', getRemainingTimeInMillis: () => 30_000 };

/** The handler's answer to one event, or that it gave none within `ANSWER_MS`. */
const ANSWER_MS = 5000;
async function answer(handler: Handler, event: unknown): Promise<{ value?: unknown; error?: unknown } | { timedOut: true }> {
  let timer: NodeJS.Timeout | undefined;
  const none = new Promise<{ timedOut: true }>((resolve) => (timer = setTimeout(() => resolve({ timedOut: true }), ANSWER_MS)));
  const settled = handler(event, context).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  try {
    return await Promise.race([settled, none]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every event of the corpus through a freshly loaded handler. */
export async function runCorpus(source: CorpusSource): Promise<CorpusRow[]> {
  const counter = await requestCounter();
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIACORPUS',
    AWS_SECRET_ACCESS_KEY: 'corpus',
    ...source.env,
    AWS_ENDPOINT_URL: counter.endpoint,
  });
  try {
    // A module registry of its own: the runtime caches the targets of process.env at module scope,
    // so two examples' handlers (two environments) must not share one copy of it.
    let handler: Handler | undefined;
    await jest.isolateModulesAsync(async () => {
      handler = await source.loadHandler();
    });
    if (!handler) throw new Error(`corpus ${source.name}: loadHandler gave no handler`);
    // What the module starts at load (the credential prefetch, a configuration read) is init, not a
    // reaction to a bad event: let it finish (no request for 1 s, at most 15 s) before the first case.
    for (let last = -1, waited = 0; counter.count() !== last && waited < 15_000; waited += 1000) {
      last = counter.count();
      await new Promise((r) => setTimeout(r, 1000));
    }
    const rows: CorpusRow[] = [];
    const cases = source.events.map(caseOf);
    const run = handler;
    for (const [i, c] of cases.entries()) {
      const before = counter.count();
      const result = await answer(run, c.event);
      await new Promise((r) => setTimeout(r, 20));
      const awsCalls = counter.count() - before;
      const { observed, rejected } = 'timedOut' in result ? { observed: 'no answer', rejected: false } : judge(result, c.event);
      // The handler still answers: the next event (or the first again, after the last) gets an answer.
      const next = cases[(i + 1) % cases.length]!;
      const serving = !('timedOut' in (await answer(run, next.event)));
      rows.push({ case: c.name, observed, awsCalls, ok: rejected && awsCalls === 0 && serving });
    }
    return rows;
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    await counter.stop();
  }
}
