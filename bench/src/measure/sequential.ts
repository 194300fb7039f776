/**
 * Figures 1 (sequential), 2 and 5: one execution environment per approach,
 * `sequential` invocations each, interleaved round-robin across approaches so
 * that background load on the machine falls on all of them alike. Counts the
 * AssumeRole calls each environment made from its start (init included),
 * keeps the latency of every invocation after the warm-up, and reads RSS after
 * init and after the last invocation.
 */
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
}

export async function measureSequential(ctx: BenchContext, ids: ApproachId[]): Promise<SequentialResult[]> {
  const { sequential, warmup } = ctx.params;
  const envs: ExecutionEnvironment[] = [];
  try {
    for (const id of ids) envs.push(await ctx.start(approaches[id]));
    const rssAfterInit = await Promise.all(envs.map(async (e) => mib((await e.process.memoryUsage()).rss)));
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
        rssAfterInitMiB: rssAfterInit[k] ?? Number.NaN,
        rssAfterRunMiB: mib((await env.process.memoryUsage()).rss),
      });
    }
    return results;
  } finally {
    await Promise.all(envs.map((e) => e.process.stop()));
  }
}
