#!/usr/bin/env node
// Bundles the shipped functions with the package's own bundler (lambda/bin/bundle.mjs,
// also behind `npx cross-account-lambda bundle`), each into its own folder so their
// index.js files do not overwrite each other:
//   Pinpoint           lambda/functions/pinpoint/index.ts          -> <outdir>/index.js, <outdir>/function.zip
//   Customer Profiles  lambda/functions/customer-profiles/src/index.ts
//                                                     -> <outdir>/customer-profiles/index.js, .../customer-profiles.zip
//   Examples           examples/<name>/src/index.ts                -> <outdir>/examples/<name>/index.js, .../function.zip
// Options: --sourcemap, --outdir <dir> (default dist).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, describeBundle } from '../lambda/bin/bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outdirArg = args.indexOf('--outdir');
const outdir = resolve(root, outdirArg >= 0 ? args[outdirArg + 1] : 'dist');

/** The shipped functions: entry, folder under outdir, zip name (mk/lambda.mk copies the zips to modules/source-lambda/package/). */
const SHIPPED_FUNCTIONS = [
  { entry: 'lambda/functions/pinpoint/index.ts', dir: '.', zipName: 'function.zip' },
  { entry: 'lambda/functions/customer-profiles/src/index.ts', dir: 'customer-profiles', zipName: 'customer-profiles.zip' },
];

/** Every example with a handler (examples/<name>/src/index.ts) -> <outdir>/examples/<name>/{index.js,function.zip};
 *  the handler imports `cross-account-lambda`, which tsconfig.json's paths maps to lambda/src (esbuild reads it). */
const EXAMPLE_FUNCTIONS = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'examples', d.name, 'src', 'index.ts')))
  .map((d) => ({ entry: `examples/${d.name}/src/index.ts`, dir: `examples/${d.name}`, zipName: 'function.zip' }))
  .sort((a, b) => a.entry.localeCompare(b.entry));

for (const fn of [...SHIPPED_FUNCTIONS, ...EXAMPLE_FUNCTIONS]) {
  const result = await bundle({
    entry: join(root, fn.entry),
    outdir: join(outdir, fn.dir),
    zipName: fn.zipName,
    sourcemap: args.includes('--sourcemap'),
  });
  console.log(describeBundle(result));
}
