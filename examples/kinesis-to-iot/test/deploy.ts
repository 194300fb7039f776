/**
 * Applies the example's two roots into the stack's source and target accounts
 * (names from one prefix, so several deployments share a stack) and runs the
 * real bundle as the function the source root created.
 */
import path from 'node:path';
import { applyRoot, type AppliedRoot } from '../../../stack/src/apply-root';
import { startFunctionProcess, type FunctionProcess } from '../../../stack/src/function-process';
import type { LocalStack } from '../../../stack/src/types';

export const REGION = 'us-east-1';
export const BUNDLE = path.resolve(__dirname, '../../../dist/examples/kinesis-to-iot/index.js');
const PACKAGE = path.resolve(__dirname, '../../../dist/examples/kinesis-to-iot/function.zip');

export interface Names {
  function_name: string;
  stream_name: string;
  failure_queue_name: string;
  role_name: string;
  topic_prefix: string;
}

export function names(prefix: string): Names {
  return {
    function_name: `${prefix}-fn`,
    stream_name: `${prefix}-stream`,
    failure_queue_name: `${prefix}-failures`,
    role_name: `${prefix}-publisher`,
    topic_prefix: `${prefix}/telemetry`,
  };
}

export interface RootOptions {
  prefix: string;
  /** extra variables of the source root (batch_size, maximum_retry_attempts, …) */
  sourceVars?: Record<string, unknown>;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export function applyTarget(stack: LocalStack, opts: RootOptions): Promise<AppliedRoot> {
  const n = names(opts.prefix);
  return applyRoot(stack, {
    dir: 'examples/kinesis-to-iot/target',
    account: stack.accounts.target,
    region: REGION,
    vars: { region: REGION, account_id: stack.accounts.target, source_account_id: stack.accounts.source, function_name: n.function_name, execution_role_name: n.function_name, role_name: n.role_name, topic_prefix: n.topic_prefix },
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

export function applySource(stack: LocalStack, opts: RootOptions): Promise<AppliedRoot> {
  const n = names(opts.prefix);
  return applyRoot(stack, {
    dir: 'examples/kinesis-to-iot/source',
    account: stack.accounts.source,
    region: REGION,
    vars: {
      region: REGION,
      account_id: stack.accounts.source,
      target_account_id: stack.accounts.target,
      target_region: REGION,
      function_name: n.function_name,
      stream_name: n.stream_name,
      failure_queue_name: n.failure_queue_name,
      target_role_name: n.role_name,
      topic_prefix: n.topic_prefix,
      package_path: PACKAGE,
      ...opts.sourceVars,
    },
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

/** The function the source root created, running the real bundle with its execution role's credentials. */
export async function startFunction(stack: LocalStack, source: AppliedRoot, env: Record<string, string> = {}): Promise<FunctionProcess> {
  const functionArn = source.output('function_arn');
  return startFunctionProcess({
    bundlePath: BUNDLE,
    env: { ...(source.outputs.environment_variables as Record<string, string>), ...env },
    credentials: await stack.lambdaServiceCredentials(source.output('execution_role_arn'), { functionArn }),
    stackEndpoint: stack.endpoint,
    functionName: source.output('function_name'),
    region: REGION,
    timeoutMs: 60_000,
  });
}
