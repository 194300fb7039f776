/**
 * docs/benchmarks.json: the figures of one run under fixed keys (issue 16), so
 * tools can read them. A figure this harness does not measure yet is null and
 * its path is listed under `missing`.
 */
import type { ApproachId } from '../approaches';
import type { BenchResults } from '../results';

export const JSON_FILE = 'benchmarks.json';

/** The approach ids of the JSON, and which bench approach (if any) measures each. */
export const JSON_APPROACHES: Readonly<Record<string, ApproachId | null>> = {
  'this:pinpoint': 'function',
  'this:customer-profiles': null,
  'this:forwarder': null,
  'this:kinesis-to-iot': null,
  direct: 'direct',
  'sdk-v2-chainable': 'sdkV2',
  'per-invocation-assume-role': 'perInvocation',
  'aws-lite': null,
};

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

type Figure = number | null;
type ApproachFigures = Record<(typeof APPROACH_FIGURES)[number], Figure>;

export interface BenchmarksJson {
  approaches: Record<string, ApproachFigures>;
  assume_role_calls: Record<(typeof ASSUME_ROLE_FIGURES)[number], Figure>;
  kinesis_to_iot: Record<(typeof KINESIS_FIGURES)[number], Figure>;
  run: {
    date: string;
    node: string;
    cpu: string;
    load_average: Figure;
    sts_latency_ms: number;
    service_latency_ms: number;
    /** The counts behind the figures (a smoke run uses far fewer than the key names say). */
    invocations: { sequential: number; concurrent: number; simulated_hours: number; module_load_samples: number; cold_samples: number };
  };
  /** Dotted paths of the figures that are null because nothing measures them yet. */
  missing: string[];
}

const finite = (v: number | undefined): Figure => (v !== undefined && Number.isFinite(v) ? Math.round(v * 100) / 100 : null);

function approachFigures(r: BenchResults, id: ApproachId | null): ApproachFigures {
  const find = <T extends { approach: ApproachId }>(rows: readonly T[]): T | undefined => (id ? rows.find((x) => x.approach === id) : undefined);
  const seq = find(r.sequential);
  const bundle = find(r.bundles);
  return {
    bundle_raw_bytes: finite(bundle?.rawBytes),
    bundle_gzip_bytes: finite(bundle?.gzipBytes),
    module_load_ms: finite(find(r.moduleLoad)?.requireMs),
    cold_first_invocation_ms: finite(id ? r.firstInvocation.find((f) => f.key === id)?.firstInvocationMs : undefined),
    warm_p50_ms: finite(seq?.warm.p50),
    warm_p99_ms: finite(seq?.warm.p99),
    rss_after_1000_mib: finite(seq?.rssAfterRunMiB),
  };
}

export function benchmarksJson(r: BenchResults): BenchmarksJson {
  const fn = <T extends { approach: ApproachId }>(rows: readonly T[]): T | undefined => rows.find((x) => x.approach === 'function');
  const refresh = fn(r.refresh);
  const out: Omit<BenchmarksJson, 'missing'> = {
    approaches: Object.fromEntries(Object.entries(JSON_APPROACHES).map(([key, id]) => [key, approachFigures(r, id)])),
    assume_role_calls: {
      sequential_1000: finite(fn(r.sequential)?.assumeRoleCalls),
      concurrent_100: finite(fn(r.concurrent)?.assumeRoleCalls),
      five_clients_one_target: null,
      two_targets_per_lifetime: null,
      simulated_3h: finite(refresh?.assumeRoleCalls),
      sts_waits_3h: finite(refresh?.waitedOnSts),
    },
    kinesis_to_iot: { records_per_s: null, sequential_baseline_records_per_s: null, batch_size: null, publish_latency_ms: null },
    run: {
      date: r.machine.date,
      node: r.machine.node,
      cpu: `${r.machine.cores} x ${r.machine.cpuModel}`,
      load_average: finite(r.machine.loadAverage),
      sts_latency_ms: r.params.stsLatencyMs,
      service_latency_ms: r.params.pinpointLatencyMs,
      invocations: {
        sequential: r.params.sequential,
        concurrent: r.params.concurrent,
        simulated_hours: r.params.refreshHours,
        module_load_samples: r.params.loadSamples,
        cold_samples: r.params.coldSamples,
      },
    },
  };
  const missing: string[] = [];
  for (const section of ['approaches', 'assume_role_calls', 'kinesis_to_iot'] as const) {
    const walk = (prefix: string, value: unknown): void => {
      if (value === null) missing.push(prefix);
      else if (typeof value === 'object') {
        const entries = Object.entries(value as object);
        // A whole approach not measured yet is one entry, not one per figure.
        if (prefix.includes('.') && entries.every(([, v]) => v === null)) missing.push(prefix);
        else for (const [k, v] of entries) walk(`${prefix}.${k}`, v);
      }
    };
    walk(section, out[section]);
  }
  return { ...out, missing };
}
