/**
 * `make bench`: builds the baselines, starts the local stack, provisions
 * examples/local and, beside it, the examples the functions of
 * bench/src/deployments run on, measures every figure, prints the tables and
 * writes docs/benchmarks.md, docs/benchmarks.json and
 * docs/benchmarks-warm-latency.png (one run); make then rewrites README.md's
 * figures from the JSON (bench/src/readme.ts).
 *
 *   npx tsx bench/src/run.ts [--sequential=1000 --concurrent=100 --sts-latency-ms=30 ...]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { approaches, benchBuildDir, repoRoot, type ApproachId } from './approaches';
import { ownDeployments } from './deployments';
import { measureFanout } from './measure/assume-role-fanout';
import { measureKinesis } from './measure/kinesis';
import { buildBaselines } from './bundles';
import { openContext } from './context';
import type { LocalStack } from '../../stack/src/types';
import { machineInfo } from './machine';
import { measureBundleSizes } from './measure/bundle-size';
import { measureConcurrent } from './measure/concurrent';
import { measureFirstInvocation } from './measure/first-invocation';
import { measureModuleLoad } from './measure/module-load';
import { measureOwnDeployments, type Deployed } from './measure/own-deployments';
import { measureRefresh } from './measure/refresh';
import { measureSequential } from './measure/sequential';
import { resolveParams, type BenchParams } from './params';
import { svgToPng, warmLatencySvg } from './report/chart';
import { benchmarksMarkdown } from './report/docs';
import { JSON_FILE, benchmarksJson } from './report/json';
import { renderText, tables } from './report/tables';
import { headlines, type BenchResults } from './results';

export const CHART_FILE = 'benchmarks-warm-latency.png';

const warmIds: ApproachId[] = ['function', 'perInvocation', 'sdkV2', 'direct', 'awsLite'];
const bundleIds: ApproachId[] = ['function', 'customerProfiles', 'forwarder', 'kinesisToIot', 'defaultMainFields', 'sdkV2', 'perInvocation', 'direct', 'awsLite'];
const coldIds: ApproachId[] = ['function', 'functionNoPrefetch', 'defaultMainFields', 'perInvocation', 'sdkV2', 'direct', 'awsLite'];
// aws-lite keeps its first session's static credentials: it fails once they expire, so it has no refresh figure.
const refreshIds: ApproachId[] = ['function', 'sdkV2', 'perInvocation'];

/** Why each approach of `ids` has no bundle to measure (absent file), by id. */
export function absentBundles(ids: readonly ApproachId[]): Partial<Record<ApproachId, string>> {
  const absent: Partial<Record<ApproachId, string>> = {};
  for (const id of ids) {
    if (!existsSync(approaches[id].bundlePath)) absent[id] = `${path.relative(repoRoot, approaches[id].bundlePath)} is absent (not built on this branch: \`make build\` bundles it once its source exists)`;
  }
  return absent;
}

export async function runBench(params: BenchParams, log: (line: string) => void = () => undefined): Promise<BenchResults> {
  const started = performance.now();
  const machine = machineInfo();
  if (!existsSync(approaches.function.bundlePath)) throw new Error(`${approaches.function.bundlePath} is missing: run \`make build\` first`);
  log('building baseline bundles into .cache/bench');
  await buildBaselines();
  const absent = absentBundles(bundleIds);
  const present = bundleIds.filter((id) => absent[id] === undefined);
  const deployedIds = (Object.keys(ownDeployments) as ApproachId[]).filter((id) => absent[id] === undefined);
  const deployAll = (stack: LocalStack): Promise<Deployed[]> => {
    log(`deploying ${deployedIds.map((id) => approaches[id].label).join(', ')} beside it (each its example's roots)`);
    return Promise.all(
      deployedIds.map(async (id, k) => {
        const spec = ownDeployments[id]!;
        return { approach: id, spec, fn: await spec.deploy(stack, { prefix: `bench${k + 1}`, log: () => undefined }) };
      }),
    );
  };
  const { ctx, beside: deployed } = await openContext(params, log, deployAll);
  try {
    log(`figures 1, 2, 5: ${params.sequential} sequential invocations x ${warmIds.length} approaches, interleaved`);
    const sequential = await measureSequential(ctx, warmIds);
    log(`figure 1: ${params.concurrent} concurrent invocations per approach`);
    const concurrent = await measureConcurrent(ctx, warmIds);
    log('figure 1: AssumeRole calls under fan-out (five clients on one target; two targets)');
    const fanout = await measureFanout(ctx);
    log(`figure 3: bundle sizes, module load (${params.loadSamples} processes per bundle)`);
    const bundles = measureBundleSizes(present);
    const moduleLoad = await measureModuleLoad(ctx, present, await ctx.executionCredentials('module-load'));
    log(`figure 3: first invocation (${params.coldSamples} cold starts per approach)`);
    const firstInvocation = await measureFirstInvocation(
      ctx,
      coldIds.map((id) => ({ key: id, label: approaches[id].label, approach: approaches[id] })),
    );
    log(`figure 4: ${params.refreshHours} simulated hours, one invocation every ${params.refreshIntervalSeconds} s`);
    const refresh = await measureRefresh(ctx, refreshIds);
    log(`figure 3c: ${deployed.length} functions on their own deployments (${params.coldSamples} cold starts, ${params.sequential} invocations each)`);
    const own = await measureOwnDeployments(ctx, deployed);
    const kinesisDeployment = deployed.find((d) => d.approach === 'kinesisToIot');
    log('Kinesis to IoT throughput (measured by the example, on its deployment)');
    const kinesis = kinesisDeployment ? await measureKinesis(ctx.stack, kinesisDeployment.fn.source) : { missing: absent.kinesisToIot ?? 'the kinesis-to-iot example was not deployed' };
    return {
      absent,
      fanout,
      kinesis,
      own,
      machine,
      params,
      targets: Object.keys(JSON.parse(ctx.provisioned.functionEnvironment.CROSS_ACCOUNT_TARGETS ?? '{}') as object).length,
      sessionDurationSeconds: ctx.sessionDurationSeconds,
      sequential,
      concurrent,
      bundles,
      moduleLoad,
      firstInvocation,
      refresh,
      loadAverageEnd: os.loadavg()[0] ?? Number.NaN,
      wallSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await ctx.close();
  }
}

export function warmChartPng(r: BenchResults): Buffer {
  const series = r.sequential.map((s) => ({ label: approaches[s.approach].label, samples: s.warmSamples }));
  const subtitle = `${r.sequential[0]?.warm.n ?? 0} warm invocations per approach · injected latency STS ${r.params.stsLatencyMs} ms, Pinpoint ${r.params.pinpointLatencyMs} ms · ${r.machine.cores} × ${r.machine.cpuModel} · Node ${r.machine.node}`;
  return svgToPng(warmLatencySvg(series, 'Warm invocation latency (local stack)', subtitle));
}

export function report(r: BenchResults): string {
  return [
    ...tables(r).map((t) => `${renderText(t)}\n`),
    'Headlines (this function against each alternative):',
    ...headlines(r).map((h) => `  - ${h.text}`),
  ].join('\n');
}

/** Writes the docs page, its JSON twin and the chart, from the same results; returns the paths written. */
export function writeDocs(r: BenchResults, docsDir: string): string[] {
  const dir = path.resolve(repoRoot, docsDir);
  mkdirSync(dir, { recursive: true });
  const chart = path.join(dir, CHART_FILE);
  const page = path.join(dir, 'benchmarks.md');
  const json = path.join(dir, JSON_FILE);
  writeFileSync(chart, warmChartPng(r));
  writeFileSync(page, benchmarksMarkdown(r, CHART_FILE));
  writeFileSync(json, `${JSON.stringify(benchmarksJson(r), null, 2)}\n`);
  return [page, json, chart];
}

async function main(): Promise<void> {
  const params = resolveParams(process.argv.slice(2));
  const t0 = performance.now();
  const log = (line: string): void => void process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);
  const results = await runBench(params, log);
  mkdirSync(benchBuildDir, { recursive: true });
  writeFileSync(path.join(benchBuildDir, 'results.json'), JSON.stringify(results, null, 1));
  process.stdout.write(`${report(results)}\n`);
  if (params.docsDir) for (const file of writeDocs(results, params.docsDir)) log(`wrote ${path.relative(repoRoot, file)}`);
  log(`done in ${results.wallSeconds.toFixed(0)} s`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
