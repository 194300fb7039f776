/**
 * Figure 4: credential refresh under steady traffic. One execution environment
 * per approach; the stack's clock and every function's clock move forward
 * together by `refreshIntervalSeconds` before each round of invocations, for
 * `refreshHours` of simulated time. An invocation "waited on STS" when an
 * AssumeRole from its environment was answered while it ran and it took at
 * least half an STS round trip longer than the floor (the median of the
 * invocations during which no AssumeRole happened). Its wait is its latency
 * minus that floor.
 */
import type { BenchContext, ExecutionEnvironment } from '../context';
import { approaches, type ApproachId } from '../approaches';
import { median } from '../stats';
import { invokeOnce, type Outcome } from './invoke';

export interface RefreshResult {
  approach: ApproachId;
  simulatedHours: number;
  invocations: number;
  failures: number;
  assumeRoleCalls: number;
  waitedOnSts: number;
  longestWaitMs: number;
  /** Longest invocation of the run, ms. */
  maxLatencyMs: number;
}

interface Step extends Outcome {
  stsCalls: number;
}

export function classifyWaits(steps: readonly Step[], floorMs: number, stsLatencyMs: number): { waited: number; longestWaitMs: number } {
  const threshold = floorMs + Math.max(1, stsLatencyMs / 2);
  const waits = steps.filter((s) => s.stsCalls > 0 && s.durationMs >= threshold).map((s) => s.durationMs - floorMs);
  return { waited: waits.length, longestWaitMs: waits.length ? Math.max(...waits) : 0 };
}

export async function measureRefresh(ctx: BenchContext, ids: ApproachId[]): Promise<RefreshResult[]> {
  const { refreshHours, refreshIntervalSeconds, stsLatencyMs } = ctx.params;
  const stepMs = refreshIntervalSeconds * 1000;
  const rounds = Math.max(1, Math.floor((refreshHours * 3600) / refreshIntervalSeconds));
  const envs: ExecutionEnvironment[] = [];
  try {
    for (const id of ids) envs.push(await ctx.start(approaches[id]));
    // The cold first invocation is not steady traffic.
    for (const env of envs) await invokeOnce(env, ctx.event);
    const startCalls = envs.map((e) => ctx.assumeRoleCount(e));
    const steps: Step[][] = envs.map(() => []);
    for (let r = 0; r < rounds; r++) {
      ctx.stack.clock.advance(stepMs);
      await Promise.all(envs.map((e) => e.process.advanceClock(stepMs)));
      for (const [k, env] of envs.entries()) {
        const before = ctx.assumeRoleCount(env);
        const outcome = await invokeOnce(env, ctx.event);
        steps[k]?.push({ ...outcome, stsCalls: ctx.assumeRoleCount(env) - before });
      }
    }
    const quiet = steps.flat().filter((s) => s.stsCalls === 0 && s.ok);
    const floorMs = quiet.length ? median(quiet.map((s) => s.durationMs)) : ctx.params.pinpointLatencyMs;
    return envs.map((env, k) => {
      const mine = steps[k] ?? [];
      const { waited, longestWaitMs } = classifyWaits(mine, floorMs, stsLatencyMs);
      return {
        approach: env.approach.id,
        simulatedHours: (rounds * refreshIntervalSeconds) / 3600,
        invocations: mine.length,
        failures: mine.filter((s) => !s.ok).length,
        assumeRoleCalls: ctx.assumeRoleCount(env) - (startCalls[k] ?? 0),
        waitedOnSts: waited,
        longestWaitMs,
        maxLatencyMs: mine.length ? Math.max(...mine.map((s) => s.durationMs)) : Number.NaN,
      };
    });
  } finally {
    await Promise.all(envs.map((e) => e.process.stop()));
  }
}
