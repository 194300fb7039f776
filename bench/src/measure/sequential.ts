/**
 * Figures 1 (sequential), 2 and 5: one execution environment per approach,
 * `sequential` invocations each, interleaved round-robin across approaches so
 * that background load on the machine falls on all of them alike. Counts the
 * AssumeRole calls each environment made from its start (init included),
 * keeps the latency of every invocation after the warm-up, and reads RSS after
 * init and after the last invocation.
 */
import type { FunctionMemoryUsage } from '../../../stack/src/function-process';
import type { BenchContext, ExecutionEnvironment } from '../context';
import { approaches, type ApproachId } from '../approaches';
import { summarize, type Summary } from '../stats';
import { errorSummary, invokeOnce, mib, type Outcome } from './invoke';

export interface SequentialResult {
  approach: ApproachId;
  invocations: number;
  errors: Record<string, number>;
  assumeRoleCalls: number;
  /** Warm invocation latencies (ms), after the warm-up. */
  warmSamples: number[];
  warm: Summary;
  rssAfterInitMiB: number;
  rssAfterRunMiB: number;
  /** Peak RSS of the process up to that point (resourceUsage().maxRSS). */
  peakRssAfterInitMiB: number;
  peakRssAfterRunMiB: number;
}

export async function measureSequential(ctx: BenchContext, ids: ApproachId[]): Promise<SequentialResult[]> {
  const { sequential, warmup } = ctx.params;
  const envs: ExecutionEnvironment[] = [];
  try {
    for (const id of ids) envs.push(await ctx.start(approaches[id]));
    const afterInit = await Promise.all(envs.map((e) => e.process.memoryUsage()));
    const outcomes: Outcome[][] = envs.map(() => []);
    for (let i = 0; i < sequential; i++) {
      for (const [k, env] of envs.entries()) outcomes[k]?.push(await invokeOnce(env, ctx.event));
    }
    const results: SequentialResult[] = [];
    for (const [k, env] of envs.entries()) {
      const mine = outcomes[k] ?? [];
      const warmSamples = mine.slice(warmup).map((o) => o.durationMs);
      results.push({
        approach: env.approach.id,
        invocations: mine.length,
        errors: errorSummary(mine),
        assumeRoleCalls: ctx.assumeRoleCount(env),
        warmSamples,
        warm: summarize(warmSamples),
        ...(await memoryFigures(afterInit[k], env)),
      });
    }
    return results;
  } finally {
    await Promise.all(envs.map((e) => e.process.stop()));
  }
}

async function memoryFigures(
  afterInit: FunctionMemoryUsage | undefined,
  env: ExecutionEnvironment,
): Promise<Pick<SequentialResult, 'rssAfterInitMiB' | 'rssAfterRunMiB' | 'peakRssAfterInitMiB' | 'peakRssAfterRunMiB'>> {
  const afterRun = await env.process.memoryUsage();
  return {
    rssAfterInitMiB: afterInit ? mib(afterInit.rss) : Number.NaN,
    peakRssAfterInitMiB: afterInit ? mib(afterInit.peakRss) : Number.NaN,
    rssAfterRunMiB: mib(afterRun.rss),
    peakRssAfterRunMiB: mib(afterRun.peakRss),
  };
}
