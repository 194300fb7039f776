/**
 * `make demo`: the cross-account flow end to end on this machine, no AWS
 * account needed. Starts the local stack (moto + the IAM-enforcing gateway),
 * applies examples/local into its source and target accounts with Terraform,
 * runs the REAL function bundle (dist/index.js) with the environment Terraform
 * gave the function and the execution role's credentials, then shows what must
 * work and what must be refused. Destroys and stops everything, also on
 * failure or Ctrl-C. Exit status 0 only when every step came out as expected.
 *
 * Never prints credentials or endpoint addresses.
 */
import { DeleteEndpointCommand } from '@aws-sdk/client-pinpoint';

import { startFunctionProcess, type FunctionProcess } from '../stack/src/function-process';
import { startLocalStack } from '../stack/src/index';
import { assumeRole, awsErrorOf, onlyTarget, pinpointClient, sampleEndpoint, withPinpointApp, withTargets } from '../stack/src/local-flow';
import { provisionLocal, type Provisioned } from '../stack/src/provision';
import type { LocalStack } from '../stack/src/types';

// The SDK's notice about future Node versions is not part of the demo.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ok = '\u2714';
const bad = '\u2718';
let failures = 0;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function report(passed: boolean, title: string, details: string[] = [], ms?: number): void {
  if (!passed) failures += 1;
  console.log(`${passed ? ok : bad} ${title}${ms === undefined ? '' : `  (${seconds(ms)})`}`);
  for (const line of details) console.log(`    ${line}`);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  const value = await fn();
  return [value, Date.now() - started];
}

function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

const resources: { stack?: LocalStack; provisioned?: Provisioned; provisioning?: Promise<unknown>; functions: FunctionProcess[] } = { functions: [] };
const abort = new AbortController();
let cleaning: Promise<void> | undefined;

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    // A Terraform apply still in flight (aborted by a signal) has stopped before the stack goes.
    await resources.provisioning?.catch(() => undefined);
    for (const fn of resources.functions) await fn.stop().catch(() => undefined);
    if (resources.provisioned) {
      try {
        const [, ms] = await timed(() => resources.provisioned!.destroy());
        report(true, 'terraform destroy complete (both accounts)', [], ms);
      } catch (err) {
        report(false, 'terraform destroy failed', [describeError(err)]);
      }
    }
    await resources.stack?.stop().catch(() => undefined);
  })();
  return cleaning;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  // `on`, not `once`: the listener must stay registered while cleanup runs, so a
  // second Ctrl-C does not kill the process half-way and the stack's own signal
  // hook sees that someone else is cleaning up.
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.log(`\n${bad} interrupted (${signal}); cleaning up`);
    // Stops a Terraform run in flight; resources it finished are still destroyed.
    abort.abort();
    void cleanUp().finally(() => process.exit(130));
  });
}

async function run(): Promise<void> {
  console.log('Cross-account Lambda -> Pinpoint, on a local AWS stack (moto + IAM-enforcing gateway)\n');

  const [stack, stackMs] = await timed(() => startLocalStack());
  resources.stack = stack;
  const { source, target } = stack.accounts;
  report(true, `local stack up: source account ${source}, target account ${target}`, [], stackMs);

  const provisioning = timed(() => provisionLocal(stack, { signal: abort.signal }));
  resources.provisioning = provisioning;
  const [provisioned, provisionMs] = await provisioning;
  resources.provisioned = provisioned;
  report(
    true,
    'terraform apply examples/local: modules/source-lambda in the source account, modules/target-role in the target account',
    [
      `function ${provisioned.functionName}, execution role ${provisioned.executionRoleArn}`,
      `target role ${provisioned.targetRoleArn} (GetEndpoint/UpdateEndpoint on app ${provisioned.pinpointAppId} only)`,
    ],
    provisionMs,
  );

  // What the Lambda service does before the first invocation: a session of the execution role.
  const executionCredentials = await stack.lambdaServiceCredentials(provisioned.executionRoleArn, { functionArn: provisioned.functionArn });
  const fn = await startFunctionProcess({
    env: provisioned.functionEnvironment,
    credentials: executionCredentials,
    stackEndpoint: stack.endpoint,
    region: provisioned.region,
    functionName: provisioned.functionName,
  });
  resources.functions.push(fn);
  const [targetName, targetConfig] = onlyTarget(provisioned.functionEnvironment);
  const endpointId = 'user-42-phone';

  // 1. Update through the function.
  const update = await fn.invoke({ operation: 'updateEndpoint', target: targetName, endpointId, endpoint: sampleEndpoint });
  const updated = (update.result as { status?: string } | undefined)?.status === 'ok';
  report(
    updated,
    `function updateEndpoint ${endpointId} in app ${provisioned.pinpointAppId} (account ${target})`,
    [updated ? 'status ok: the function assumed the target role and wrote the endpoint' : `unexpected: ${JSON.stringify(update.error ?? update.result)}`],
    update.durationMs,
  );

  // 2. Read it back through the function.
  const get = await fn.invoke({ operation: 'getEndpoint', target: targetName, endpointId });
  const got = get.result as { status?: string; endpoint?: { ChannelType?: string; OptOut?: string; Address?: string } } | undefined;
  const matches =
    got?.status === 'ok' &&
    got.endpoint?.ChannelType === sampleEndpoint.ChannelType &&
    got.endpoint?.OptOut === sampleEndpoint.OptOut &&
    got.endpoint?.Address === sampleEndpoint.Address;
  report(
    matches,
    `function getEndpoint ${endpointId}: read back what was written`,
    [matches ? `ChannelType ${got?.endpoint?.ChannelType}, OptOut ${got?.endpoint?.OptOut}, address matches (not shown)` : `unexpected: ${get.error ? `${get.error.errorType}: ${get.error.errorMessage}` : `status ${got?.status}`}`],
    get.durationMs,
  );

  // 3. An operation outside the grant, with the very credentials the function holds.
  const assumed = await assumeRole(stack.endpoint, executionCredentials, targetConfig.roleArn, {
    externalId: targetConfig.externalId,
    sessionName: `${provisioned.functionName}@${targetName}`,
  });
  try {
    await pinpointClient(stack.endpoint, assumed, targetConfig.region).send(
      new DeleteEndpointCommand({ ApplicationId: provisioned.pinpointAppId, EndpointId: endpointId }),
    );
    report(false, 'DeleteEndpoint with the assumed target-role credentials was ALLOWED (the grant is too wide)');
  } catch (err) {
    const { name, status } = awsErrorOf(err);
    report(status === 403, 'DeleteEndpoint with the assumed target-role credentials: refused', [`Pinpoint answered ${name} (HTTP ${status ?? '?'}): the role grants GetEndpoint/UpdateEndpoint only`]);
  }

  // 4. Another app in the same target account, through the function.
  const otherEnv = withTargets(provisioned.functionEnvironment, (targets) => ({
    ...targets,
    'other-app': withPinpointApp(targetConfig, provisioned.otherPinpointAppId),
  }));
  const other = await startFunctionProcess({
    env: otherEnv,
    credentials: executionCredentials,
    stackEndpoint: stack.endpoint,
    region: provisioned.region,
    functionName: provisioned.functionName,
  });
  resources.functions.push(other);
  const otherUpdate = await other.invoke({ operation: 'updateEndpoint', target: 'other-app', endpointId, endpoint: sampleEndpoint });
  const refused = otherUpdate.error?.errorType === 'AccessDeniedError';
  report(
    refused,
    `function updateEndpoint in another app (${provisioned.otherPinpointAppId}) of the target account: refused`,
    [refused ? 'AccessDeniedError from Pinpoint: the role is scoped to one app' : `unexpected: ${JSON.stringify(otherUpdate.error ?? otherUpdate.result)}`],
    otherUpdate.durationMs,
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  try {
    await run();
  } catch (err) {
    report(false, 'demo aborted', [describeError(err)]);
  } finally {
    await cleanUp();
  }
  console.log(
    failures === 0
      ? `\n${ok} all steps as expected (${seconds(Date.now() - started)})`
      : `\n${bad} ${failures} step(s) failed (${seconds(Date.now() - started)})`,
  );
  process.exitCode = failures === 0 ? 0 : 1;
}

void main();
