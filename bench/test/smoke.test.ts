/**
 * Smoke run of the benchmark harness against the real local stack and the
 * real bundle, with tiny counts. Checks that every figure comes out with the
 * right shape and that the call counts obey the goals that are cheap to check.
 * Never asserts on timings: those are figures, printed by `make bench`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveParams } from '../src/params';
import { approaches } from '../src/approaches';
import { goals } from '../src/report/goals';
import { APPROACH_FIGURES, ASSUME_ROLE_FIGURES, JSON_APPROACHES, JSON_FILE, KINESIS_FIGURES, type ApproachFigures, type BenchmarksJson } from '../src/report/json';
import { tables } from '../src/report/tables';
import { headlines, type BenchResults } from '../src/results';
import { CHART_FILE, report, runBench, writeDocs } from '../src/run';

const params = resolveParams(
  [
    '--sequential=50',
    '--warmup=5',
    '--concurrent=20',
    '--load-samples=1',
    '--cold-samples=1',
    '--refresh-hours=0.5',
    '--refresh-interval-seconds=300',
    '--sts-latency-ms=5',
    '--pinpoint-latency-ms=5',
    '--docs-dir=',
  ],
  {},
);

let results: BenchResults;

beforeAll(async () => {
  results = await runBench(params);
}, 420_000);

const row = <T extends { approach: string }>(rows: T[], approach: string): T => {
  const found = rows.find((r) => r.approach === approach);
  if (!found) throw new Error(`no row for ${approach}`);
  return found;
};

describe('figure 1: STS AssumeRole calls', () => {
  test('this function makes exactly one call per target for 50 sequential and 20 concurrent invocations', () => {
    expect(results.targets).toBeGreaterThanOrEqual(1);
    // Exactly one per target: the prefetch or the first invocation assumes the role, nothing after.
    expect(row(results.sequential, 'function').assumeRoleCalls).toBe(results.targets);
    expect(row(results.concurrent, 'function').assumeRoleCalls).toBe(results.targets);
  });

  test('the counter sees every call: per-invocation AssumeRole makes one per invocation, direct none', () => {
    expect(row(results.sequential, 'perInvocation').assumeRoleCalls).toBe(params.sequential);
    expect(row(results.concurrent, 'perInvocation').assumeRoleCalls).toBe(params.concurrent);
    expect(row(results.sequential, 'direct').assumeRoleCalls).toBe(0);
    // aws-lite: one AssumeRole at init, static credentials after.
    expect(row(results.sequential, 'awsLite').assumeRoleCalls).toBe(1);
    expect(row(results.sequential, 'sdkV2').assumeRoleCalls).toBeLessThanOrEqual(results.targets);
  });

  test('fan-out: five clients on one target share one AssumeRole; two targets make one each', () => {
    const count = (key: string): number => results.fanout.find((f) => f.key === key)?.assumeRoleCalls ?? Number.NaN;
    expect(results.fanout.map((f) => [f.key, f.targets, f.clientsPerTarget])).toEqual([
      ['five_clients_one_target', 1, 5],
      ['two_targets_per_lifetime', 2, 1],
    ]);
    expect(count('five_clients_one_target')).toBe(1);
    expect(count('two_targets_per_lifetime')).toBe(2);
    for (const f of results.fanout) expect({ key: f.key, errors: f.errors }).toEqual({ key: f.key, errors: {} });
  });

  test('every invocation of every approach succeeded', () => {
    for (const r of [...results.sequential, ...results.concurrent]) expect({ approach: r.approach, errors: r.errors }).toEqual({ approach: r.approach, errors: {} });
    for (const r of results.firstInvocation) expect({ key: r.key, failures: r.failures }).toEqual({ key: r.key, failures: 0 });
    for (const r of results.refresh) expect({ approach: r.approach, failures: r.failures }).toEqual({ approach: r.approach, failures: 0 });
  });
});

describe('figures 2, 3, 5: shape', () => {
  test('warm latency: one distribution per approach, warm-up excluded, ordered percentiles', () => {
    expect(results.sequential.map((s) => s.approach).sort()).toEqual(['awsLite', 'direct', 'function', 'perInvocation', 'sdkV2']);
    for (const s of results.sequential) {
      expect(s.invocations).toBe(params.sequential);
      expect(s.warmSamples).toHaveLength(params.sequential - params.warmup);
      expect(s.warm.min).toBeGreaterThan(0);
      expect(s.warm.p50).toBeLessThanOrEqual(s.warm.p99);
      expect(s.warm.p99).toBeLessThanOrEqual(s.warm.max);
    }
  });

  test('bundles: the real functions and every baseline, gzip smaller than raw; an absent bundle is reported, not measured', () => {
    const built = (['function', 'customerProfiles', 'forwarder', 'kinesisToIot', 'defaultMainFields', 'sdkV2', 'perInvocation', 'direct', 'awsLite'] as const).filter((id) =>
      existsSync(approaches[id].bundlePath),
    );
    expect(results.bundles.map((b) => b.approach).sort()).toEqual([...built].sort());
    for (const id of Object.keys(results.absent)) expect(existsSync(approaches[id as keyof typeof approaches].bundlePath)).toBe(false);
    for (const b of results.bundles) {
      expect(b.rawBytes).toBeGreaterThan(10_000);
      expect(b.gzipBytes).toBeLessThan(b.rawBytes);
    }
    expect(row(results.bundles, 'function').rawBytes).toBe(readFileSync(path.resolve(__dirname, '..', '..', 'dist', 'index.js')).length);
  });

  test('module load and first invocation: positive medians for every variant, prefetch on and off', () => {
    for (const l of results.moduleLoad) {
      expect({ approach: l.approach, error: l.error }).toEqual({ approach: l.approach, error: undefined });
      expect(l.samples).toBe(params.loadSamples);
      expect(l.requireMs).toBeGreaterThan(0);
      expect(l.sinceStartMs).toBeGreaterThan(l.requireMs);
    }
    expect(results.firstInvocation.map((f) => f.key)).toEqual(expect.arrayContaining(['function', 'functionNoPrefetch']));
    const init = (key: string): number => results.firstInvocation.find((f) => f.key === key)?.initAssumeRoleCalls ?? Number.NaN;
    // The two function variants differ in exactly the prefetch: one AssumeRole per target during init, or none.
    expect(init('function')).toBe(results.targets);
    expect(init('functionNoPrefetch')).toBe(0);
    expect(init('perInvocation')).toBe(0);
    for (const f of results.firstInvocation) {
      expect(f.samples).toBe(params.coldSamples);
      expect(f.totalMs).toBeGreaterThan(f.firstInvocationMs);
      expect(f.firstAfterIdleMs).toBeGreaterThan(0);
    }
  });

  test('memory: RSS after init and after the run for every approach', () => {
    for (const s of results.sequential) {
      expect(s.rssAfterInitMiB).toBeGreaterThan(10);
      expect(s.rssAfterRunMiB).toBeGreaterThan(10);
      expect(s.peakRssAfterInitMiB).toBeGreaterThanOrEqual(s.rssAfterInitMiB);
      expect(s.peakRssAfterRunMiB).toBeGreaterThanOrEqual(Math.max(s.rssAfterRunMiB, s.peakRssAfterInitMiB));
    }
  });
});

describe('functions on their own deployments (customer-profiles, forwarder, kinesis-to-iot)', () => {
  test('each did its job on every invocation, cold and warm, with one AssumeRole per execution environment', () => {
    expect(results.own.map((o) => o.approach).sort()).toEqual(['customerProfiles', 'forwarder', 'kinesisToIot']);
    for (const o of results.own) {
      expect({ approach: o.approach, cold: o.cold.failures, warm: o.sequential.errors }).toEqual({ approach: o.approach, cold: {}, warm: {} });
      expect({ approach: o.approach, calls: o.sequential.assumeRoleCalls }).toEqual({ approach: o.approach, calls: 1 });
      expect(o.cold.samples).toBe(params.coldSamples);
      expect(o.cold.totalMs).toBeGreaterThan(o.cold.firstInvocationMs);
      expect(o.sequential.invocations).toBe(params.sequential);
      expect(o.sequential.warmSamples).toHaveLength(params.sequential - params.warmup);
      expect(o.sequential.rssAfterRunMiB).toBeGreaterThan(10);
      expect(o.services.length).toBeGreaterThan(0);
    }
  });
});

describe('figure 4: refresh over simulated time', () => {
  test('this function re-assumes at most once per session lifetime less the SDK refresh window', () => {
    const f = row(results.refresh, 'function');
    const seconds = f.simulatedHours * 3600;
    expect(f.invocations).toBe(Math.floor((params.refreshHours * 3600) / params.refreshIntervalSeconds));
    expect(f.assumeRoleCalls).toBeGreaterThanOrEqual(1); // 0.5 h outlives a 900 s session: a refresh must happen
    expect(f.assumeRoleCalls).toBeLessThanOrEqual(Math.floor(seconds / (results.sessionDurationSeconds - 300)) + 1);
    expect(f.waitedOnSts).toBeLessThanOrEqual(f.assumeRoleCalls);
    expect(row(results.refresh, 'perInvocation').assumeRoleCalls).toBe(f.invocations);
  });
});

describe('report', () => {
  test('prints every figure and the headline ratios', () => {
    const text = report(results);
    for (const t of tables(results)) expect(text).toContain(t.title);
    expect(headlines(results).map((h) => h.key)).toEqual(
      expect.arrayContaining(['stsCallsSequential', 'stsCallsConcurrent', 'warmP50VsDirect', 'gzipVsDefaultEsbuild', 'loadVsSdkV2', 'prefetch', 'prefetchIdle', 'refreshWaits']),
    );
  });

  test('writes the docs page and a PNG chart', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-docs-'));
    try {
      writeDocs(results, dir);
      const png = readFileSync(path.join(dir, CHART_FILE));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.length).toBeGreaterThan(10_000);
      const page = readFileSync(path.join(dir, 'benchmarks.md'), 'utf8');
      expect(page).toContain(`](${CHART_FILE})`);
      expect(page).toContain('## Method');
      expect(existsSync(path.join(dir, 'benchmarks.md'))).toBe(true);
      expect(existsSync(path.join(dir, JSON_FILE))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docs/benchmarks.json (written beside the page, from the same run)', () => {
  let json: BenchmarksJson;
  beforeAll(() => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-json-'));
    try {
      writeDocs(results, dir);
      json = JSON.parse(readFileSync(path.join(dir, JSON_FILE), 'utf8')) as BenchmarksJson;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the fixed keys: every approach with every figure, assume_role_calls, kinesis_to_iot, run, missing', () => {
    expect(Object.keys(json).sort()).toEqual(['approaches', 'assume_role_calls', 'kinesis_to_iot', 'missing', 'run']);
    expect(Object.keys(json.approaches)).toEqual([
      'this:pinpoint',
      'this:customer-profiles',
      'this:forwarder',
      'this:kinesis-to-iot',
      'per-invocation-assume-role',
      'sdk-v2-chainable',
      'direct',
      'aws-lite',
    ]);
    for (const figures of Object.values(json.approaches)) expect(Object.keys(figures).sort()).toEqual([...APPROACH_FIGURES].sort());
    expect(Object.keys(json.assume_role_calls).sort()).toEqual([...ASSUME_ROLE_FIGURES].sort());
    expect(Object.keys(json.kinesis_to_iot).sort()).toEqual([...KINESIS_FIGURES].sort());
    expect(json.run).toEqual(
      expect.objectContaining({ date: results.machine.date, node: process.version, sts_latency_ms: params.stsLatencyMs, service_latency_ms: params.pinpointLatencyMs }),
    );
  });

  test.each(Object.entries(JSON_APPROACHES))('approaches.%s: measured figures are positive numbers, every null one has a reason', (key, id) => {
    const figures = json.approaches[key] as ApproachFigures;
    const approach = approaches[id];
    if (!existsSync(approach.bundlePath)) {
      expect(Object.values(figures).every((v) => v === null)).toBe(true);
      expect(json.missing[`approaches.${key}`]).toMatch(/absent/);
      return;
    }
    expect(figures.bundle_raw_bytes).toBeGreaterThan(10_000);
    expect(figures.module_load_ms).toBeGreaterThan(0);
    for (const [figure, v] of Object.entries(figures)) {
      if (v === null) expect(json.missing[`approaches.${key}.${figure}`]).toEqual(expect.any(String));
      else expect(v).toBeGreaterThan(0);
    }
    // Every approach, on examples/local or on its own deployment, has every invocation figure.
    for (const figure of ['cold_first_invocation_ms', 'warm_p50_ms', 'warm_p99_ms', 'rss_after_1000_mib'] as const) expect({ figure, v: figures[figure] }).toEqual({ figure, v: expect.any(Number) });
  });

  test('AssumeRole counts: one per target for this function; fan-out as measured; Kinesis figures', () => {
    const calls = json.assume_role_calls;
    expect(calls.sequential_1000).toBe(results.targets);
    expect(calls.concurrent_100).toBe(results.targets);
    expect(calls.five_clients_one_target).toBe(1);
    expect(calls.two_targets_per_lifetime).toBe(2);
    expect(calls.simulated_3h).toBe(row(results.refresh, 'function').assumeRoleCalls);
    expect(calls.sts_waits_3h).toBe(row(results.refresh, 'function').waitedOnSts);
    for (const key of KINESIS_FIGURES) expect(json.kinesis_to_iot[key]).toBeGreaterThan(0);
    expect(json.approaches['this:pinpoint']?.bundle_raw_bytes).toBe(row(results.bundles, 'function').rawBytes);
    expect(json.approaches['this:pinpoint']?.cold_first_invocation_ms).toBeCloseTo(results.firstInvocation.find((f) => f.key === 'function')?.totalMs ?? Number.NaN, 1);
  });

  test('the goals table has a row per goal of the issue, each decided from this JSON', () => {
    const rows = goals(json);
    expect(rows).toHaveLength(15);
    // Counts are not timings: the smoke asserts them.
    for (const g of rows.filter((x) => x.goal.startsWith('AssumeRole calls'))) {
      expect({ goal: g.goal, met: g.met }).toEqual({ goal: g.goal, met: true });
    }
    for (const g of rows) if (g.met === false) expect(g.why).not.toBe('');
  });
});
