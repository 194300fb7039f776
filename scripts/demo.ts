/**
 * `make demo`: every example end to end on this machine, no AWS account
 * needed. Starts one local stack (moto + the IAM-enforcing gateway), runs
 * every registered scenario (scripts/demo/scenarios.ts) concurrently on it —
 * each applies its example's Terraform roots into the stack's accounts, runs
 * the example's real bundle, and shows at least one allowed call and one
 * refusal — then destroys everything and stops the stack, also on failure or
 * Ctrl-C. `make demo EXAMPLE=<name>` runs one. Exit status 0 only when every
 * step of every scenario came out as expected.
 *
 * Never prints credentials, payload values or endpoint addresses.
 */
import { startLocalStack } from '../stack/src/index';
import type { LocalStack } from '../stack/src/types';
import type { Check, Scenario } from './demo/scenario';
import { scenarios } from './demo/scenarios';

// The SDK's notice about future Node versions is not part of the demo.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ok = '\u2714';
const bad = '\u2718';
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const describeError = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message.split('\n').slice(0, 12).join('\n    ')}` : String(err));

interface Outcome {
  scenario: Scenario;
  checks: Check[];
  cleanups: (() => Promise<void>)[];
  logTail: string[];
  ms: number;
}

function print(name: string, check: Check): void {
  console.log(`${check.passed ? ok : bad} [${name}] ${check.title}${check.ms === undefined ? '' : `  (${seconds(check.ms)})`}`);
  for (const line of check.details ?? []) console.log(`    ${line}`);
}

function selected(): readonly Scenario[] {
  const wanted = process.env.EXAMPLE?.trim();
  if (!wanted) return scenarios;
  const one = scenarios.filter((s) => s.name === wanted || s.dirs.includes(wanted));
  if (one.length === 0) {
    console.error(`make demo: EXAMPLE=${wanted} is not an example; one of: ${scenarios.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  return one;
}

const abort = new AbortController();
const outcomes: Outcome[] = [];
let stack: LocalStack | undefined;
let cleaning: Promise<void> | undefined;

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    // Scenarios clean up concurrently; within one, in reverse order of registration.
    await Promise.all(
      outcomes.map(async (o) => {
        for (const fn of [...o.cleanups].reverse()) {
          const started = Date.now();
          try {
            await fn();
          } catch (err) {
            o.checks.push({ passed: false, title: 'cleanup failed', details: [describeError(err)] });
            print(o.scenario.name, o.checks.at(-1)!);
            continue;
          }
          if (Date.now() - started > 2000) o.logTail.push(`cleanup step took ${seconds(Date.now() - started)}`);
        }
      }),
    );
    await stack?.stop().catch(() => undefined);
  })();
  return cleaning;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  // `on`, not `once`: a second Ctrl-C must not kill the process half-way through cleanup.
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.log(`\n${bad} interrupted (${signal}); destroying what was applied`);
    abort.abort();
    void cleanUp().finally(() => process.exit(130));
  });
}

async function runOne(s: LocalStack, scenario: Scenario): Promise<void> {
  const outcome: Outcome = { scenario, checks: [], cleanups: [], logTail: [], ms: 0 };
  outcomes.push(outcome);
  const started = Date.now();
  try {
    await scenario.run({
      stack: s,
      signal: abort.signal,
      report: (check) => {
        outcome.checks.push(check);
        print(scenario.name, check);
      },
      onCleanup: (fn) => outcome.cleanups.push(fn),
      log: (line) => {
        outcome.logTail.push(line);
        if (outcome.logTail.length > 20) outcome.logTail.shift();
      },
    });
    if (!outcome.checks.some((c) => c.passed)) throw new Error('the scenario reported no step');
  } catch (err) {
    const check = { passed: false, title: 'scenario aborted', details: [describeError(err), ...outcome.logTail.slice(-5)] };
    outcome.checks.push(check);
    print(scenario.name, check);
  }
  outcome.ms = Date.now() - started;
}

async function main(): Promise<void> {
  const started = Date.now();
  const chosen = selected();
  console.log(`Cross-account Lambda on a local AWS stack (moto + IAM-enforcing gateway): ${chosen.map((s) => s.name).join(', ')}\n`);
  try {
    stack = await startLocalStack();
    const { source, target, second } = stack.accounts;
    console.log(`${ok} local stack up: source account ${source}, target accounts ${target} and ${second}  (${seconds(Date.now() - started)})`);
    await Promise.all(chosen.map((scenario) => runOne(stack!, scenario)));
  } catch (err) {
    console.log(`${bad} demo aborted: ${describeError(err)}`);
    outcomes.push({ scenario: { name: 'stack', dirs: [], proves: '', run: async () => undefined }, checks: [{ passed: false, title: 'stack' }], cleanups: [], logTail: [], ms: 0 });
  } finally {
    const destroyStarted = Date.now();
    await cleanUp();
    console.log(`${ok} terraform destroy and stack stop done  (${seconds(Date.now() - destroyStarted)})`);
  }
  console.log('\nSummary');
  let failed = 0;
  for (const o of outcomes) {
    const bads = o.checks.filter((c) => !c.passed).length;
    failed += bads;
    console.log(`${bads === 0 ? ok : bad} ${o.scenario.name.padEnd(18)} ${o.checks.length - bads}/${o.checks.length} steps as expected  (${seconds(o.ms)})  ${o.scenario.proves}`);
  }
  console.log(failed === 0 ? `\n${ok} all steps as expected (${seconds(Date.now() - started)})` : `\n${bad} ${failed} step(s) failed (${seconds(Date.now() - started)})`);
  process.exitCode = failed === 0 ? 0 : 1;
}

void main();
