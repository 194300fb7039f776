#!/usr/bin/env node
// Bundles the Lambda (lambda/src/index.ts) with esbuild and writes a
// reproducible deployment zip: dist/index.js and dist/function.zip.
// Runtime nodejs22.x, handler index.handler. Options: --sourcemap, --outdir <dir>.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import yazl from 'yazl';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const sourcemap = args.includes('--sourcemap');
const outdirArg = args.indexOf('--outdir');
const outdir = resolve(root, outdirArg >= 0 ? args[outdirArg + 1] : 'dist');

// Fixed metadata so two builds of the same source give byte-identical zips.
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0); // DOS epoch (local time, as zip stores it)
const ZIP_MODE = 0o100644;

await build({
  entryPoints: [join(root, 'lambda/src/index.ts')],
  outfile: join(outdir, 'index.js'),
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  mainFields: ['module', 'main'],
  sourcemap: sourcemap ? 'external' : false,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
});

const files = ['index.js', ...(sourcemap ? ['index.js.map'] : [])].sort();
const zip = new yazl.ZipFile();
for (const name of files) {
  zip.addBuffer(readFileSync(join(outdir, name)), name, {
    mtime: ZIP_MTIME,
    mode: ZIP_MODE,
    compress: true,
    compressionLevel: 9,
  });
}
zip.end();
const chunks = [];
for await (const chunk of zip.outputStream) chunks.push(chunk);
const zipBuffer = Buffer.concat(chunks);
mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, 'function.zip'), zipBuffer);

const bundle = readFileSync(join(outdir, 'index.js'));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`bundle  ${join(outdir, 'index.js')}: ${kib(bundle.length)} raw, ${kib(gzipSync(bundle, { level: 9 }).length)} gzip`);
console.log(`zip     ${join(outdir, 'function.zip')}: ${kib(zipBuffer.length)}, sha256 ${createHash('sha256').update(zipBuffer).digest('hex')}`);
