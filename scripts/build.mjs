#!/usr/bin/env node
// Bundles the shipped Pinpoint function (lambda/functions/pinpoint/index.ts) into
// dist/index.js and the reproducible dist/function.zip, with the package's own
// bundler (lambda/bin/bundle.mjs, also behind `npx cross-account-lambda bundle`).
// Options: --sourcemap, --outdir <dir>.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, describeBundle } from '../lambda/bin/bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outdirArg = args.indexOf('--outdir');

const result = await bundle({
  entry: join(root, 'lambda/functions/pinpoint/index.ts'),
  outdir: resolve(root, outdirArg >= 0 ? args[outdirArg + 1] : 'dist'),
  sourcemap: args.includes('--sourcemap'),
});
console.log(describeBundle(result));
