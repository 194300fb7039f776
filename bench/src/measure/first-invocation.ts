/**
 * Figure 3c: cold start as the caller sees it. Each sample starts a fresh
 * execution environment (spawn, load the bundle, handler ready) and sends the
 * first invocation immediately, as Lambda does after init. Variants of the
 * function: with its init-time credential prefetch, and without it. A second
 * environment per sample is started afterwards and left idle for a moment
 * before its first invocation, as with provisioned concurrency, where init runs
 * ahead of traffic.
 *
 * One more, untimed environment per variant shows what init itself does: it
 * is left idle for a moment after load and its AssumeRole calls are counted
 * (1 per target with the prefetch, 0 without), which proves the variants differ
 * in exactly that.
 */
import type { Approach } from '../approaches';
import type { BenchContext } from '../context';
import { median } from '../stats';
import { invokeOnce } from './invoke';

export interface ColdVariant {
  key: string;
  label: string;
  approach: Approach;
  env?: Record<string, string>;
}

export interface FirstInvocation {
  key: string;
  label: string;
  samples: number;
  failures: number;
  /** Median spawn-to-ready, ms. */
  initMs: number;
  /** Median latency of the first invocation, ms. */
  firstInvocationMs: number;
  /** Median spawn to first result, ms. */
  totalMs: number;
  /** Median latency of the first invocation of an environment left idle after init (provisioned concurrency), ms. */
  firstAfterIdleMs: number;
  /** AssumeRole calls an idle execution environment made during and right after init. */
  initAssumeRoleCalls: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function initCalls(ctx: BenchContext, variant: ColdVariant): Promise<number> {
  const env = await ctx.start(variant.approach, variant.env);
  try {
    // Long enough for an AssumeRole started at init to be answered even on a busy machine; done early once it is.
    const deadline = performance.now() + 1500 + 3 * ctx.params.stsLatencyMs;
    while (ctx.assumeRoleCount(env) === 0 && performance.now() < deadline) await sleep(50);
    await sleep(2 * ctx.params.stsLatencyMs);
    return ctx.assumeRoleCount(env);
  } finally {
    await env.process.stop();
  }
}

export async function measureFirstInvocation(ctx: BenchContext, variants: ColdVariant[]): Promise<FirstInvocation[]> {
  const rows = new Map<string, { init: number; first: number; afterIdle: number; ok: boolean }[]>(variants.map((v) => [v.key, []]));
  // Provisioned concurrency: init runs well before the first request. The idle time lets init-time work finish.
  const idleMs = 250 + 3 * ctx.params.stsLatencyMs;
  for (let i = 0; i < ctx.params.coldSamples; i++) {
    for (const variant of variants) {
      // The first invocation goes out the moment init is done: nothing else may start in between.
      const env = await ctx.start(variant.approach, variant.env);
      let outcome;
      try {
        outcome = await invokeOnce(env, ctx.event);
      } finally {
        await env.process.stop();
      }
      const idle = await ctx.start(variant.approach, variant.env);
      try {
        await sleep(idleMs);
        const afterIdle = await invokeOnce(idle, ctx.event);
        rows.get(variant.key)?.push({ init: env.initMs, first: outcome.durationMs, afterIdle: afterIdle.durationMs, ok: outcome.ok && afterIdle.ok });
      } finally {
        await idle.process.stop();
      }
    }
  }
  const idle = new Map<string, number>();
  for (const variant of variants) idle.set(variant.key, await initCalls(ctx, variant));
  return variants.map((v) => {
    const mine = rows.get(v.key) ?? [];
    return {
      initAssumeRoleCalls: idle.get(v.key) ?? Number.NaN,
      key: v.key,
      label: v.label,
      samples: mine.length,
      failures: mine.filter((r) => !r.ok).length,
      initMs: median(mine.map((r) => r.init)),
      firstInvocationMs: median(mine.map((r) => r.first)),
      totalMs: median(mine.map((r) => r.init + r.first)),
      firstAfterIdleMs: median(mine.map((r) => r.afterIdle)),
    };
  });
}
