#!/usr/bin/env node
// cross-account-lambda bundle <handler.ts|js> -o <function.zip> [--sourcemap] [--no-default-credential-chain] [--no-event-streams]
// Bundles your handler (and the runtime) into a reproducible Lambda zip: index.js
// inside, so the Lambda handler is `index.handler` when you export `handler`.
// --no-default-credential-chain stubs out the SDK's default credential chain
// (about 77 KiB raw): only when every client you build gets explicit credentials.
// --no-event-streams stubs out event-stream support (about 15 KiB raw): only when
// no operation you call streams events (e.g. S3 SelectObjectContent, Bedrock, Transcribe).
import { basename, dirname } from 'node:path';
import { bundle, describeBundle } from './bundle.mjs';

const USAGE = 'usage: cross-account-lambda bundle <entry.ts> -o <out/function.zip> [--sourcemap] [--no-default-credential-chain] [--no-event-streams]';

async function main(argv) {
  const [command, ...rest] = argv;
  if (command !== 'bundle') throw new Error(USAGE);
  let entry;
  let out;
  let sourcemap = false;
  const stubs = [];
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (arg === '-o' || arg === '--out') out = rest[++i];
    else if (arg === '--sourcemap') sourcemap = true;
    else if (arg === '--no-default-credential-chain') stubs.push('defaultCredentialChain');
    else if (arg === '--no-event-streams') stubs.push('eventStreams');
    else if (!arg.startsWith('-') && entry === undefined) entry = arg;
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  if (!entry || !out || !out.endsWith('.zip')) throw new Error(USAGE);
  const result = await bundle({ entry, outdir: dirname(out), zipName: basename(out), sourcemap, stubs });
  console.log(describeBundle(result));
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
