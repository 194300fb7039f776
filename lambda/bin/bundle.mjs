// Bundles a Lambda handler with esbuild and writes a reproducible deployment zip
// (index.js, handler `index.handler`, runtime nodejs22.x). One implementation for
// the shipped functions (scripts/build.mjs) and for users (`cross-account-lambda bundle`).
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    throw new Error('cross-account-lambda bundle needs esbuild: npm install --save-dev esbuild');
  }
}

/**
 * Bundles `entry` into `<outdir>/index.js` and zips it into `<outdir>/<zipName>`.
 * @param {{ entry: string, outdir: string, zipName?: string, sourcemap?: boolean }} options
 */
export async function bundle({ entry, outdir, zipName = 'function.zip', sourcemap = false }) {
  const { build } = await loadEsbuild();
  const { default: yazl } = await import('yazl');
  const dir = resolve(outdir);
  await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [resolve(entry)],
    outfile: join(dir, 'index.js'),
    sourcemap: sourcemap ? 'external' : false,
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
  const code = readFileSync(join(dir, 'index.js'));
  return {
    bundlePath: join(dir, 'index.js'),
    bundleBytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    zipPath,
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
