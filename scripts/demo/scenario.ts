/**
 * One example's end-to-end flow on the local stack, shared by `make demo`
 * (scripts/demo.ts runs every registered scenario concurrently on one stack,
 * or one with EXAMPLE=<name>) and by the example's own integration test.
 *
 * A scenario applies its example's roots into the stack's accounts
 * (stack/src/apply-root.ts), runs the example's real bundle
 * (dist/examples/<name>/index.js, stack/src/function-process.ts), reports at
 * least one allowed call and one refusal, and registers the cleanup of
 * everything it made (terraform destroy, function processes) with
 * `onCleanup`: the runner calls those in reverse order, also after a failure
 * or Ctrl-C. Scenarios never print credentials, payload values or endpoint
 * addresses.
 */
import type { LocalStack } from '../../stack/src/types';

export interface Check {
  passed: boolean;
  title: string;
  details?: string[];
  /** how long the step took */
  ms?: number;
}

export interface ScenarioContext {
  stack: LocalStack;
  /** aborted on Ctrl-C: pass it to applyRoot so Terraform stops */
  signal: AbortSignal;
  /** one outcome, printed under the example's name */
  report(check: Check): void;
  /** cleanup to run at the end (reverse registration order), also after a failure or an interrupt */
  onCleanup(fn: () => Promise<void>): void;
  /** progress lines (Terraform output…): kept for a failure report, not printed otherwise */
  log(line: string): void;
}

export interface Scenario {
  /** `make demo EXAMPLE=<name>` runs this one alone */
  name: string;
  /** the example's folder(s) under examples/ */
  dirs: string[];
  /** one line: what the run proves (the demo's summary) */
  proves: string;
  run(ctx: ScenarioContext): Promise<void>;
}
