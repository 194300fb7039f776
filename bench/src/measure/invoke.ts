import type { ExecutionEnvironment } from '../context';

export interface Outcome {
  durationMs: number;
  ok: boolean;
  errorType?: string;
}

/** One invocation; a handler error or a non-ok result counts as a failure (the figures report them). */
export async function invokeOnce(env: ExecutionEnvironment, event: unknown): Promise<Outcome> {
  const out = await env.process.invoke(event);
  if (out.error) return { durationMs: out.durationMs, ok: false, errorType: out.error.errorType };
  const status = (out.result as { status?: unknown } | undefined)?.status;
  return status === 'ok' ? { durationMs: out.durationMs, ok: true } : { durationMs: out.durationMs, ok: false, errorType: `status:${String(status)}` };
}

export function errorSummary(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) if (!o.ok) counts[o.errorType ?? 'unknown'] = (counts[o.errorType ?? 'unknown'] ?? 0) + 1;
  return counts;
}

export function mib(bytes: number): number {
  return bytes / 2 ** 20;
}
