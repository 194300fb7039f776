/**
 * A function measured on a deployment of its own (issue 16's invocation
 * figures for the functions that do not serve the bench's Pinpoint
 * getEndpoint event): its example's Terraform roots applied into the bench
 * stack, the real bundle run as Lambda would, one event it serves, and how to
 * tell that an invocation did its job.
 */
import type { AppliedRoot } from '../../../stack/src/apply-root';
import type { FunctionProcess, InvokeOutcome } from '../../../stack/src/function-process';
import type { LocalStack } from '../../../stack/src/types';

export interface StartedFunction {
  process: FunctionProcess;
  /** The access key of the execution-role session it runs with (its STS calls are counted by it). */
  accessKeyId: string;
  /** Spawn to handler-ready, ms. */
  initMs: number;
}

export interface DeployedFunction {
  /** The example's source root as applied (the function, its execution role, its environment). */
  source: AppliedRoot;
  /** A fresh execution environment: a new execution-role session, the real bundle, the deployed environment. */
  start(): Promise<StartedFunction>;
  /** The event of the i-th invocation (each may differ: a new message, a new batch). */
  event(i: number): unknown;
  /** undefined when the invocation did its job; otherwise a short name of what went wrong. */
  failure(outcome: InvokeOutcome): string | undefined;
}

export interface OwnDeployment {
  /** What one invocation does, for the page. */
  workload: string;
  /** Stack services one invocation calls; each answers after the run's service latency. */
  services: readonly string[];
  /** Applies the example's roots into the stack's accounts (names from `prefix`) and prepares the event. */
  deploy(stack: LocalStack, opts: { prefix: string; log: (line: string) => void }): Promise<DeployedFunction>;
}
