/**
 * The README's benchmark figures, written from docs/benchmarks.json between
 * two markers (`make bench` rewrites them after its run; `make bench-readme`
 * alone; bench/test/readme.test.ts fails when the README and the JSON disagree).
 */
import { goals } from './goals';
import type { BenchmarksJson } from './json';

export const README_START = '<!-- bench-figures:start (written by make bench from docs/benchmarks.json; do not edit) -->';
export const README_END = '<!-- bench-figures:end -->';

type Fig = number | null | undefined;

const num = (v: Fig, digits = 1): string => (v === null || v === undefined ? 'n/a' : v.toFixed(digits));
const times = (a: Fig, b: Fig, digits = 2): string => (a == null || b == null || b === 0 ? 'n/a' : `${(a / b).toFixed(digits)}×`);
const kib = (v: Fig): string => (v == null ? 'n/a' : `${(v / 1024).toFixed(1)} KiB`);
const pctOver = (a: Fig, b: Fig): string => {
  if (a == null || b == null || b === 0) return 'n/a';
  const p = (a / b - 1) * 100;
  return `${p >= 0 ? '+' : '−'}${Math.abs(p).toFixed(1)} %`;
};

export function readmeFigures(j: BenchmarksJson): string {
  const a = j.approaches;
  const p = a['this:pinpoint'];
  const d = a.direct;
  const v2 = a['sdk-v2-chainable'];
  const per = a['per-invocation-assume-role'];
  const lite = a['aws-lite'];
  const c = j.assume_role_calls;
  const k = j.kinesis_to_iot;
  const rows = goals(j);
  const met = rows.filter((g) => g.met === true).length;
  const missed = rows.filter((g) => g.met === false).map((g) => g.goal);
  const other = (['this:customer-profiles', 'this:forwarder', 'this:kinesis-to-iot'] as const).map((key) => {
    const f = a[key];
    const work = j.run.own_deployments[key]?.workload ?? 'its own deployment';
    return `  - \`${key.slice(5)}\`: cold first ${num(f?.cold_first_invocation_ms, 0)} ms, warm p50 ${num(f?.warm_p50_ms)} / p99 ${num(f?.warm_p99_ms)} ms, RSS after 1,000 ${num(f?.rss_after_1000_mib)} MiB. One invocation: ${work}.`;
  });
  const date = j.run.date.slice(0, 10);
  return [
    README_START,
    `From the run of ${date} (${j.run.cpu}, Node ${j.run.node}, ${j.run.sts_latency_ms} ms STS and ${j.run.service_latency_ms} ms service latency; Pinpoint function unless named). Goals of issue 16: **${met} of ${rows.length} met**${missed.length ? `; missed, with figures and reasons in the doc: ${missed.map((g) => `\`${g}\``).join(', ')}` : ''}.`,
    '',
    `- **${num(c.sequential_1000, 0)} AssumeRole** for 1,000 sequential invocations and ${num(c.concurrent_100, 0)} for 100 concurrent invocations of`,
    '  one cold execution environment, against one per invocation for per-invocation AssumeRole;',
    `  ${num(c.five_clients_one_target, 0)} for five clients on one target, ${num(c.two_targets_per_lifetime, 0)} for two targets. Standard Lambda gives each concurrent`,
    '  invocation its own environment, so there the saving is per environment and per session',
    '  lifetime: one call per target each, however many invocations follow.',
    `- **Warm latency** p50 ${num(p?.warm_p50_ms)} ms against ${num(d?.warm_p50_ms)} ms for a same-account client (${pctOver(p?.warm_p50_ms, d?.warm_p50_ms)}), p99 ${pctOver(p?.warm_p99_ms, d?.warm_p99_ms)};`,
    `  **${times(per?.warm_p50_ms, p?.warm_p50_ms, 1)} faster** than per-invocation AssumeRole (p50 ${num(per?.warm_p50_ms)} ms); RSS after 1,000 invocations`,
    `  ${times(p?.rss_after_1000_mib, d?.rss_after_1000_mib)} the same-account client's.`,
    `- **Bundle ${kib(p?.bundle_gzip_bytes)} gzip**: ${times(p?.bundle_gzip_bytes, v2?.bundle_gzip_bytes)} the SDK v2 \`ChainableTemporaryCredentials\` bundle (unused`,
    '  credential providers, event streams and unused SDK schemas are cut; `make check-bundles`).',
    `  Module load ${num(p?.module_load_ms)} ms: ${times(p?.module_load_ms, d?.module_load_ms)} the same-account client, ${times(p?.module_load_ms, v2?.module_load_ms)} SDK v2. The floor,`,
    `  aws-lite with static credentials: ${kib(lite?.bundle_gzip_bytes)}, ${num(lite?.module_load_ms)} ms.`,
    `- **Cold first invocation** (init + first invocation) ${num(p?.cold_first_invocation_ms, 0)} ms against ${num(v2?.cold_first_invocation_ms, 0)} ms for SDK v2 Chainable and`,
    `  ${num(d?.cold_first_invocation_ms, 0)} ms for a same-account client, which makes no STS round trip.`,
    `- **Refresh:** over ${j.run.invocations.simulated_hours} simulated hours with ${j.run.session_seconds} s sessions, ${num(c.simulated_3h, 0)} AssumeRole calls, all in the`,
    `  background: **${num(c.sts_waits_3h, 0)} invocations waited on STS**.`,
    `- **Kinesis→IoT**: ${num(k.records_per_s, 0)} records/s at batch ${num(k.batch_size, 0)} with ${num(k.publish_latency_ms, 0)} ms publish latency, ${times(k.records_per_s, k.sequential_baseline_records_per_s, 1)} the`,
    '  sequential baseline (one publish at a time).',
    '- **The other functions**, each on its example\'s own deployment (their services answer after the same latency):',
    ...other,
    README_END,
  ].join('\n');
}

/** `readme` with the text between the markers replaced; throws when the markers are missing. */
export function withReadmeFigures(readme: string, j: BenchmarksJson): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no benchmark figures block: expected the markers ${README_START} and ${README_END}`);
  return readme.slice(0, start) + readmeFigures(j) + readme.slice(end + README_END.length);
}
