/**
 * Figure 3b: module load time. Each sample is a fresh `node` process that
 * requires the bundle with the function's environment (so init-time work such
 * as configuration parsing and client construction runs as on Lambda) and
 * reports how long `require` took, and how long since the process started.
 * Samples alternate between bundles so machine noise falls on all of them.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { functionEnvironment } from '../../../stack/src/function-process';
import type { Credentials } from '../../../stack/src/index';
import { approaches, type ApproachId } from '../approaches';
import type { BenchContext } from '../context';
import { median } from '../stats';

const run = promisify(execFile);

const probe = `
const t0 = performance.now();
try {
  require(process.argv[1]);
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error && error.name) + ': ' + String(error && error.message).slice(0, 200) }));
  process.exit(0);
}
const t1 = performance.now();
process.stdout.write(JSON.stringify({ requireMs: t1 - t0, sinceStartMs: t1 }));
process.exit(0);
`;

export interface ModuleLoad {
  approach: ApproachId;
  samples: number;
  /** Median time spent in require(bundle), ms. */
  requireMs: number;
  /** Median time from process start to bundle loaded, ms. */
  sinceStartMs: number;
  /** Set when requiring the bundle threw (its figures are then NaN): the first error. */
  error?: string;
}

export async function measureModuleLoad(ctx: BenchContext, ids: ApproachId[], credentials: Credentials): Promise<ModuleLoad[]> {
  const samples = new Map<ApproachId, { requireMs: number; sinceStartMs: number }[]>(ids.map((id) => [id, []]));
  const errors = new Map<ApproachId, string>();
  for (let i = 0; i < ctx.params.loadSamples; i++) {
    for (const id of ids) {
      if (errors.has(id)) continue;
      const approach = approaches[id];
      const deployed = ctx.provisioned.functionEnvironment;
      const env = functionEnvironment({
        bundlePath: approach.bundlePath,
        env: { ...deployed, ...approach.loadEnv?.(deployed), ...approach.env },
        credentials,
        stackEndpoint: ctx.stack.endpoint,
        region: ctx.provisioned.region,
        functionName: ctx.provisioned.functionName,
      });
      const { stdout } = await run(process.execPath, ['-e', probe, approach.bundlePath], { env, timeout: 30_000 });
      const sample = JSON.parse(stdout) as { requireMs: number; sinceStartMs: number } | { error: string };
      if ('error' in sample) errors.set(id, sample.error);
      else samples.get(id)?.push(sample);
    }
  }
  return ids.map((id) => {
    const mine = samples.get(id) ?? [];
    return {
      approach: id,
      samples: mine.length,
      requireMs: median(mine.map((s) => s.requireMs)),
      sinceStartMs: median(mine.map((s) => s.sinceStartMs)),
      ...(errors.has(id) && { error: errors.get(id) }),
    };
  });
}
