/**
 * The approaches the benchmark compares. Each one is a CommonJS bundle that
 * exports `handler`, run by the same host (stack/src/function-process.ts), so
 * the per-invoke IPC cost is the same for all of them.
 */
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const benchBuildDir = path.join(repoRoot, '.cache', 'bench');

export type ApproachId = 'function' | 'functionNoPrefetch' | 'defaultMainFields' | 'perInvocation' | 'sdkV2' | 'direct';

export interface Approach {
  id: ApproachId;
  label: string;
  /** One line for the method section. */
  description: string;
  bundlePath: string;
  /** Which credentials the execution environment gets: the source execution role's, or (direct) the target role's. */
  credentials: 'execution' | 'target';
  /** Extra environment for this approach only. */
  env?: Record<string, string>;
}

export const approaches: Record<ApproachId, Approach> = {
  function: {
    id: 'function',
    label: 'this function',
    description: 'the real bundle (`dist/index.js` from `scripts/build.mjs`)',
    bundlePath: path.join(repoRoot, 'dist', 'index.js'),
    credentials: 'execution',
  },
  functionNoPrefetch: {
    id: 'functionNoPrefetch',
    label: 'this function, no prefetch',
    description:
      'the function built from the same sources and options with `prefetchCredentials` (lambda/src/credentials/prefetch.ts) replaced by a no-op at bundle time: the first AssumeRole happens in the first invocation',
    bundlePath: path.join(benchBuildDir, 'no-prefetch', 'index.js'),
    credentials: 'execution',
  },
  defaultMainFields: {
    id: 'defaultMainFields',
    label: 'default esbuild',
    description: "`lambda/functions/pinpoint/index.ts` bundled with esbuild's default main fields for platform node (`main,module`), otherwise the same options",
    bundlePath: path.join(benchBuildDir, 'default-main-fields', 'index.js'),
    credentials: 'execution',
  },
  perInvocation: {
    id: 'perInvocation',
    label: 'per-invocation AssumeRole',
    description: 'the AWS knowledge-center sample in SDK v3: new STSClient + AssumeRole + new PinpointClient inside every invocation (`bench/baselines/per-invocation-assume-role.ts`)',
    bundlePath: path.join(benchBuildDir, 'per-invocation-assume-role.js'),
    credentials: 'execution',
  },
  sdkV2: {
    id: 'sdkV2',
    label: 'SDK v2 Chainable',
    description: 'SDK v2 `ChainableTemporaryCredentials` + module-scope `Pinpoint` client (`bench/baselines/sdk-v2-chainable.ts`)',
    bundlePath: path.join(benchBuildDir, 'sdk-v2-chainable.js'),
    credentials: 'execution',
    env: { AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
  },
  direct: {
    id: 'direct',
    label: 'direct (same account)',
    description: 'no role assumption: a module-scope PinpointClient on the execution environment\'s own credentials, which are valid in the app\'s account (`bench/baselines/direct-client.ts`); the floor',
    bundlePath: path.join(benchBuildDir, 'direct-client.js'),
    credentials: 'target',
  },
};

export const allApproachIds = Object.keys(approaches) as ApproachId[];
