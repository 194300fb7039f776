/**
 * Applies one Terraform root (an example's `target/` or `source/`) into ONE
 * account of the local stack, the way a user applies it into one AWS account:
 * the root's provider block is the plain one users copy (region only); the
 * account's credentials, region and the stack's endpoint arrive as the
 * standard environment variables (AWS_ACCESS_KEY_ID…, AWS_REGION,
 * AWS_ENDPOINT_URL), which the AWS provider honours. Each call gets its own
 * TF_DATA_DIR and state, so roots can be applied in any order and in parallel.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { baseTerraformEnv, outputValues, runTerraform } from './terraform-run';
import type { LocalStack } from './types';

type StackForRoots = Pick<LocalStack, 'endpoint' | 'operatorCredentials'>;

export interface ApplyRootOptions {
  /** the root module, relative to the repository root (e.g. examples/forwarder/target) */
  dir: string;
  /** the account the root is applied into (a LocalStack.accounts value) */
  account: string;
  region?: string;
  /** input variables; non-strings are JSON-encoded (TF_VAR_<name>) */
  vars?: Record<string, unknown>;
  /** where TF_DATA_DIR and the state go; default: a fresh temporary directory, removed by destroy() */
  workDir?: string;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface AppliedRoot {
  readonly dir: string;
  readonly account: string;
  /** terraform outputs (values only) after the last apply */
  outputs: Record<string, unknown>;
  /** a string output, or an error naming the root and the output */
  output(name: string): string;
  /** terraform apply again (extra arguments, e.g. -replace=…); refreshes `outputs` */
  apply(extraArgs?: string[]): Promise<string>;
  /** plan against the applied state: `changes` false when nothing would change */
  plan(): Promise<{ changes: boolean; output: string }>;
  /** terraform destroy, then removes the work directory when it was a temporary one; idempotent */
  destroy(): Promise<void>;
}

function tfVars(vars: Record<string, unknown>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) continue;
    env[`TF_VAR_${name}`] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return env;
}

/** terraform init + apply of `opts.dir` into `opts.account`; on failure destroys what was made and rethrows. */
export async function applyRoot(stack: StackForRoots, opts: ApplyRootOptions): Promise<AppliedRoot> {
  const region = opts.region ?? 'us-east-1';
  const ownDir = !opts.workDir;
  const workDir = opts.workDir ?? (await mkdtemp(path.join(os.tmpdir(), 'xacct-root-')));
  const stateArgs = [`-state=${path.join(workDir, 'terraform.tfstate')}`];
  const base: NodeJS.ProcessEnv = { ...baseTerraformEnv(workDir), ...tfVars(opts.vars ?? {}) };
  // Operator sessions expire: fresh credentials for every run.
  const env = async (): Promise<NodeJS.ProcessEnv> => {
    const c = await stack.operatorCredentials(opts.account);
    return {
      ...base,
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
      AWS_SESSION_TOKEN: c.sessionToken ?? '',
      AWS_REGION: region,
      AWS_ENDPOINT_URL: stack.endpoint,
    };
  };
  const run = async (args: string[], okCodes?: number[], signal = opts.signal): Promise<string> =>
    runTerraform(args, { dir: opts.dir, env: await env(), log: opts.log, signal, okCodes });
  const readOutputs = async (): Promise<Record<string, unknown>> => outputValues(await run(['output', '-json', ...stateArgs]));

  let destroyed = false;
  const root: AppliedRoot = {
    dir: opts.dir,
    account: opts.account,
    outputs: {},
    output(name) {
      const value = root.outputs[name];
      if (typeof value !== 'string' || value === '') throw new Error(`${opts.dir}: terraform output ${name} is missing or not a string`);
      return value;
    },
    async apply(extraArgs = []) {
      const out = await run(['apply', '-auto-approve', '-input=false', '-no-color', ...stateArgs, ...extraArgs]);
      root.outputs = await readOutputs();
      return out;
    },
    async plan() {
      const output = await run(['plan', '-detailed-exitcode', '-input=false', '-no-color', '-lock=false', ...stateArgs], [0, 2]);
      return { changes: output.endsWith('[exit 2: changes]'), output };
    },
    async destroy() {
      if (destroyed) return;
      // Not tied to opts.signal: after an interrupt, what was applied is still destroyed.
      // -refresh=false: the state is what this run applied; re-reading every resource first only costs time.
      await run(['destroy', '-auto-approve', '-input=false', '-no-color', '-refresh=false', ...stateArgs], undefined, undefined);
      destroyed = true;
      if (ownDir) await rm(workDir, { recursive: true, force: true });
    },
  };

  try {
    await run(['init', '-input=false', '-no-color']);
    await root.apply();
  } catch (err) {
    if (!opts.signal?.aborted) await root.destroy().catch(() => undefined);
    if (ownDir) await rm(workDir, { recursive: true, force: true });
    throw err;
  }
  return root;
}
