/**
 * The packed-tarball consumer test (`make test-consumer`): the way a user in
 * another repository gets the runtime. `npm pack` the package, `npm install` the
 * tarball into an empty folder (dependencies from the npm cache or registry), then
 * a consumer handler (fixture/handler.ts) that imports `cross-account-lambda`:
 * typechecks under strict, bundles with the package's own bin
 * (`cross-account-lambda bundle`), and runs: against a local fake of STS (counting
 * AssumeRole calls and reading the SourceIdentity sent), then against the local
 * stack (IAM-enforced: a target role in another account, trusted as
 * modules/target-role trusts, and credentials bound to the function as Lambda binds them).
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { startLocalStack } from '../../../stack/src/local-stack';
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

    /** Runs the bundled handler twice at once in a fresh process with `env`; returns the first result. */
    const invokeBundle = async (env: Record<string, string | undefined>): Promise<Record<string, unknown>> => {
      const script =
        `const { handler } = require(${JSON.stringify(path.join(app, 'dist/index.js'))});` +
        'Promise.all([handler(), handler()]).then((r) => console.log(JSON.stringify(r[0])), (e) => { console.error(e); process.exit(1); });';
      const output = await new Promise<string>((resolve, reject) => {
        // Asynchronous: the fake (or the stack) answers from this process while the bundle runs in the child.
        execFile(process.execPath, ['-e', script], { env, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
      });
      return JSON.parse(output.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
    };
    const functionEnv = (endpoint: string, roleArn: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }) => ({
      ...process.env,
      AWS_REGION: 'eu-central-1',
      AWS_LAMBDA_FUNCTION_NAME: 'consumer-fn',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      AWS_ENDPOINT_URL: endpoint,
      AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1',
      CROSS_ACCOUNT_TARGETS: JSON.stringify({ analytics: { roleArn, region: 'eu-west-1', settings: { greeting: 'hello' } } }),
    });

    const fake = await startFakeAws();
    try {
      const masterCredentials = { accessKeyId: 'AKIAMASTEREXAMPLE', secretAccessKey: 'master-secret', sessionToken: 'master-token' };
      const result = await invokeBundle(functionEnv(fake.url, 'arn:aws:iam::222222222222:role/app', masterCredentials));
      check(result.account === '222222222222', 'the bundled handler calls STS GetCallerIdentity with the assumed role');
      check(result.greeting === 'hello', 'setting() reads the target settings');
      check(String(result.unknownTarget).includes('unknown target "nope"'), 'an unknown target is an UnknownTargetError');
      check(fake.assumeRoles.length === 1, 'two invocations, one AssumeRole');
      check(fake.sourceIdentities[0] === 'consumer-fn', 'SourceIdentity is the function name');
    } finally {
      await fake.close();
    }

    const stack = await startLocalStack();
    try {
      const { source, target: targetAccount } = stack.accounts;
      const execRoleArn = `arn:aws:iam::${source}:role/consumer-fn`;
      const functionArn = `arn:aws:lambda:eu-central-1:${source}:function:consumer-fn`;
      const targetRoleArn = `arn:aws:iam::${targetAccount}:role/consumer-target`;
      const iam = async (account: string) =>
        new IAMClient({ region: 'us-east-1', endpoint: stack.endpoint, credentials: await stack.operatorCredentials(account) });
      const sourceIam = await iam(source);
      await sourceIam.send(new CreateRoleCommand({
        RoleName: 'consumer-fn',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      }));
      await sourceIam.send(new PutRolePolicyCommand({
        RoleName: 'consumer-fn',
        PolicyName: 'assume-target',
        // As modules/source-lambda writes it: only from inside this function.
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'], Resource: targetRoleArn, Condition: { ArnEquals: { 'lambda:SourceFunctionArn': functionArn } } }],
        }),
      }));
      // The target role's trust as modules/target-role writes it: the source root narrowed to the execution role.
      const narrowed = { ArnEquals: { 'aws:PrincipalArn': execRoleArn } };
      await (await iam(targetAccount)).send(new CreateRoleCommand({
        RoleName: 'consumer-target',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: ['sts:AssumeRole', 'sts:SetSourceIdentity'].map((Action) => ({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${source}:root` }, Action, Condition: narrowed })),
        }),
      }));
      const credentials = await stack.lambdaServiceCredentials(execRoleArn, { functionArn });
      const before = stack.requests.count({ service: 'sts', action: 'AssumeRole', status: 200 });
      const result = await invokeBundle(functionEnv(stack.endpoint, targetRoleArn, credentials));
      check(result.account === targetAccount, `on the local stack: the handler reaches account ${targetAccount} through the assumed role (IAM enforced)`);
      check(stack.requests.count({ service: 'sts', action: 'AssumeRole', status: 200 }) - before === 1, 'on the local stack: two invocations, one AssumeRole');
    } finally {
      await stack.stop();
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
