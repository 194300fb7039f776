/**
 * examples/customer-profiles on the local stack, source root first (order B):
 * the function is refused until the target root exists, then works without
 * being redeployed. Allowed: updateEndpoint + getEndpoint through the real
 * shipped bundle (dist/customer-profiles/index.js). Refused: the same role on
 * another domain (through the function), DeleteProfile and ListDomains with
 * the assumed target-role credentials.
 *
 * `deployScenario` is the run itself and hands back the live deployment (the
 * example's test drives it further: plan, contract parity); `scenario.run`
 * is what `make demo` calls.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CreateDomainCommand,
  CustomerProfilesClient,
  DeleteDomainCommand,
  DeleteProfileCommand,
  ListDomainsCommand,
  SearchProfilesCommand,
} from '@aws-sdk/client-customer-profiles';

import type { Scenario, ScenarioContext } from '../../../scripts/demo/scenario';
import { applyRoot, type AppliedRoot } from '../../../stack/src/apply-root';
import { startFunctionProcess, type FunctionProcess, type InvokeOutcome } from '../../../stack/src/function-process';
import { baseTerraformEnv, runTerraform } from '../../../stack/src/terraform-run';
import { assumeRole, awsErrorOf, onlyTarget, sampleEndpoint, withTargets, type TargetConfig } from '../../../stack/src/local-flow';
import type { Credentials } from '../../../stack/src/types';

/** Every name this scenario creates starts with `cprof-` (scenarios share one stack). */
export const NAMES = {
  functionName: 'cprof-endpoints',
  roleName: 'cprof-endpoints-target',
  domain: 'cprof-crm',
  otherDomain: 'cprof-crm-other',
  externalId: 'cprof-external-id-4d1e',
  region: 'eu-west-1',
  endpointId: 'cprof-demo-endpoint',
} as const;

export const BUNDLE = path.join(__dirname, '..', '..', '..', 'dist', 'customer-profiles', 'index.js');
const ROOTS = path.join('examples', 'customer-profiles');

export interface Deployment {
  source: AppliedRoot;
  target: AppliedRoot;
  /** the function's environment, as Terraform rendered it */
  env: Record<string, string>;
  targetName: string;
  targetConfig: TargetConfig;
  functionArn: string;
  executionRoleArn: string;
  /** the real bundle with `env` (default: the deployed one) and the execution role's credentials, bound to the function */
  startFunction(env?: Record<string, string>): Promise<FunctionProcess>;
  /** the target role's credentials, assumed as the function does */
  assumedCredentials(): Promise<Credentials>;
}

export function customerProfilesClient(endpoint: string, credentials: Credentials, region: string = NAMES.region): CustomerProfilesClient {
  return new CustomerProfilesClient({ endpoint, region, credentials, maxAttempts: 1 });
}

/** The function environment with every target pointed at another domain. */
export function withDomain(env: Record<string, string>, domain: string): Record<string, string> {
  return withTargets(env, (ts) => Object.fromEntries(Object.entries(ts).map(([k, t]) => [k, onDomain(t, domain)])));
}

export function onDomain(target: TargetConfig, domain: string): TargetConfig {
  return { ...target, settings: { ...target.settings, customerProfilesDomain: domain } };
}

const outcomeText = (o: InvokeOutcome): string => (o.error ? o.error.errorType : `status ${String((o.result as { status?: unknown })?.status)}`);

/** Runs the scenario's steps, reporting each; throws on the first failed step. Cleanup is registered with ctx.onCleanup. */
export async function deployScenario(ctx: ScenarioContext): Promise<Deployment> {
  const { stack } = ctx;
  const step = async <T>(title: string, fn: () => Promise<{ value: T; details?: string[] }>): Promise<T> => {
    const started = Date.now();
    try {
      const { value, details } = await fn();
      ctx.report({ passed: true, title, details, ms: Date.now() - started });
      return value;
    } catch (error) {
      ctx.report({ passed: false, title, details: [error instanceof Error ? error.message : String(error)], ms: Date.now() - started });
      throw error;
    }
  };
  const region = NAMES.region;
  const common = { region, log: ctx.log, signal: ctx.signal };
  const roots: AppliedRoot[] = [];
  const functions: FunctionProcess[] = [];

  // The target root is applied after the refusal below, but its `terraform init` (the provider
  // install, most of a run's time on a busy machine) needs no account: it runs now, beside the source apply.
  const targetDir = path.join(ROOTS, 'target');
  const targetWorkDir = await mkdtemp(path.join(os.tmpdir(), 'cprof-target-'));
  ctx.onCleanup(async () => {
    await Promise.all(functions.map((f) => f.stop().catch(() => undefined)));
    await Promise.all(roots.map((r) => r.destroy()));
    await rm(targetWorkDir, { recursive: true, force: true });
  });
  const targetInit = runTerraform(['init', '-input=false', '-no-color'], { dir: targetDir, env: baseTerraformEnv(targetWorkDir), log: ctx.log, signal: ctx.signal }).then(
    () => undefined,
    (error: unknown) => ctx.log(`early terraform init of ${targetDir} failed (applyRoot inits again): ${error instanceof Error ? error.message : String(error)}`),
  );

  const source = await step('source root applied first (shipped_function = "customer-profiles")', async () => {
    const root = await applyRoot(stack, {
      ...common,
      dir: path.join(ROOTS, 'source'),
      account: stack.accounts.source,
      vars: { region, function_name: NAMES.functionName, target_role_name: NAMES.roleName, target_region: region, domain_name: NAMES.domain, external_id: NAMES.externalId },
    });
    roots.push(root);
    return { value: root };
  });
  const env = source.outputs.environment_variables as Record<string, string>;
  const [targetName, targetConfig] = onlyTarget(env);
  const functionArn = source.output('function_arn');
  const executionRoleArn = source.output('execution_role_arn');
  const startFunction = async (fnEnv: Record<string, string> = env): Promise<FunctionProcess> => {
    const credentials = await stack.lambdaServiceCredentials(executionRoleArn, { durationSeconds: 3600, functionArn });
    const fn = await startFunctionProcess({ bundlePath: BUNDLE, env: fnEnv, credentials, stackEndpoint: stack.endpoint, region, functionName: NAMES.functionName, clockOffsetMs: stack.clock.offsetMs() });
    functions.push(fn);
    return fn;
  };
  const fn = await startFunction();
  const get = { operation: 'getEndpoint', target: targetName, endpointId: NAMES.endpointId };

  await step('before the target root: the function is refused (AssumeRoleDeniedError)', async () => {
    const out = await fn.invoke(get);
    if (out.error?.errorType !== 'AssumeRoleDeniedError') throw new Error(`expected AssumeRoleDeniedError, got ${outcomeText(out)}`);
    return { value: undefined };
  });

  const target = await step('target root applied (domain + customer_profiles preset)', async () => {
    await targetInit;
    const root = await applyRoot(stack, {
      ...common,
      dir: targetDir,
      workDir: targetWorkDir,
      account: stack.accounts.target,
      vars: { region, domain_name: NAMES.domain, role_name: NAMES.roleName, execution_role_name: NAMES.functionName, external_id: NAMES.externalId, default_expiration_days: 30 },
    });
    roots.push(root);
    return { value: root };
  });

  await step('same function, not redeployed: updateEndpoint + getEndpoint allowed', async () => {
    const update = await fn.invoke({ ...get, operation: 'updateEndpoint', endpoint: sampleEndpoint });
    if ((update.result as { status?: string } | undefined)?.status !== 'ok') throw new Error(`updateEndpoint: ${outcomeText(update)}`);
    const read = await fn.invoke(get);
    const endpoint = (read.result as { endpoint?: Record<string, unknown> } | undefined)?.endpoint;
    const same = endpoint && (['ChannelType', 'Address', 'OptOut'] as const).every((k) => endpoint[k] === sampleEndpoint[k]);
    if (!same) throw new Error(`getEndpoint did not read the update back: ${outcomeText(read)}`);
    return { value: undefined, details: [`update ${update.durationMs} ms, get ${read.durationMs} ms`] };
  });

  const operator = customerProfilesClient(stack.endpoint, await stack.operatorCredentials(stack.accounts.target));
  await operator.send(new CreateDomainCommand({ DomainName: NAMES.otherDomain, DefaultExpirationDays: 30 }));
  ctx.onCleanup(async () => {
    const cleaner = customerProfilesClient(stack.endpoint, await stack.operatorCredentials(stack.accounts.target));
    await cleaner.send(new DeleteDomainCommand({ DomainName: NAMES.otherDomain }));
  });

  await step('the same role on another domain in the target account: AccessDeniedError', async () => {
    const other = await startFunction(withDomain(env, NAMES.otherDomain));
    const out = await other.invoke({ ...get, operation: 'updateEndpoint', endpoint: sampleEndpoint });
    if (out.error?.errorType !== 'AccessDeniedError') throw new Error(`expected AccessDeniedError, got ${outcomeText(out)}`);
    return { value: undefined };
  });

  const assumedCredentials = async (): Promise<Credentials> => {
    const credentials = await stack.lambdaServiceCredentials(executionRoleArn, { durationSeconds: 3600, functionArn });
    return assumeRole(stack.endpoint, credentials, targetConfig.roleArn, { externalId: NAMES.externalId });
  };

  await step('assumed target-role credentials: SearchProfiles allowed, DeleteProfile and ListDomains refused', async () => {
    const client = customerProfilesClient(stack.endpoint, await assumedCredentials());
    const found = await client.send(new SearchProfilesCommand({ DomainName: NAMES.domain, KeyName: 'pinpointEndpointId', Values: [NAMES.endpointId] }));
    const profileId = found.Items?.[0]?.ProfileId;
    if (!profileId) throw new Error('SearchProfiles found no profile for the endpoint');
    const refusals: string[] = [];
    for (const [name, call] of [
      ['DeleteProfile', () => client.send(new DeleteProfileCommand({ DomainName: NAMES.domain, ProfileId: profileId }))],
      ['ListDomains', () => client.send(new ListDomainsCommand({}))],
    ] as const) {
      const refused = await call().then(() => undefined, (e: unknown) => awsErrorOf(e));
      if (!refused || refused.status !== 403) throw new Error(`${name} was not refused with 403 (${refused?.name ?? 'it succeeded'})`);
      refusals.push(`${name}: ${refused.name} ${refused.status}`);
    }
    return { value: undefined, details: refusals };
  });

  return { source, target, env, targetName, targetConfig, functionArn, executionRoleArn, startFunction, assumedCredentials };
}

export const scenario: Scenario = {
  name: 'customer-profiles',
  proves:
    'the Pinpoint endpoint job on Customer Profiles: shipped bundle + customer_profiles preset, source root first (refused until the target exists), other domain / DeleteProfile / ListDomains refused',
  run: async (ctx) => {
    await deployScenario(ctx);
  },
};
