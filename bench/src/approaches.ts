/**
 * The approaches the benchmark compares, one entry each. Each is a CommonJS
 * bundle that exports `handler`, run by the same host
 * (stack/src/function-process.ts), so the per-invoke IPC cost is the same for all.
 *
 * `json` is the approach's key in docs/benchmarks.json. An approach whose
 * bundle is absent (an example not built yet) gets null figures there with the
 * reason. One that does not serve the bench's getEndpoint event on the
 * examples/local deployment (`invocation: 'own-deployment'`) is measured on
 * its example's deployment (bench/src/deployments). Wiring a new bundle in is
 * one entry here (and, for an own deployment, a file in bench/src/deployments).
 */
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const benchBuildDir = path.join(repoRoot, '.cache', 'bench');

export type ApproachId =
  | 'function'
  | 'customerProfiles'
  | 'forwarder'
  | 'kinesisToIot'
  | 'functionNoPrefetch'
  | 'defaultMainFields'
  | 'perInvocation'
  | 'sdkV2'
  | 'direct'
  | 'awsLite'
  | 'fanout';

export interface Approach {
  id: ApproachId;
  label: string;
  /** One line for the method section. */
  description: string;
  bundlePath: string;
  /** Key in docs/benchmarks.json `approaches` (none: a variant shown in the page only). */
  json?: string;
  /** bench-event: serves the bench's getEndpoint event on examples/local; own-deployment: measured on its example's deployment. */
  invocation: 'bench-event' | 'own-deployment';
  /** Which credentials the execution environment gets: the source execution role's, or (direct) the target role's. */
  credentials: 'execution' | 'target';
  /** Extra environment for this approach only. */
  env?: Record<string, string>;
  /** Changes to examples/local's environment that this bundle's init needs (module load of an own-deployment bundle). */
  loadEnv?: (functionEnv: Record<string, string>) => Record<string, string>;
}

const dist = (...parts: string[]): string => path.join(repoRoot, 'dist', ...parts);
const bench = (...parts: string[]): string => path.join(benchBuildDir, ...parts);

/** CROSS_ACCOUNT_TARGETS with `settings` added to every target. */
export function withSettings(functionEnv: Record<string, string>, settings: Record<string, string>): Record<string, string> {
  const targets = JSON.parse(functionEnv.CROSS_ACCOUNT_TARGETS ?? '{}') as Record<string, { settings?: Record<string, string> }>;
  for (const t of Object.values(targets)) t.settings = { ...t.settings, ...settings };
  return { CROSS_ACCOUNT_TARGETS: JSON.stringify(targets) };
}

export const approaches: Record<ApproachId, Approach> = {
  function: {
    id: 'function',
    label: 'this: pinpoint',
    json: 'this:pinpoint',
    description: 'the shipped Pinpoint function (`dist/index.js` from `make build`)',
    bundlePath: dist('index.js'),
    invocation: 'bench-event',
    credentials: 'execution',
  },
  customerProfiles: {
    id: 'customerProfiles',
    label: 'this: customer-profiles',
    json: 'this:customer-profiles',
    description: 'the shipped Customer Profiles function (`dist/customer-profiles/index.js`) on examples/customer-profiles (`bench/src/deployments/customer-profiles.ts`)',
    bundlePath: dist('customer-profiles', 'index.js'),
    invocation: 'own-deployment',
    credentials: 'execution',
    loadEnv: (env) => withSettings(env, { customerProfilesDomain: 'bench-domain' }),
  },
  forwarder: {
    id: 'forwarder',
    label: 'this: forwarder',
    json: 'this:forwarder',
    description: 'the forwarder example (`dist/examples/forwarder/index.js`) on its roots (`bench/src/deployments/forwarder.ts`)',
    bundlePath: dist('examples', 'forwarder', 'index.js'),
    invocation: 'own-deployment',
    credentials: 'execution',
    loadEnv: (env) =>
      withSettings(env, {
        configParameter: '/bench/forwarder/config',
        credentialParameter: '/bench/forwarder/credential',
        queueUrl: 'https://sqs.us-east-1.amazonaws.com/222222222222/bench-forwarder',
        tableName: 'bench-items',
        tableKey: 'id',
        indexName: 'by-status',
        indexKey: 'status',
      }),
  },
  kinesisToIot: {
    id: 'kinesisToIot',
    label: 'this: kinesis-to-iot',
    json: 'this:kinesis-to-iot',
    description: 'the Kinesis to IoT example (`dist/examples/kinesis-to-iot/index.js`) on its roots (`bench/src/deployments/kinesis-to-iot.ts`)',
    bundlePath: dist('examples', 'kinesis-to-iot', 'index.js'),
    invocation: 'own-deployment',
    credentials: 'execution',
    loadEnv: (env) => withSettings(env, { topicPrefix: 'bench/telemetry' }),
  },
  functionNoPrefetch: {
    id: 'functionNoPrefetch',
    label: 'this: pinpoint, no prefetch',
    description:
      'the Pinpoint function built from the same sources and options with `prefetchCredentials` (lambda/src/credentials/prefetch.ts) replaced by a no-op at bundle time: the first AssumeRole happens in the first invocation',
    bundlePath: bench('no-prefetch', 'index.js'),
    invocation: 'bench-event',
    credentials: 'execution',
  },
  defaultMainFields: {
    id: 'defaultMainFields',
    label: 'default esbuild',
    description: "`lambda/functions/pinpoint/index.ts` bundled with esbuild's default main fields for platform node (`main,module`), otherwise the same options",
    bundlePath: bench('default-main-fields', 'index.js'),
    invocation: 'bench-event',
    credentials: 'execution',
  },
  perInvocation: {
    id: 'perInvocation',
    label: 'per-invocation AssumeRole',
    json: 'per-invocation-assume-role',
    description: 'the AWS knowledge-center sample in SDK v3: new STSClient + AssumeRole + new PinpointClient inside every invocation (`bench/baselines/per-invocation-assume-role.ts`)',
    bundlePath: bench('per-invocation-assume-role.js'),
    invocation: 'bench-event',
    credentials: 'execution',
  },
  sdkV2: {
    id: 'sdkV2',
    label: 'SDK v2 Chainable',
    json: 'sdk-v2-chainable',
    description: 'SDK v2 `ChainableTemporaryCredentials` + module-scope `Pinpoint` client (`bench/baselines/sdk-v2-chainable.ts`)',
    bundlePath: bench('sdk-v2-chainable.js'),
    invocation: 'bench-event',
    credentials: 'execution',
    env: { AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
  },
  direct: {
    id: 'direct',
    label: 'direct (same account)',
    json: 'direct',
    description: "no role assumption: a module-scope PinpointClient on the execution environment's own credentials, which are valid in the app's account (`bench/baselines/direct-client.ts`); the floor",
    bundlePath: bench('direct-client.js'),
    invocation: 'bench-event',
    credentials: 'target',
  },
  awsLite: {
    id: 'awsLite',
    label: 'aws-lite, static credentials',
    json: 'aws-lite',
    description:
      'a minimal client (`@aws-lite/client`, no SDK): one AssumeRole at init, its static credentials for every invocation, no renewal (`bench/baselines/aws-lite-static.ts`); the floor for a function that signs its own requests',
    bundlePath: bench('aws-lite-static.js'),
    invocation: 'bench-event',
    credentials: 'execution',
  },
  fanout: {
    id: 'fanout',
    label: 'runtime fan-out',
    description:
      'the runtime with `BENCH_CLIENTS_PER_TARGET` Pinpoint clients on every target, each invocation calling GetEndpoint through every client of every target (`bench/baselines/runtime-fanout.ts`, bundled like the shipped functions); counts AssumeRole calls only',
    bundlePath: bench('runtime-fanout.js'),
    invocation: 'bench-event',
    credentials: 'execution',
  },
};

export const allApproachIds = Object.keys(approaches) as ApproachId[];

/** The approaches of docs/benchmarks.json, in its order. */
export const jsonApproaches: readonly Approach[] = allApproachIds.map((id) => approaches[id]).filter((a) => a.json !== undefined);
