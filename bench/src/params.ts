/**
 * Benchmark parameters: defaults for `make bench`, overridable by environment
 * variables (BENCH_*) or `--name=value` command-line flags (flags win).
 */
import { parseArgs } from 'node:util';

export interface BenchParams {
  sequential: number;
  warmup: number;
  concurrent: number;
  loadSamples: number;
  coldSamples: number;
  refreshHours: number;
  refreshIntervalSeconds: number;
  stsLatencyMs: number;
  pinpointLatencyMs: number;
  /** Where the report goes ('' = do not write docs). */
  docsDir: string;
}

export const defaultParams: BenchParams = {
  sequential: 1000,
  warmup: 50,
  concurrent: 100,
  loadSamples: 31,
  coldSamples: 9,
  refreshHours: 3,
  refreshIntervalSeconds: 30,
  stsLatencyMs: 30,
  pinpointLatencyMs: 30,
  docsDir: 'docs',
};

const meta: Record<keyof BenchParams, { env: string; description: string }> = {
  sequential: { env: 'BENCH_SEQUENTIAL', description: 'sequential invocations per execution environment (figures 1, 2, 5)' },
  warmup: { env: 'BENCH_WARMUP', description: 'of those, discarded before warm latency is recorded' },
  concurrent: { env: 'BENCH_CONCURRENT', description: 'simultaneous invocations of one fresh execution environment (figure 1)' },
  loadSamples: { env: 'BENCH_LOAD_SAMPLES', description: 'fresh node processes per bundle for module load (figure 3)' },
  coldSamples: { env: 'BENCH_COLD_SAMPLES', description: 'fresh execution environments per approach for the first invocation (figure 3)' },
  refreshHours: { env: 'BENCH_REFRESH_HOURS', description: 'simulated hours of steady traffic (figure 4)' },
  refreshIntervalSeconds: { env: 'BENCH_REFRESH_INTERVAL_S', description: 'simulated seconds between invocations (figure 4)' },
  stsLatencyMs: { env: 'BENCH_STS_LATENCY_MS', description: 'injected latency of every STS answer, ms' },
  pinpointLatencyMs: { env: 'BENCH_PINPOINT_LATENCY_MS', description: 'injected latency of every Pinpoint answer, and of every service answer to the functions on their own deployment (3c), ms' },
  docsDir: { env: 'BENCH_DOCS_DIR', description: "directory for benchmarks.md and the chart ('' writes nothing)" },
};

/** `--warm-up` style flag for a parameter name. */
function flagName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function numberParam(key: keyof BenchParams, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new Error(`--${flagName(key)} must be a non-negative number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

export function resolveParams(argv: string[] = [], env: NodeJS.ProcessEnv = process.env, base: BenchParams = defaultParams): BenchParams {
  const keys = Object.keys(base) as (keyof BenchParams)[];
  const options = Object.fromEntries(keys.map((key) => [flagName(key), { type: 'string' as const }]));
  const { values } = parseArgs({ args: argv, options, allowPositionals: false, strict: true });
  const flags = values as Record<string, string | undefined>;
  const out: Record<string, number | string> = { ...base };
  for (const key of keys) {
    const raw = flags[flagName(key)] ?? env[meta[key].env];
    if (raw === undefined) continue;
    out[key] = typeof base[key] === 'number' ? numberParam(key, raw) : raw;
  }
  const params = out as unknown as BenchParams;
  for (const key of ['sequential', 'concurrent', 'loadSamples', 'coldSamples'] as const) {
    if (!Number.isInteger(params[key]) || params[key] < 1) throw new Error(`--${flagName(key)} must be a positive integer`);
  }
  if (!Number.isInteger(params.warmup) || params.warmup >= params.sequential) {
    throw new Error('--warmup must be an integer smaller than --sequential');
  }
  if (params.refreshIntervalSeconds <= 0) throw new Error('--refresh-interval-seconds must be positive');
  return params;
}

export function describeParams(params: BenchParams): { flag: string; env: string; description: string; value: string | number }[] {
  return (Object.keys(meta) as (keyof BenchParams)[])
    .filter((key) => key !== 'docsDir')
    .map((key) => ({ flag: `--${flagName(key)}`, env: meta[key].env, description: meta[key].description, value: params[key] }));
}
