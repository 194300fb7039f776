/**
 * Figure 3c: cold start as the caller sees it. Each sample starts a fresh
 * execution environment (spawn, load the bundle, handler ready) and sends the
 * first invocation immediately, as Lambda does after init. Variants of the
 * function: with its init-time credential prefetch, and without it.
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
}

export async function measureFirstInvocation(ctx: BenchContext, variants: ColdVariant[]): Promise<FirstInvocation[]> {
  const rows = new Map<string, { init: number; first: number; ok: boolean }[]>(variants.map((v) => [v.key, []]));
  for (let i = 0; i < ctx.params.coldSamples; i++) {
    for (const variant of variants) {
      const env = await ctx.start(variant.approach, variant.env);
      try {
        const outcome = await invokeOnce(env, ctx.event);
        rows.get(variant.key)?.push({ init: env.initMs, first: outcome.durationMs, ok: outcome.ok });
      } finally {
        await env.process.stop();
      }
    }
  }
  return variants.map((v) => {
    const mine = rows.get(v.key) ?? [];
    return {
      key: v.key,
      label: v.label,
      samples: mine.length,
      failures: mine.filter((r) => !r.ok).length,
      initMs: median(mine.map((r) => r.init)),
      firstInvocationMs: median(mine.map((r) => r.first)),
      totalMs: median(mine.map((r) => r.init + r.first)),
    };
  });
}
