/**
 * The packed-tarball consumer test (`make test-consumer`): the way a user in
 * another repository gets the runtime. `npm pack` the package, `npm install` the
 * tarball into an empty folder (dependencies from the npm cache or registry), then
 * a consumer handler (fixture/handler.ts) that imports `cross-account-lambda`:
 * typechecks under strict, bundles with the package's own bin
 * (`cross-account-lambda bundle`), and runs against a local fake of STS.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeAws } from '../core/fake-aws';

const lambdaDir = path.resolve(__dirname, '../..');
const root = path.resolve(lambdaDir, '..');

/** Runs a command; its output is shown only when it fails. */
function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** The version the repository itself is tested with, so the install can come from the npm cache. */
function lockedVersion(name: string): string {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json`);
  return `${name}@${version}`;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`consumer test: ${message}`);
  console.log(`ok  ${message}`);
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'cross-account-consumer-'));
  try {
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], lambdaDir)) as Array<{ filename: string }>;
    const tarball = path.join(work, packed[0]?.filename ?? '');
    const app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
    for (const file of ['handler.ts', 'tsconfig.json']) copyFileSync(path.join(__dirname, 'fixture', file), path.join(app, file));
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        tarball,
        lockedVersion('@aws-sdk/client-sts'),
        lockedVersion('esbuild'),
        lockedVersion('@types/node'),
      ],
      app,
    );
    const installed = JSON.parse(readFileSync(path.join(app, 'node_modules/cross-account-lambda/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    check(!Object.keys(installed.dependencies).some((d) => /client-(?!sts$)/.test(d)), 'the package depends on no service client');

    run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app);
    check(true, 'the consumer handler typechecks under strict (skipLibCheck off) against the shipped types');

    run('npx', ['--no-install', 'cross-account-lambda', 'bundle', 'handler.ts', '-o', 'dist/function.zip'], app);
    const first = readFileSync(path.join(app, 'dist/function.zip'));
    run('npx', ['--no-install', 'cross-account-lambda', 'bundle', 'handler.ts', '-o', 'dist2/function.zip'], app);
    check(first.equals(readFileSync(path.join(app, 'dist2/function.zip'))), 'npx cross-account-lambda bundle builds a reproducible zip');

    const fake = await startFakeAws();
    try {
      const env = {
        ...process.env,
        AWS_REGION: 'eu-central-1',
        AWS_LAMBDA_FUNCTION_NAME: 'consumer-fn',
        AWS_ACCESS_KEY_ID: 'AKIAMASTEREXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'master-secret',
        AWS_SESSION_TOKEN: 'master-token',
        AWS_ENDPOINT_URL: fake.url,
        AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1',
        CROSS_ACCOUNT_TARGETS: JSON.stringify({
          analytics: { roleArn: 'arn:aws:iam::222222222222:role/app', region: 'eu-west-1', settings: { greeting: 'hello' } },
        }),
      };
      const script =
        `const { handler } = require(${JSON.stringify(path.join(app, 'dist/index.js'))});` +
        'Promise.all([handler(), handler()]).then((r) => console.log(JSON.stringify(r[0])), (e) => { console.error(e); process.exit(1); });';
      const output = await new Promise<string>((resolve, reject) => {
        // Asynchronous: the fake answers from this process while the bundle runs in the child.
        execFile(process.execPath, ['-e', script], { env, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
      });
      const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
      check(result.account === '222222222222', 'the bundled handler calls STS GetCallerIdentity with the assumed role');
      check(result.greeting === 'hello', 'setting() reads the target settings');
      check(String(result.unknownTarget).includes('unknown target "nope"'), 'an unknown target is an UnknownTargetError');
      check(fake.assumeRoles.length === 1, 'two invocations, one AssumeRole');
      check(fake.sourceIdentities[0] === 'consumer-fn', 'SourceIdentity is the function name');
    } finally {
      await fake.close();
    }

    run('npm', ['publish', '--dry-run', '--ignore-scripts'], lambdaDir);
    check(true, 'npm publish --dry-run passes');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
