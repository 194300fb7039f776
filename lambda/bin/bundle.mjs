// Bundles a Lambda handler with esbuild and writes a reproducible deployment zip
// (index.js, handler `index.handler`, runtime nodejs22.x). One implementation for
// the shipped functions (scripts/build.mjs) and for users (`cross-account-lambda bundle`).
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// Fixed metadata so two builds of the same source give byte-identical zips.
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0); // DOS epoch (local time, as zip stores it)
const ZIP_MODE = 0o100644;

/** The esbuild options of every bundle (besides entry and output). */
export const BUNDLE_OPTIONS = Object.freeze({
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // ESM builds of the SDK tree-shake better than the CJS ones esbuild picks by default for platform node.
  mainFields: ['module', 'main'],
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
});

/**
 * Packages every SDK client's runtimeConfig imports but a client with explicit
 * credentials never calls, each replaced by a stub that throws a clear error if
 * it ever is called. @aws-sdk/credential-provider-node is the default chain and
 * carries ini, SSO, process, token-file, container-HTTP and IMDS providers.
 */
export const STUBBED_PACKAGES = Object.freeze({
  '@aws-sdk/credential-provider-node': fileURLToPath(new URL('./default-credential-chain.stub.mjs', import.meta.url)),
});

/** esbuild plugin: resolves each STUBBED_PACKAGES import to its stub file. */
export function stubPackagesPlugin(stubs = STUBBED_PACKAGES) {
  const names = Object.keys(stubs).map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return {
    name: 'cross-account-lambda-stubs',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: stubs[args.path] }));
    },
  };
}

/** The metafile written beside a zip: function.zip -> function.meta.json. */
export function metafileName(zipName) {
  return `${basename(zipName).replace(/\.zip$/, '')}.meta.json`;
}

async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    throw new Error('cross-account-lambda bundle needs esbuild: npm install --save-dev esbuild');
  }
}

/**
 * Bundles `entry` into `<outdir>/index.js` and zips it into `<outdir>/<zipName>`.
 * The esbuild metafile goes beside the zip (`<zip name>.meta.json`, not in the zip).
 * `defaultCredentialChain: 'stub'` (the default, used by the shipped functions) replaces
 * STUBBED_PACKAGES by stubs; 'keep' leaves the SDK's default credential chain in.
 * @param {{ entry: string, outdir: string, zipName?: string, sourcemap?: boolean, defaultCredentialChain?: 'stub' | 'keep' }} options
 */
export async function bundle({ entry, outdir, zipName = 'function.zip', sourcemap = false, defaultCredentialChain = 'stub' }) {
  if (defaultCredentialChain !== 'stub' && defaultCredentialChain !== 'keep') {
    throw new Error(`defaultCredentialChain must be 'stub' or 'keep', got ${JSON.stringify(defaultCredentialChain)}`);
  }
  const { build } = await loadEsbuild();
  const { default: yazl } = await import('yazl');
  const dir = resolve(outdir);
  const result = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [resolve(entry)],
    outfile: join(dir, 'index.js'),
    sourcemap: sourcemap ? 'external' : false,
    metafile: true,
    plugins: defaultCredentialChain === 'stub' ? [stubPackagesPlugin()] : [],
  });
  const files = ['index.js', ...(sourcemap ? ['index.js.map'] : [])].sort();
  const zip = new yazl.ZipFile();
  for (const name of files) {
    zip.addBuffer(readFileSync(join(dir, name)), name, { mtime: ZIP_MTIME, mode: ZIP_MODE, compress: true, compressionLevel: 9 });
  }
  zip.end();
  const chunks = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk);
  const zipBuffer = Buffer.concat(chunks);
  mkdirSync(dir, { recursive: true });
  const zipPath = join(dir, zipName);
  writeFileSync(zipPath, zipBuffer);
  const metafilePath = join(dirname(zipPath), metafileName(zipName));
  writeFileSync(metafilePath, `${JSON.stringify(result.metafile, null, 1)}\n`);
  const code = readFileSync(join(dir, 'index.js'));
  return {
    bundlePath: join(dir, 'index.js'),
    bundleBytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    zipPath,
    metafilePath,
    zipBytes: zipBuffer.length,
    sha256: createHash('sha256').update(zipBuffer).digest('hex'),
  };
}

/** Two lines for the console. */
export function describeBundle(result) {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  return (
    `bundle  ${result.bundlePath}: ${kib(result.bundleBytes)} raw, ${kib(result.gzipBytes)} gzip\n` +
    `zip     ${result.zipPath}: ${kib(result.zipBytes)}, sha256 ${result.sha256}`
  );
}
