/**
 * Applies examples/local into the local stack's source and target accounts
 * with Terraform (through scripts/terraform.sh) and hands back what the
 * function needs. Every run gets its own work directory for TF_DATA_DIR and
 * the state, so parallel runs cannot collide and nothing is written into the
 * repository besides Terraform's dependency lock file (git-ignored).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { baseTerraformEnv, outputValues, repoRoot, runTerraform as run } from './terraform-run';
import type { Credentials, LocalStack } from './types';

export { TerraformError } from './terraform-run';

export interface Provisioned {
  /** From the source-lambda module's `environment_variables` output. */
  functionEnvironment: Record<string, string>;
  functionName: string;
  /** The function's ARN: pass it to LocalStack.lambdaServiceCredentials, as Lambda binds its credentials to it. */
  functionArn: string;
  executionRoleArn: string;
  targetRoleArn: string;
  targetRoleName: string;
  /** The app the target role grants access to. */
  pinpointAppId: string;
  /** A second app in the target account, outside the grant (refusal tests). */
  otherPinpointAppId: string;
  /** The target's key in CROSS_ACCOUNT_TARGETS. */
  targetName: string;
  logGroupName: string;
  region: string;
  externalId?: string;
  /** All terraform outputs (values only). */
  outputs: Record<string, unknown>;
  tfStateDir: string;
  /** terraform apply again with extra arguments (e.g. `-replace=<address>`); resolves with Terraform's output. */
  apply(extraArgs?: string[]): Promise<string>;
  /** terraform plan against the applied state: `changes` is false when what the provider reads back matches the config. */
  plan(): Promise<{ changes: boolean; output: string }>;
  /** terraform destroy, then removes the work directory. Idempotent. */
  destroy(): Promise<void>;
}

export interface ProvisionOptions {
  externalId?: string;
  /** Where TF_DATA_DIR and the state go; default: a fresh temporary directory. */
  workDir?: string;
  region?: string;
  /** Prefix of every created name (function, roles, log group). */
  namePrefix?: string;
  /** Lifetime the function asks for on AssumeRole (900..3600, default 900). */
  sessionDurationSeconds?: number;
  /** Deployment package (default dist/function.zip). */
  packagePath?: string;
  /** Terraform's output lines, for progress reporting (never contains credentials). */
  log?: (line: string) => void;
  /** Aborting stops a running Terraform (SIGTERM, so it shuts its providers down) and rejects. */
  signal?: AbortSignal;
}

type StackForProvisioning = Pick<LocalStack, 'endpoint' | 'accounts' | 'operatorCredentials' | 'createPinpointApp'>;

const exampleDir = path.join('examples', 'local');

function credentialsVar(c: Credentials): string {
  return JSON.stringify({ access_key: c.accessKeyId, secret_key: c.secretAccessKey, token: c.sessionToken ?? null });
}

function stringOutput(outputs: Record<string, unknown>, name: string): string {
  const value = outputs[name];
  if (typeof value !== 'string' || value === '') throw new Error(`terraform output ${name} is missing or not a string`);
  return value;
}

export async function provisionLocal(stack: StackForProvisioning, opts: ProvisionOptions = {}): Promise<Provisioned> {
  const region = opts.region ?? 'us-east-1';
  const workDir = opts.workDir ?? (await mkdtemp(path.join(os.tmpdir(), 'xacct-local-')));
  const statePath = path.join(workDir, 'terraform.tfstate');
  const { source, target } = stack.accounts;

  // Pinpoint apps first: the provider cannot create them against the emulator.
  const pinpointAppId = await stack.createPinpointApp(target, region, `${opts.namePrefix ?? 'local-demo'}-app`);
  const otherPinpointAppId = await stack.createPinpointApp(target, region, `${opts.namePrefix ?? 'local-demo'}-other-app`);

  const baseEnv: NodeJS.ProcessEnv = {
    ...baseTerraformEnv(workDir),
    TF_VAR_endpoint: stack.endpoint,
    TF_VAR_region: region,
    TF_VAR_source_account_id: source,
    TF_VAR_target_account_id: target,
    TF_VAR_pinpoint_app_id: pinpointAppId,
    TF_VAR_external_id: opts.externalId,
    TF_VAR_name_prefix: opts.namePrefix ?? 'local-demo',
    TF_VAR_session_duration_seconds: String(opts.sessionDurationSeconds ?? 900),
    TF_VAR_package_path: path.resolve(opts.packagePath ?? path.join(repoRoot, 'dist', 'function.zip')),
  };
  for (const key of Object.keys(baseEnv)) if (baseEnv[key] === undefined) delete baseEnv[key];

  // Operator sessions expire; fetch fresh ones for every Terraform run.
  const envWithCredentials = async (): Promise<NodeJS.ProcessEnv> => ({
    ...baseEnv,
    TF_VAR_source_credentials: credentialsVar(await stack.operatorCredentials(source)),
    TF_VAR_target_credentials: credentialsVar(await stack.operatorCredentials(target)),
  });
  const stateArgs = [`-state=${statePath}`];
  const runTerraform = (args: string[], env: NodeJS.ProcessEnv, log?: (line: string) => void, signal?: AbortSignal, okCodes?: number[]): Promise<string> =>
    run(args, { dir: exampleDir, env, log, signal, okCodes });

  let destroyed = false;
  const destroy = async (): Promise<void> => {
    if (destroyed) return;
    // Not tied to opts.signal: after an interrupt, what was applied is still destroyed.
    await runTerraform(['destroy', '-auto-approve', '-input=false', '-no-color', '-refresh=false', ...stateArgs], await envWithCredentials(), opts.log);
    destroyed = true;
    if (!opts.workDir) await rm(workDir, { recursive: true, force: true });
  };

  try {
    await runTerraform(['init', '-input=false', '-no-color'], baseEnv, opts.log, opts.signal);
    await runTerraform(['apply', '-auto-approve', '-input=false', '-no-color', ...stateArgs], await envWithCredentials(), opts.log, opts.signal);
  } catch (err) {
    // Leave nothing half-made behind (unless aborted: then the stack is going away anyway).
    if (!opts.signal?.aborted) await destroy().catch(() => undefined);
    if (!opts.workDir) await rm(workDir, { recursive: true, force: true });
    throw err;
  }
  const outputs = outputValues(await runTerraform(['output', '-json', ...stateArgs], baseEnv));

  const environment = outputs.function_environment;
  if (!environment || typeof environment !== 'object') throw new Error('terraform output function_environment is missing');

  return {
    functionEnvironment: Object.fromEntries(Object.entries(environment as Record<string, unknown>).map(([k, v]) => [k, String(v)])),
    functionName: stringOutput(outputs, 'function_name'),
    functionArn: stringOutput(outputs, 'function_arn'),
    executionRoleArn: stringOutput(outputs, 'execution_role_arn'),
    targetRoleArn: stringOutput(outputs, 'target_role_arn'),
    targetRoleName: stringOutput(outputs, 'target_role_name'),
    targetName: stringOutput(outputs, 'target_name'),
    logGroupName: stringOutput(outputs, 'log_group_name'),
    pinpointAppId,
    otherPinpointAppId,
    region,
    externalId: opts.externalId,
    outputs,
    tfStateDir: workDir,
    async apply(extraArgs = []) {
      return runTerraform(
        ['apply', '-auto-approve', '-input=false', '-no-color', ...stateArgs, ...extraArgs],
        await envWithCredentials(),
        opts.log,
        opts.signal,
      );
    },
    async plan() {
      const output = await runTerraform(
        ['plan', '-detailed-exitcode', '-input=false', '-no-color', '-lock=false', ...stateArgs],
        await envWithCredentials(),
        undefined,
        opts.signal,
        [0, 2],
      );
      return { changes: output.endsWith('[exit 2: changes]'), output };
    },
    destroy,
  };
}
