/**
 * Fresh execution environments for the functions measured on their own
 * deployment: a new execution-role session per environment (as Lambda hands
 * one to each), then the real bundle with the environment Terraform rendered.
 */
import { startFunctionProcess } from '../../../stack/src/function-process';
import type { AppliedRoot } from '../../../stack/src/apply-root';
import type { LocalStack } from '../../../stack/src/types';
import type { StartedFunction } from './types';

export interface SourceFunction {
  bundlePath: string;
  /** The applied source root: outputs execution_role_arn, function_arn, function_name, environment_variables. */
  source: AppliedRoot;
  region: string;
  /** Added to the deployed environment. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

let sessions = 0;

export async function startFresh(stack: LocalStack, fn: SourceFunction): Promise<StartedFunction> {
  const functionName = fn.source.output('function_name');
  const credentials = await stack.lambdaServiceCredentials(fn.source.output('execution_role_arn'), {
    durationSeconds: 3600,
    functionArn: fn.source.output('function_arn'),
    sessionName: `bench-${functionName}-${++sessions}`,
  });
  const started = performance.now();
  const process = await startFunctionProcess({
    bundlePath: fn.bundlePath,
    env: { ...(fn.source.outputs.environment_variables as Record<string, string>), ...fn.env },
    credentials,
    stackEndpoint: stack.endpoint,
    clockOffsetMs: stack.clock.offsetMs(),
    region: fn.region,
    functionName,
    ...(fn.timeoutMs !== undefined && { timeoutMs: fn.timeoutMs }),
  });
  return { process, accessKeyId: credentials.accessKeyId, initMs: performance.now() - started };
}
