/**
 * docs/benchmarks.md, "What was tried and what it gave": the bundle-size work
 * of issue 16, with the figures of the offline A/B runs that decided it
 * (`npx tsx bench/src/compare-load.ts a.js b.js --samples=31`). Static text:
 * these runs are not part of `make bench`; re-run the command to check them.
 */
export const triedSection: readonly string[] = [
  '## What was tried and what it gave',
  '',
  'Offline A/B runs of the Pinpoint bundle (`npx tsx bench/src/compare-load.ts a/index.js b/index.js --samples=31`:',
  'fresh `node` processes alternating between the bundles, median time inside `require`). The machine was shared',
  'and heavily loaded during these runs (1-minute load average 17 to 25 on 2 cores), so absolute load times are',
  'several times what `make bench` reports on a quiet machine; only the ratio within one run means anything, and',
  'even that moves by several percent between runs. Bytes are exact.',
  '',
  '| try | raw | gzip | module load (median of 31, same run) | kept |',
  '|---|---:|---:|---:|---|',
  '| before: default credential chain and event streams in the bundle | 424.5 KiB | 132.9 KiB | 379.5 ms | |',
  '| stub `@aws-sdk/credential-provider-node` (the default chain: ini, SSO, process, token file, container HTTP, IMDS, login) | 348.0 KiB | 113.4 KiB | 320.6 ms (0.84x) | yes |',
  '| also stub `@smithy/core/event-streams` (loaded lazily, for event-stream operations only) | 332.8 KiB | 108.7 KiB | 987.5 ms against 1132.6 ms for the row above in a second, busier run (0.87x) | yes |',
  '',
  'Notes:',
  '',
  '- Rewriting AssumeRole on `STSClient` directly (instead of `fromTemporaryCredentials`) would not remove the',
  '  default chain: the metafile shows that `@aws-sdk/client-pinpoint`\'s own runtimeConfig imports',
  '  `@aws-sdk/credential-provider-node`, as every SDK v3 client\'s does, so the chain stays as long as any',
  '  client is bundled. The bundler therefore replaces the package with a stub (`lambda/bin/default-credential-chain.stub.mjs`)',
  '  whose provider throws `DefaultCredentialChainRemovedError` if ever called; every client the runtime builds',
  '  gets explicit credentials (the AssumeRole provider; `fromEnv()` for STS), and the bench smoke runs the real',
  '  bundle end to end. `make check-bundles` reads the metafile beside every bundle and fails if a credential',
  '  provider of the chain comes back.',
  '- Event streams: `@smithy/core`\'s HTTP protocol imports `@smithy/core/event-streams` only inside',
  '  `loadEventStreamCapability`, reached only for operations with an event-stream member; Pinpoint, STS and',
  '  Customer Profiles have none. The stub (`lambda/bin/event-streams.stub.mjs`) throws if it is ever reached.',
  '- Looked at, not cut: the rest of `@smithy/core` (protocols 35 KiB raw: REST-JSON for Pinpoint and AWS Query',
  '  for STS are both used; endpoints 12 KiB: the endpoint rulesets resolve every request\'s URL; retry 12 KiB;',
  '  serde 18 KiB) is on the request path; cutting inside it means patching SDK internals, not swapping a package.',
  '  User-agent and region-config paths are small (< 3 KiB) and run on every client construction.',
  '- Users get the same stubs only on request (`cross-account-lambda bundle --no-default-credential-chain',
  '  --no-event-streams`): a user\'s same-account client without explicit credentials needs the default chain.',
  '',
];
