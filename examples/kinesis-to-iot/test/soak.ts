/**
 * The Kinesis→IoT soak (issue 17): `records` records through the event source
 * mapping while
 *   - 20 % of the IoT publishes under the deployment's prefix are throttled
 *     (the SDK retries; a record still failing is reported and retried by Lambda),
 *   - STS is down for 2 minutes on the stack clock, starting when the target
 *     session has expired (clocks moved 1 hour on), so the function cannot
 *     publish at all until it ends,
 *   - one function process is killed in the middle of a batch (the batch is
 *     retried, bisected, in a fresh process).
 * Counted against the IoT publish log: every record published at least once
 * (`lost` = records never published), `duplicates` = publishes beyond the first.
 *
 * `runSoak({ records })` does it all on its own stack (both roots applied, then
 * destroyed); `soakOn(harness, …)` runs it on a deployment a test already has.
 * The kill and the outage are triggered by the 3rd and 6th invocation after the
 * records are in, so they need several batches (≥ 1,000 records at batch 100);
 * `killed_processes` and `sts_refused` say whether they happened.
 */
import { startLocalStack } from '../../../stack/src/local-stack';
import { applySource, applyTarget, names } from './deploy';
import { startHarness, type Harness } from './harness';

export interface SoakResult {
  records_in: number;
  published_distinct: number;
  duplicates: number;
  lost: number;
  /** IoT publishes answered with a throttle */
  throttled: number;
  /** STS requests refused during the outage */
  sts_refused: number;
  /** function processes killed (1) */
  killed_processes: number;
  /** invocations in flight in the killed process (one per shard at most: the shards share the process here) */
  killed_invocations: number;
  invocations: number;
  /** batches in the on-failure queue (each would need a redrive; 0 expected) */
  on_failure_batches: number;
  duration_ms: number;
}

export interface SoakOptions {
  records: number;
  /** marks this run's payloads (default: a timestamp) */
  runId?: string;
  /** probability of a throttled publish (default 0.2) */
  throttleRate?: number;
  /** outage length on the stack clock (default 2 minutes) */
  stsOutageMs?: number;
  log?: (line: string) => void;
}

const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function soakOn(harness: Harness, opts: SoakOptions): Promise<SoakResult> {
  const started = Date.now();
  const { stack } = harness;
  const runId = opts.runId ?? `soak-${started}`;
  // only this deployment's topics (the SDK sends the topic as one encoded path segment)
  const prefix = `/topics/${encodeURIComponent(`${harness.topicPrefix}/`)}`;
  const throttle = () => stack.injectFault('iot-data', 'throttle', Infinity, { probability: opts.throttleRate ?? 0.2, pathPrefix: prefix });
  const ours = () => harness.published().filter((m) => (JSON.parse(m.payload.toString('utf8')) as { run?: string }).run === runId);
  const firstInvocation = harness.invocations.length;
  const logBefore = stack.requests.list().length;

  // once the records are in (the outage expires the operator's session too): the kill in the 3rd invocation
  // from then, 40 ms in; the outage from the 6th until 2 invocations have failed in it
  let killAt = Infinity;
  let outageAt = Infinity;
  let outage: { failedFrom: number } | undefined;
  let outageOver: Promise<void> | undefined;
  let killed = 0;
  const beforeInvoke = (index: number): void => {
    if (killAt === Infinity) {
      killAt = index + 2;
      outageAt = index + 5;
    }
    if (index === killAt) {
      setTimeout(() => {
        killed++;
        harness.fn.kill();
      }, 40);
    }
    if (index === outageAt && !outage) {
      outage = { failedFrom: index };
      stack.injectFault('sts', 'server-error', Infinity);
      stack.clock.advance(HOUR);
      void harness.fn.advanceClock(HOUR);
      opts.log?.('soak: STS down, clocks +1 h (the target session has expired)');
      outageOver = (async () => {
        while (harness.invocations.slice(outage!.failedFrom).filter((c) => c.error !== undefined || c.failed.length === c.seqs.length).length < 2) await sleep(20);
        stack.clock.advance(opts.stsOutageMs ?? 120_000);
        await harness.fn.advanceClock(opts.stsOutageMs ?? 120_000);
        stack.clearFaults();
        throttle();
        opts.log?.('soak: STS back after the outage on the stack clock');
      })();
    }
  };

  throttle();
  try {
    const input = Array.from({ length: opts.records }, (_, i) => ({ data: Buffer.from(JSON.stringify({ run: runId, i })), partitionKey: `dev-${i % 64}` }));
    await harness.put(input);
    harness.beforeInvoke = beforeInvoke;
    await harness.poller.idle();
    await outageOver;
    await harness.poller.idle();
  } finally {
    harness.beforeInvoke = undefined;
    stack.clearFaults();
  }

  const published = ours();
  const distinct = new Set(published.map((m) => (JSON.parse(m.payload.toString('utf8')) as { i: number }).i));
  const requests = stack.requests.list().slice(logBefore);
  const invocations = harness.invocations.slice(firstInvocation);
  const failures = await harness.drainFailures();
  return {
    records_in: opts.records,
    published_distinct: distinct.size,
    duplicates: published.length - distinct.size,
    lost: opts.records - distinct.size,
    throttled: requests.filter((r) => r.service === 'iot-data' && r.status === 429).length,
    sts_refused: requests.filter((r) => r.service === 'sts' && r.status >= 500).length,
    killed_processes: killed,
    killed_invocations: invocations.filter((c) => c.error === 'Runtime.ExitError').length,
    invocations: invocations.length,
    on_failure_batches: failures.length,
    duration_ms: Date.now() - started,
  };
}

/** The soak on its own stack: applies both roots (prefix k2soak), runs, destroys, stops the stack. */
export async function runSoak(opts: { records: number; log?: (line: string) => void }): Promise<Pick<SoakResult, 'records_in' | 'published_distinct' | 'duplicates' | 'lost'> & SoakResult> {
  const stack = await startLocalStack();
  const prefix = 'k2soak';
  const log = opts.log ?? (() => undefined);
  try {
    const [target, source] = await Promise.all([applyTarget(stack, { prefix, log }), applySource(stack, { prefix, log })]);
    try {
      const harness = await startHarness(stack, source, { topicPrefix: names(prefix).topic_prefix });
      try {
        return await soakOn(harness, { records: opts.records, log });
      } finally {
        await harness.stop();
      }
    } finally {
      await Promise.all([target.destroy(), source.destroy()]);
    }
  } finally {
    await stack.stop();
  }
}
