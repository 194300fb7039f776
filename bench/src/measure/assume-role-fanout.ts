/**
 * AssumeRole counts under fan-out, within one session lifetime (no clock moves):
 * the runtime fan-out bundle (bench/baselines/runtime-fanout.ts) with five
 * clients on one target, and with one client on each of two targets (the
 * deployment's target twice, under two names). Each gets a burst of concurrent
 * invocations on a fresh execution environment, then sequential ones.
 * Expected: one AssumeRole per target.
 */
import type { BenchContext } from '../context';
import { approaches } from '../approaches';
import { errorSummary, invokeOnce, type Outcome } from './invoke';

export interface FanoutCount {
  key: 'five_clients_one_target' | 'two_targets_per_lifetime';
  targets: number;
  clientsPerTarget: number;
  invocations: number;
  errors: Record<string, number>;
  assumeRoleCalls: number;
}

/** The deployment's only target, also under a second name (same role, so a second session). */
export function twoTargets(functionEnv: Record<string, string>): string {
  const targets = JSON.parse(functionEnv.CROSS_ACCOUNT_TARGETS ?? '{}') as Record<string, unknown>;
  const [name, first] = Object.entries(targets)[0] ?? [];
  if (name === undefined) throw new Error('the bench deployment has no target');
  return JSON.stringify({ [name]: first, [`${name}-second`]: first });
}

export async function measureFanout(ctx: BenchContext, invocations = Math.min(100, ctx.params.sequential)): Promise<FanoutCount[]> {
  const cases = [
    { key: 'five_clients_one_target' as const, clientsPerTarget: 5, targets: ctx.provisioned.functionEnvironment.CROSS_ACCOUNT_TARGETS ?? '{}' },
    { key: 'two_targets_per_lifetime' as const, clientsPerTarget: 1, targets: twoTargets(ctx.provisioned.functionEnvironment) },
  ];
  const out: FanoutCount[] = [];
  for (const c of cases) {
    const env = await ctx.start(approaches.fanout, { BENCH_CLIENTS_PER_TARGET: String(c.clientsPerTarget), CROSS_ACCOUNT_TARGETS: c.targets });
    try {
      const burst = Math.ceil(invocations / 2);
      const outcomes: Outcome[] = await Promise.all(Array.from({ length: burst }, () => invokeOnce(env, ctx.event)));
      for (let i = burst; i < invocations; i++) outcomes.push(await invokeOnce(env, ctx.event));
      out.push({
        key: c.key,
        targets: Object.keys(JSON.parse(c.targets) as object).length,
        clientsPerTarget: c.clientsPerTarget,
        invocations: outcomes.length,
        errors: errorSummary(outcomes),
        assumeRoleCalls: ctx.assumeRoleCount(env),
      });
    } finally {
      await env.process.stop();
    }
  }
  return out;
}
