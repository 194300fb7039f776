/**
 * docs/benchmarks.json: the figures of one run under fixed keys (issue 16), so
 * tools can read them. A figure this run did not measure is null, and
 * `missing` maps its dotted path to the reason (a whole approach or section
 * that is null is one entry).
 */
import { approaches, jsonApproaches, type Approach, type ApproachId } from '../approaches';
import type { BenchResults } from '../results';

export const JSON_FILE = 'benchmarks.json';

/** The approach keys of the JSON and the bench approach measured for each (one line each, in approaches.ts). */
export const JSON_APPROACHES: Readonly<Record<string, ApproachId>> = Object.fromEntries(jsonApproaches.map((a) => [a.json, a.id]));

export const APPROACH_FIGURES = [
  'bundle_raw_bytes',
  'bundle_gzip_bytes',
  'module_load_ms',
  'cold_first_invocation_ms',
  'warm_p50_ms',
  'warm_p99_ms',
  'rss_after_1000_mib',
] as const;
export const ASSUME_ROLE_FIGURES = ['sequential_1000', 'concurrent_100', 'five_clients_one_target', 'two_targets_per_lifetime', 'simulated_3h', 'sts_waits_3h'] as const;
export const KINESIS_FIGURES = ['records_per_s', 'sequential_baseline_records_per_s', 'batch_size', 'publish_latency_ms'] as const;
const INVOCATION_FIGURES = ['cold_first_invocation_ms', 'warm_p50_ms', 'warm_p99_ms', 'rss_after_1000_mib'] as const;

type Figure = number | null;
export type ApproachFigures = Record<(typeof APPROACH_FIGURES)[number], Figure>;

export interface BenchmarksJson {
  approaches: Record<string, ApproachFigures>;
  assume_role_calls: Record<(typeof ASSUME_ROLE_FIGURES)[number], Figure>;
  kinesis_to_iot: Record<(typeof KINESIS_FIGURES)[number], Figure>;
  run: {
    date: string;
    node: string;
    cpu: string;
    load_average: Figure;
    load_average_end: Figure;
    sts_latency_ms: number;
    service_latency_ms: number;
    /** What one invocation does, for the approaches measured on a deployment of their own (their services answer after service_latency_ms). */
    own_deployments: Record<string, { workload: string; services: readonly string[] }>;
    /** The counts behind the figures (a smoke run uses far fewer than the key names say). */
    invocations: { sequential: number; concurrent: number; simulated_hours: number; module_load_samples: number; cold_samples: number };
    targets: number;
    session_seconds: number;
  };
  /** Dotted path of every null figure -> why it is null. */
  missing: Record<string, string>;
}

const finite = (v: number | undefined): Figure => (v !== undefined && Number.isFinite(v) ? Math.round(v * 100) / 100 : null);

function approachFigures(r: BenchResults, a: Approach, missing: (figure: string, why: string) => void): ApproachFigures {
  const find = <T extends { approach: ApproachId }>(rows: readonly T[]): T | undefined => rows.find((x) => x.approach === a.id);
  const own = find(r.own);
  const seq = own ? own.sequential : find(r.sequential);
  const bundle = find(r.bundles);
  const load = find(r.moduleLoad);
  const out: ApproachFigures = {
    bundle_raw_bytes: finite(bundle?.rawBytes),
    bundle_gzip_bytes: finite(bundle?.gzipBytes),
    module_load_ms: finite(load?.requireMs),
    cold_first_invocation_ms: finite(own ? own.cold.totalMs : r.firstInvocation.find((f) => f.key === a.id)?.totalMs),
    warm_p50_ms: finite(seq?.warm.p50),
    warm_p99_ms: finite(seq?.warm.p99),
    rss_after_1000_mib: finite(seq?.rssAfterRunMiB),
  };
  const absent = r.absent[a.id];
  if (absent !== undefined) {
    missing('', absent);
    return out;
  }
  if (load?.error !== undefined) missing('module_load_ms', `requiring the bundle threw ${load.error} (give its init the environment it needs: loadEnv in bench/src/approaches.ts)`);
  if (a.invocation === 'own-deployment' && !own) for (const f of INVOCATION_FIGURES) missing(f, 'its own deployment was not measured in this run');
  for (const [f, v] of Object.entries(out)) if (v === null) missing(f, 'not measured in this run');
  return out;
}

export function benchmarksJson(r: BenchResults): BenchmarksJson {
  const missing: Record<string, string> = {};
  const approachesOut: Record<string, ApproachFigures> = {};
  for (const a of jsonApproaches) {
    const key = a.json as string;
    approachesOut[key] = approachFigures(r, a, (figure, why) => {
      const dotted = figure ? `approaches.${key}.${figure}` : `approaches.${key}`;
      if (missing[dotted] === undefined && missing[`approaches.${key}`] === undefined) missing[dotted] = why;
    });
  }
  const fn = <T extends { approach: ApproachId }>(rows: readonly T[]): T | undefined => rows.find((x) => x.approach === 'function');
  const refresh = fn(r.refresh);
  const fanout = (key: string): Figure => finite(r.fanout.find((f) => f.key === key)?.assumeRoleCalls);
  const assumeRoleCalls: BenchmarksJson['assume_role_calls'] = {
    sequential_1000: finite(fn(r.sequential)?.assumeRoleCalls),
    concurrent_100: finite(fn(r.concurrent)?.assumeRoleCalls),
    five_clients_one_target: fanout('five_clients_one_target'),
    two_targets_per_lifetime: fanout('two_targets_per_lifetime'),
    simulated_3h: finite(refresh?.assumeRoleCalls),
    sts_waits_3h: finite(refresh?.waitedOnSts),
  };
  for (const [k, v] of Object.entries(assumeRoleCalls)) if (v === null) missing[`assume_role_calls.${k}`] = 'not measured in this run';
  const k = r.kinesis;
  const kinesis: BenchmarksJson['kinesis_to_iot'] =
    'missing' in k
      ? { records_per_s: null, sequential_baseline_records_per_s: null, batch_size: null, publish_latency_ms: null }
      : {
          records_per_s: finite(k.records_per_s),
          sequential_baseline_records_per_s: finite(k.sequential_baseline_records_per_s),
          batch_size: finite(k.batch_size),
          publish_latency_ms: finite(k.publish_latency_ms),
        };
  if ('missing' in k) missing.kinesis_to_iot = k.missing;
  return {
    approaches: approachesOut,
    assume_role_calls: assumeRoleCalls,
    kinesis_to_iot: kinesis,
    run: {
      date: r.machine.date,
      node: r.machine.node,
      cpu: `${r.machine.cores} x ${r.machine.cpuModel}`,
      load_average: finite(r.machine.loadAverage),
      load_average_end: finite(r.loadAverageEnd),
      sts_latency_ms: r.params.stsLatencyMs,
      service_latency_ms: r.params.pinpointLatencyMs,
      own_deployments: Object.fromEntries(
        r.own.flatMap((o) => {
          const key = approaches[o.approach].json;
          return key ? [[key, { workload: o.workload, services: o.services }]] : [];
        }),
      ),
      invocations: {
        sequential: r.params.sequential,
        concurrent: r.params.concurrent,
        simulated_hours: r.params.refreshHours,
        module_load_samples: r.params.loadSamples,
        cold_samples: r.params.coldSamples,
      },
      targets: r.targets,
      session_seconds: r.sessionDurationSeconds,
    },
    missing,
  };
}

/** Label of a JSON approach key, for the page. */
export function labelOf(key: string): string {
  const id = JSON_APPROACHES[key];
  return id ? approaches[id].label : key;
}
