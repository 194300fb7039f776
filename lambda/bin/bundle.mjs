// Bundles a Lambda handler with esbuild and writes a reproducible deployment zip
// (index.js, handler `index.handler`, runtime nodejs22.x). One implementation for
// the shipped functions (scripts/build.mjs) and for users (`cross-account-lambda bundle`).
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { shrinkPlugin } from './shrink.cjs';

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

const stubFile = (name) => fileURLToPath(new URL(name, import.meta.url));

/**
 * Code the shipped functions carry but never run, each replaced by a stub that
 * throws a clear error if it ever is called (package -> stub file, per stub name):
 * - defaultCredentialChain: @aws-sdk/credential-provider-node, which every SDK
 *   client's runtimeConfig imports but a client with explicit credentials never
 *   calls; it carries the ini, SSO, process, token-file, container-HTTP and IMDS providers.
 * - eventStreams: @smithy/core/event-streams, imported lazily by the HTTP protocols
 *   for event-stream operations only (Pinpoint, STS, Customer Profiles have none).
 */
export const STUBS = Object.freeze({
  defaultCredentialChain: { '@aws-sdk/credential-provider-node': stubFile('./default-credential-chain.stub.mjs') },
  eventStreams: { '@smithy/core/event-streams': stubFile('./event-streams.stub.mjs') },
});

/** Every stub: what the shipped functions are bundled with. */
export const ALL_STUBS = Object.freeze(Object.keys(STUBS));

/** The package -> stub file map of the named stubs. */
export function stubbedPackages(names = ALL_STUBS) {
  const out = {};
  for (const name of names) {
    if (!STUBS[name]) throw new Error(`unknown stub ${JSON.stringify(name)}; known: ${ALL_STUBS.join(', ')}`);
    Object.assign(out, STUBS[name]);
  }
  return out;
}

/** esbuild plugin: resolves each stubbed package import to its stub file. */
export function stubPackagesPlugin(stubs = stubbedPackages()) {
  const names = Object.keys(stubs).map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return {
    name: 'cross-account-lambda-stubs',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: stubs[args.path] }));
    },
  };
}

// The shrinks (rewrites that keep the code's meaning so esbuild can drop more): see shrink.cjs.
export { SHRINKS, inlineSchemaKeys, shrinkPlugin } from './shrink.cjs';

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
 * `stubs` names the STUBS to apply: all of them by default (the shipped functions),
 * [] for a bundle of the code as it is (what the CLI does unless told otherwise).
 * @param {{ entry: string, outdir: string, zipName?: string, sourcemap?: boolean, stubs?: readonly string[] }} options
 */
export async function bundle({ entry, outdir, zipName = 'function.zip', sourcemap = false, stubs = ALL_STUBS }) {
  const packages = stubbedPackages(stubs);
  const { build } = await loadEsbuild();
  const { default: yazl } = await import('yazl');
  const dir = resolve(outdir);
  const result = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [resolve(entry)],
    outfile: join(dir, 'index.js'),
    sourcemap: sourcemap ? 'external' : false,
    metafile: true,
    plugins: [...(Object.keys(packages).length > 0 ? [stubPackagesPlugin(packages)] : []), shrinkPlugin()],
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
