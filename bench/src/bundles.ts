/**
 * Builds the baseline bundles into .cache/bench (gitignored) with the options
 * scripts/build.mjs uses for the function itself, so that bundle size and
 * load time differ only by what each approach is.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { approaches, repoRoot, type ApproachId } from './approaches';

/** The function's own esbuild options (kept in step with BUNDLE_OPTIONS in lambda/bin/bundle.mjs). */
export function functionBuildOptions(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    mainFields: ['module', 'main'],
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
  };
}

const lambdaDir = path.join(repoRoot, 'lambda');

/**
 * What lambda/bin/bundle.mjs does for the shipped functions (its STUBS), as an
 * alias: the SDK's default credential chain and event streams replaced by stubs.
 * Applied to the function's variants only; the baselines keep the chain, as their users would.
 */
export const stubbedDefaultChain: Record<string, string> = {
  '@aws-sdk/credential-provider-node': path.join(lambdaDir, 'bin', 'default-credential-chain.stub.mjs'),
  '@smithy/core/event-streams': path.join(lambdaDir, 'bin', 'event-streams.stub.mjs'),
};
const functionVariants: ReadonlySet<ApproachId> = new Set(['functionNoPrefetch', 'defaultMainFields']);
const functionEntry = path.join(lambdaDir, 'functions', 'pinpoint', 'index.ts');
const prefetchModule = path.join(lambdaDir, 'src', 'credentials', 'prefetch.ts');

/**
 * Every import of lambda/src/credentials/prefetch.ts gets a shim whose
 * `prefetchCredentials` does nothing. Everything else in the bundle is unchanged.
 */
const noPrefetch: Plugin = {
  name: 'no-prefetch',
  setup(b) {
    b.onResolve({ filter: /prefetch(\.ts)?$/ }, (args) => {
      if (args.namespace === 'no-prefetch' || !args.importer.startsWith(lambdaDir)) return undefined;
      const resolved = path.resolve(args.resolveDir, args.path.endsWith('.ts') ? args.path : `${args.path}.ts`);
      return resolved === prefetchModule ? { path: prefetchModule, namespace: 'no-prefetch' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'no-prefetch' }, () => ({
      contents: 'export function prefetchCredentials() {}\n',
      loader: 'ts',
      resolveDir: path.dirname(prefetchModule),
    }));
  },
};

const entries: Partial<Record<ApproachId, string>> = {
  functionNoPrefetch: functionEntry,
  defaultMainFields: functionEntry,
  perInvocation: path.join(repoRoot, 'bench', 'baselines', 'per-invocation-assume-role.ts'),
  direct: path.join(repoRoot, 'bench', 'baselines', 'direct-client.ts'),
  sdkV2: path.join(repoRoot, 'bench', 'baselines', 'sdk-v2-chainable.ts'),
};

export async function buildBaseline(id: ApproachId): Promise<string> {
  const entry = entries[id];
  if (!entry) throw new Error(`${id} is not a baseline bundle`);
  const outfile = approaches[id].bundlePath;
  mkdirSync(path.dirname(outfile), { recursive: true });
  const options: BuildOptions = { ...functionBuildOptions(), entryPoints: [entry], outfile, absWorkingDir: repoRoot, metafile: true };
  // The one difference of this baseline: esbuild's default main fields.
  if (id === 'defaultMainFields') delete options.mainFields;
  if (id === 'functionNoPrefetch') options.plugins = [noPrefetch];
  if (functionVariants.has(id)) options.alias = stubbedDefaultChain;
  const result = await build(options);
  if (id === 'functionNoPrefetch' && !Object.keys(result.metafile?.inputs ?? {}).some((input) => input.startsWith('no-prefetch:'))) {
    throw new Error('no-prefetch variant: lambda/src/credentials/prefetch.ts was not imported, so prefetch could not be disabled');
  }
  return outfile;
}

export async function buildBaselines(ids: ApproachId[] = Object.keys(entries) as ApproachId[]): Promise<void> {
  for (const id of ids) if (entries[id]) await buildBaseline(id);
}
