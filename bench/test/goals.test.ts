/**
 * The goals table of docs/benchmarks.md, from a JSON of made-up figures:
 * each goal met exactly at its limit, missed just past it, and n/a when a
 * figure is null.
 */
import { expectedAssumeRoles, goals, type GoalRow } from '../src/report/goals';
import type { ApproachFigures, BenchmarksJson } from '../src/report/json';

const figures = (f: Partial<ApproachFigures>): ApproachFigures => ({
  bundle_raw_bytes: 300_000,
  bundle_gzip_bytes: 100_000,
  module_load_ms: 30,
  cold_first_invocation_ms: 150,
  warm_p50_ms: 33,
  warm_p99_ms: 40,
  rss_after_1000_mib: 70,
  ...f,
});

function json(pinpoint: Partial<ApproachFigures>, patch: Partial<BenchmarksJson> = {}): BenchmarksJson {
  return {
    approaches: {
      'this:pinpoint': figures(pinpoint),
      direct: figures({}),
      'sdk-v2-chainable': figures({ module_load_ms: 25, cold_first_invocation_ms: 200, bundle_gzip_bytes: 90_000 }),
    },
    assume_role_calls: { sequential_1000: 1, concurrent_100: 1, five_clients_one_target: 1, two_targets_per_lifetime: 2, simulated_3h: 18, sts_waits_3h: 0 },
    kinesis_to_iot: { records_per_s: 1000, sequential_baseline_records_per_s: 100, batch_size: 100, publish_latency_ms: 20 },
    run: {
      date: '2026-01-01T00:00:00.000Z',
      node: 'v20',
      cpu: '2 x test',
      load_average: 0,
      load_average_end: 0,
      sts_latency_ms: 30,
      service_latency_ms: 30,
      own_deployments: {},
      invocations: { sequential: 1000, concurrent: 100, simulated_hours: 3, module_load_samples: 31, cold_samples: 9 },
      targets: 1,
      session_seconds: 900,
    },
    missing: {},
    ...patch,
  };
}

const row = (rows: GoalRow[], prefix: string): GoalRow => {
  const found = rows.find((r) => r.goal.startsWith(prefix));
  if (!found) throw new Error(`no goal ${prefix}`);
  return found;
};

describe('goals', () => {
  test.each<[string, Partial<ApproachFigures>, boolean]>([
    ['module_load_ms <= 1.0x direct', { module_load_ms: 30 }, true],
    ['module_load_ms <= 1.0x direct', { module_load_ms: 30.5 }, false],
    ['moonshot: module_load_ms', { module_load_ms: 25 }, true],
    ['moonshot: module_load_ms', { module_load_ms: 26 }, false],
    ['bundle_gzip_bytes', { bundle_gzip_bytes: 90_000 }, true],
    ['bundle_gzip_bytes', { bundle_gzip_bytes: 90_001 }, false],
    ['cold_first_invocation_ms <= 1.0x sdk-v2', { cold_first_invocation_ms: 195 }, true],
    ['cold_first_invocation_ms <= 1.0x sdk-v2', { cold_first_invocation_ms: 201 }, false],
    // direct 150 + 1.5 x 30 ms STS = 195
    ['cold_first_invocation_ms <= direct + 1.5x', { cold_first_invocation_ms: 195 }, true],
    ['cold_first_invocation_ms <= direct + 1.5x', { cold_first_invocation_ms: 196 }, false],
    ['warm_p50_ms', { warm_p50_ms: 33.66 }, true],
    ['warm_p50_ms', { warm_p50_ms: 33.7 }, false],
    ['warm_p99_ms', { warm_p99_ms: 42 }, true],
    ['warm_p99_ms', { warm_p99_ms: 42.1 }, false],
    ['rss_after_1000_mib', { rss_after_1000_mib: 77 }, true],
    ['rss_after_1000_mib', { rss_after_1000_mib: 77.1 }, false],
  ])('%s with %j: met %s', (prefix, pinpoint, met) => {
    const g = row(goals(json(pinpoint)), prefix);
    expect(g.met).toBe(met);
    expect(g.why === '').toBe(met);
    expect(g.verdict).toMatch(met ? /under the limit$/ : /^by /);
  });

  test.each<[string, Partial<BenchmarksJson['assume_role_calls']>, boolean]>([
    ['AssumeRole calls, 1000 sequential', { sequential_1000: 2 }, false],
    ['AssumeRole calls, 100 concurrent', { concurrent_100: 0 }, false],
    ['AssumeRole calls, five clients', { five_clients_one_target: 5 }, false],
    ['AssumeRole calls, two targets', { two_targets_per_lifetime: 1 }, false],
    ['AssumeRole calls over 3 simulated h', { simulated_3h: 18 }, true],
    ['AssumeRole calls over 3 simulated h', { simulated_3h: 19 }, false],
    ['invocations that waited on STS', { sts_waits_3h: 1 }, false],
  ])('%s with %j: met %s', (prefix, calls, met) => {
    const base = json({});
    expect(row(goals(base), prefix).met).toBe(true);
    expect(row(goals({ ...base, assume_role_calls: { ...base.assume_role_calls, ...calls } }), prefix).met).toBe(met);
  });

  test('Kinesis: met at 10x the sequential baseline, missed below, n/a while null', () => {
    const base = json({});
    const kinesis = (records_per_s: number | null): GoalRow =>
      row(goals({ ...base, kinesis_to_iot: { ...base.kinesis_to_iot, records_per_s } }), 'Kinesis');
    expect(kinesis(1000).met).toBe(true);
    expect(kinesis(999).met).toBe(false);
    expect(kinesis(null).met).toBeNull();
  });

  test('a null figure gives n/a, never met', () => {
    const g = row(goals(json({ module_load_ms: null })), 'module_load_ms <= 1.0x direct');
    expect([g.met, g.verdict]).toEqual([null, 'not measured']);
  });

  test('renewals expected: 3 h of 900 s sessions renewed 5 min ahead = 18 per target', () => {
    expect(expectedAssumeRoles(3, 900, 1)).toBe(18);
    expect(expectedAssumeRoles(3, 3600, 2)).toBe(8);
  });
});
