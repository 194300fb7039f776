/**
 * Figure 1 (concurrent): a fresh execution environment per approach receives
 * `concurrent` invocations at once; counts the AssumeRole calls it made.
 */
import type { BenchContext } from '../context';
import { approaches, type ApproachId } from '../approaches';
import { errorSummary, invokeOnce } from './invoke';

export interface ConcurrentResult {
  approach: ApproachId;
  invocations: number;
  errors: Record<string, number>;
  assumeRoleCalls: number;
}

export async function measureConcurrent(ctx: BenchContext, ids: ApproachId[]): Promise<ConcurrentResult[]> {
  const results: ConcurrentResult[] = [];
  for (const id of ids) {
    const env = await ctx.start(approaches[id]);
    try {
      const outcomes = await Promise.all(Array.from({ length: ctx.params.concurrent }, () => invokeOnce(env, ctx.event)));
      results.push({ approach: id, invocations: outcomes.length, errors: errorSummary(outcomes), assumeRoleCalls: ctx.assumeRoleCount(env) });
    } finally {
      await env.process.stop();
    }
  }
  return results;
}
