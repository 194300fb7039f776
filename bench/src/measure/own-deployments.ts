/**
 * Invocation figures of the functions on a deployment of their own
 * (bench/src/deployments): cold first invocation and warm latency, RSS and
 * AssumeRole calls over `sequential` invocations, each invocation the event
 * that function is for. Their services answer after the run's service
 * latency, as Pinpoint does for the Pinpoint approaches.
 *
 * Cold: `coldSamples` rounds, each a fresh execution environment per function
 * (one at a time) invoked the moment it is ready. Warm: one environment per
 * function, `sequential` invocations each; the functions run side by side
 * (each its own sequence), which keeps `make bench` under its time budget.
 */
import type { BenchContext } from '../context';
import type { ApproachId } from '../approaches';
import type { DeployedFunction, OwnDeployment, StartedFunction } from '../deployments';
import { median, summarize } from '../stats';
import { mib, type Outcome } from './invoke';
import type { SequentialResult } from './sequential';

export interface OwnDeploymentResult {
  approach: ApproachId;
  workload: string;
  services: readonly string[];
  cold: { samples: number; failures: Record<string, number>; initMs: number; firstInvocationMs: number; totalMs: number };
  sequential: SequentialResult;
}

export interface Deployed {
  approach: ApproachId;
  spec: OwnDeployment;
  fn: DeployedFunction;
}

const count = (failures: Record<string, number>, what: string | undefined): void => {
  if (what !== undefined) failures[what] = (failures[what] ?? 0) + 1;
};

async function invoke(d: Deployed, env: StartedFunction, i: number): Promise<Outcome & { failure?: string }> {
  const out = await env.process.invoke(d.fn.event(i));
  const failure = d.fn.failure(out);
  return { durationMs: out.durationMs, ok: failure === undefined, ...(failure !== undefined && { errorType: failure, failure }) };
}

async function warm(ctx: BenchContext, d: Deployed, firstEvent: number): Promise<SequentialResult> {
  const { sequential, warmup } = ctx.params;
  const env = await d.fn.start();
  try {
    const afterInit = await env.process.memoryUsage();
    const durations: number[] = [];
    const errors: Record<string, number> = {};
    for (let i = 0; i < sequential; i++) {
      const out = await invoke(d, env, firstEvent + i);
      durations.push(out.durationMs);
      count(errors, out.failure);
    }
    const afterRun = await env.process.memoryUsage();
    const warmSamples = durations.slice(warmup);
    return {
      approach: d.approach,
      invocations: durations.length,
      errors,
      assumeRoleCalls: ctx.stack.requests.count({ service: 'sts', action: 'AssumeRole', accessKeyId: env.accessKeyId }),
      warmSamples,
      warm: summarize(warmSamples),
      rssAfterInitMiB: mib(afterInit.rss),
      peakRssAfterInitMiB: mib(afterInit.peakRss),
      rssAfterRunMiB: mib(afterRun.rss),
      peakRssAfterRunMiB: mib(afterRun.peakRss),
    };
  } finally {
    await env.process.stop();
  }
}

export async function measureOwnDeployments(ctx: BenchContext, deployed: readonly Deployed[]): Promise<OwnDeploymentResult[]> {
  const services = [...new Set(deployed.flatMap((d) => d.spec.services))];
  const before = ctx.stack.latency();
  ctx.stack.setLatency(Object.fromEntries(services.map((s) => [s, ctx.params.pinpointLatencyMs])));
  try {
    const cold = new Map(deployed.map((d) => [d.approach, { init: [] as number[], first: [] as number[], failures: {} as Record<string, number> }]));
    for (let round = 0; round < ctx.params.coldSamples; round++) {
      for (const d of deployed) {
        const env = await d.fn.start();
        try {
          const out = await invoke(d, env, round);
          const mine = cold.get(d.approach)!;
          mine.init.push(env.initMs);
          mine.first.push(out.durationMs);
          count(mine.failures, out.failure);
        } finally {
          await env.process.stop();
        }
      }
    }
    // Event numbers after the cold rounds' (a forwarded message or a batch's sequence numbers stay unique).
    const sequential = await Promise.all(deployed.map((d) => warm(ctx, d, ctx.params.coldSamples)));
    return deployed.map((d, k) => {
      const mine = cold.get(d.approach)!;
      return {
        approach: d.approach,
        workload: d.spec.workload,
        services: d.spec.services,
        cold: {
          samples: mine.first.length,
          failures: mine.failures,
          initMs: median(mine.init),
          firstInvocationMs: median(mine.first),
          totalMs: median(mine.init.map((init, i) => init + (mine.first[i] ?? Number.NaN))),
        },
        sequential: sequential[k]!,
      };
    });
  } finally {
    ctx.stack.setLatency(Object.fromEntries(services.map((s) => [s, before[s] ?? 0])));
  }
}
