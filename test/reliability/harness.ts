/**
 * One provisioned local stack for the whole reliability run, the fault proxy
 * in front of it, and function processes running the REAL bundle with every
 * AWS endpoint pointed at the proxy and small, known time budgets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack, type Credentials, type LocalStack } from '../../stack/src/index';
import { provisionLocal, type Provisioned } from '../../stack/src/provision';
import { defaultBundlePath, startFunctionProcess, type FunctionProcess } from '../../stack/src/function-process';
import { attemptDeadlineMs } from '../../lambda/src/http';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

/**
 * The time budget the function runs with in these tests (its environment).
 * Small enough that timeouts come quickly, large enough that a good STS or
 * Pinpoint call through the local stack stays well inside it on a loaded
 * 2-core machine (at a load average of 17, AssumeRole alone took up to ~1 s).
 */
export const budget = { connectTimeoutMs: 500, requestTimeoutMs: 1500, maxAttempts: 3 } as const;

/** Each attempt's total deadline, headers and body (lambda/src/http.ts): connect + request timeout. */
export const attemptDeadline = attemptDeadlineMs(budget);

/** Gap of the trickle fault: a third of the socket (idle) timeout, so only the total deadline can end it. */
export const trickleEveryMs = Math.floor(budget.requestTimeoutMs / 3);

/**
 * Upper bound for a call that fails on timeouts every attempt: each attempt may
 * use the connect and the request timeout (its total deadline), plus the SDK's standard-mode backoff
 * between attempts (base 100 ms, doubling, jittered: well under 1 s for 3
 * attempts) plus 1 s for the process and IPC.
 */
export function timeoutBoundMs(attempts: number = budget.maxAttempts): number {
  return attempts * (budget.connectTimeoutMs + budget.requestTimeoutMs) + 1000 + 1000;
}

export interface Harness {
  stack: LocalStack;
  provisioned: Provisioned;
  proxy: FaultProxy;
  executionCredentials: Credentials;
  targetName: string;
  /** Time to start the stack and apply examples/local (ms). */
  setupMs: number;
  /** Every function process started, for the log scan. */
  processes: FunctionProcess[];
  /** A function process; `envOverrides` are added to the function's environment. */
  startFunction(envOverrides?: Record<string, string>): Promise<FunctionProcess>;
  stop(): Promise<void>;
}

/** The function's environment: Terraform's, the test budget, nothing that bypasses the proxy. */
export function functionEnv(provisioned: Provisioned): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(provisioned.functionEnvironment)) {
    if (!k.startsWith('AWS_ENDPOINT_URL')) env[k] = v;
  }
  return {
    ...env,
    CROSS_ACCOUNT_CONNECT_TIMEOUT_MS: String(budget.connectTimeoutMs),
    CROSS_ACCOUNT_REQUEST_TIMEOUT_MS: String(budget.requestTimeoutMs),
    CROSS_ACCOUNT_MAX_ATTEMPTS: String(budget.maxAttempts),
    // The most talkative level: the leak scan should see everything the function can print.
    POWERTOOLS_LOG_LEVEL: 'DEBUG',
  };
}

/**
 * The bundle under test: dist/index.js, or RELIABILITY_BUNDLE (e.g. a candidate
 * fix built elsewhere, to run the same matrix against it before committing it).
 */
export const bundlePath = process.env.RELIABILITY_BUNDLE ?? defaultBundlePath;

export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(bundlePath)) {
    throw new Error(`${bundlePath} is missing: build the function first (make build / node scripts/build.mjs)`);
  }
  const started = Date.now();
  const stack = await startLocalStack();
  // The stack is thrown away at the end, so no terraform destroy: removing the work directory is enough.
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-tf-'));
  const removeWorkDir = (): void => fs.rmSync(workDir, { recursive: true, force: true });
  let provisioned: Provisioned | undefined;
  let proxy: FaultProxy | undefined;
  const processes: FunctionProcess[] = [];
  try {
    provisioned = await provisionLocal(stack, { workDir });
    proxy = await startFaultProxy(stack.endpoint);
    const executionCredentials = await stack.lambdaServiceCredentials(provisioned.executionRoleArn, { functionArn: provisioned.functionArn });
    const env = functionEnv(provisioned);
    const p = provisioned;
    const fp = proxy;
    return {
      stack,
      provisioned,
      proxy,
      executionCredentials,
      targetName: provisioned.targetName,
      setupMs: Date.now() - started,
      processes,
      async startFunction(envOverrides = {}) {
        const fn = await startFunctionProcess({
          bundlePath,
          env: { ...env, ...envOverrides },
          credentials: executionCredentials,
          stackEndpoint: fp.endpoint,
          region: p.region,
          functionName: p.functionName,
        });
        processes.push(fn);
        return fn;
      },
      async stop() {
        for (const fn of processes) await fn.stop().catch(() => undefined);
        await fp.stop();
        await stack.stop();
        removeWorkDir();
      },
    };
  } catch (err) {
    for (const fn of processes) await fn.stop().catch(() => undefined);
    await proxy?.stop();
    await stack.stop();
    removeWorkDir();
    throw err;
  }
}
