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
require(process.argv[1]);
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
}

export async function measureModuleLoad(ctx: BenchContext, ids: ApproachId[], credentials: Credentials): Promise<ModuleLoad[]> {
  const samples = new Map<ApproachId, { requireMs: number; sinceStartMs: number }[]>(ids.map((id) => [id, []]));
  for (let i = 0; i < ctx.params.loadSamples; i++) {
    for (const id of ids) {
      const approach = approaches[id];
      const env = functionEnvironment({
        bundlePath: approach.bundlePath,
        env: { ...ctx.provisioned.functionEnvironment, ...approach.env },
        credentials,
        stackEndpoint: ctx.stack.endpoint,
        region: ctx.provisioned.region,
        functionName: ctx.provisioned.functionName,
      });
      const { stdout } = await run(process.execPath, ['-e', probe, approach.bundlePath], { env, timeout: 30_000 });
      samples.get(id)?.push(JSON.parse(stdout) as { requireMs: number; sinceStartMs: number });
    }
  }
  return ids.map((id) => {
    const mine = samples.get(id) ?? [];
    return {
      approach: id,
      samples: mine.length,
      requireMs: median(mine.map((s) => s.requireMs)),
      sinceStartMs: median(mine.map((s) => s.sinceStartMs)),
    };
  });
}
