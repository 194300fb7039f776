/**
 * Builds the bench's own bundles into .cache/bench (gitignored) with the
 * options lambda/bin/bundle.mjs uses for the shipped functions, so that bundle
 * size and load time differ only by what each approach is. The function's
 * variants and the runtime fan-out get the shipped functions' plugins (stubs
 * and shrinks); the baselines are bundled as their users would, with esbuild alone.
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
 */
export const stubbedDefaultChain: Record<string, string> = {
  '@aws-sdk/credential-provider-node': path.join(lambdaDir, 'bin', 'default-credential-chain.stub.mjs'),
  '@smithy/core/event-streams': path.join(lambdaDir, 'bin', 'event-streams.stub.mjs'),
};

/** The shrinks of lambda/bin/bundle.mjs (lambda/bin/shrink.cjs). */
export function shrinkPlugin(): Plugin {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const shrink = require(path.join(lambdaDir, 'bin', 'shrink.cjs')) as { shrinkPlugin(): Plugin };
  return shrink.shrinkPlugin();
}

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

const baseline = (name: string): string => path.join(repoRoot, 'bench', 'baselines', name);

/** The bundles the bench builds: entry, and whether it gets the shipped functions' plugins. */
const entries: Partial<Record<ApproachId, { entry: string; shipped: boolean }>> = {
  functionNoPrefetch: { entry: functionEntry, shipped: true },
  defaultMainFields: { entry: functionEntry, shipped: true },
  fanout: { entry: baseline('runtime-fanout.ts'), shipped: true },
  perInvocation: { entry: baseline('per-invocation-assume-role.ts'), shipped: false },
  direct: { entry: baseline('direct-client.ts'), shipped: false },
  sdkV2: { entry: baseline('sdk-v2-chainable.ts'), shipped: false },
  awsLite: { entry: baseline('aws-lite-static.ts'), shipped: false },
};

export async function buildBaseline(id: ApproachId): Promise<string> {
  const spec = entries[id];
  if (!spec) throw new Error(`${id} is not a bundle the bench builds`);
  const outfile = approaches[id].bundlePath;
  mkdirSync(path.dirname(outfile), { recursive: true });
  const options: BuildOptions = { ...functionBuildOptions(), entryPoints: [spec.entry], outfile, absWorkingDir: repoRoot, metafile: true };
  // The one difference of this baseline: esbuild's default main fields.
  if (id === 'defaultMainFields') delete options.mainFields;
  options.plugins = [...(id === 'functionNoPrefetch' ? [noPrefetch] : []), ...(spec.shipped ? [shrinkPlugin()] : [])];
  if (spec.shipped) options.alias = stubbedDefaultChain;
  const result = await build(options);
  if (id === 'functionNoPrefetch' && !Object.keys(result.metafile?.inputs ?? {}).some((input) => input.startsWith('no-prefetch:'))) {
    throw new Error('no-prefetch variant: lambda/src/credentials/prefetch.ts was not imported, so prefetch could not be disabled');
  }
  return outfile;
}

export async function buildBaselines(ids: ApproachId[] = Object.keys(entries) as ApproachId[]): Promise<void> {
  for (const id of ids) if (entries[id]) await buildBaseline(id);
}
