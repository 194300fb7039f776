/**
 * Runs the REAL function bundle (dist/index.js) the way the Lambda runtime
 * would: in its own plain `node` process, with the environment Terraform gave
 * the function plus the execution role's credentials, AWS_REGION and
 * AWS_LAMBDA_FUNCTION_NAME, and every AWS endpoint pointed at the local stack.
 * The handler is invoked over IPC with a Lambda-like context. The child's
 * wall clock can be moved forward (stack/src/clock-preload.cjs) to get past
 * credential expiry without waiting.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';

export interface ExecutionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface InvokeOutcome {
  result?: unknown;
  error?: { errorType: string; errorMessage: string };
  durationMs: number;
}

export type FunctionMemoryUsage = NodeJS.MemoryUsage & { peakRss: number };

export interface FunctionProcess {
  invoke(event: unknown, opts?: { timeoutMs?: number }): Promise<InvokeOutcome>;
  /** Shifts Date.now()/new Date() inside the function process by `ms` more. */
  advanceClock(ms: number): Promise<void>;
  /** Captured stdout/stderr lines of the function process. */
  logs(): string[];
  /** process.memoryUsage() of the function process, plus its peak RSS so far (bytes). */
  memoryUsage(): Promise<FunctionMemoryUsage>;
  /** Kills the current sandbox process at once (SIGKILL), as a crash: an invocation in flight fails with
   *  `Runtime.ExitError` and the next one runs in a fresh process with a fresh init. */
  kill(): void;
  stop(): Promise<void>;
}

export interface FunctionProcessOptions {
  /** Default: dist/index.js at the repository root. */
  bundlePath?: string;
  /** The function's environment (the source-lambda module's `environment_variables`). */
  env: Record<string, string>;
  /** The execution role's credentials (LocalStack.lambdaServiceCredentials). */
  credentials: ExecutionCredentials;
  /** LocalStack.endpoint: becomes AWS_ENDPOINT_URL in the function. */
  stackEndpoint: string;
  /** Initial wall-clock offset of the function process (ms). */
  clockOffsetMs?: number;
  /** AWS_REGION of the function (default: us-east-1). */
  region?: string;
  /** AWS_LAMBDA_FUNCTION_NAME (default: env.AWS_LAMBDA_FUNCTION_NAME or 'local-function'). */
  functionName?: string;
  /** Function timeout for invocations without their own (default 30 s). */
  timeoutMs?: number;
}

const repoRoot = path.resolve(__dirname, '..', '..');
export const defaultBundlePath = path.join(repoRoot, 'dist', 'index.js');
const hostPath = path.join(__dirname, 'function-host.cjs');
const preloadPath = path.join(__dirname, 'clock-preload.cjs');
const dnsPreloadPath = path.join(__dirname, 'localhost-dns-preload.cjs');

type HostMessage =
  | { type: 'ready' }
  | { type: 'initError'; error: { errorType: string; errorMessage: string } }
  | { type: 'result'; id: string; result: unknown }
  | { type: 'error'; id: string; error: { errorType: string; errorMessage: string } }
  | { type: 'ack'; id: string }
  | { type: 'memoryUsage'; id: string; usage: FunctionMemoryUsage };

/** The environment the Lambda runtime would give the function; nothing inherited from this process but PATH. */
export function functionEnvironment(opts: FunctionProcessOptions): Record<string, string> {
  const region = opts.region ?? opts.env.AWS_REGION ?? 'us-east-1';
  const functionName = opts.functionName ?? opts.env.AWS_LAMBDA_FUNCTION_NAME ?? 'local-function';
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: 'UTC',
    LANG: 'en_US.UTF-8',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: 'local',
    // No shared config/credentials files: only the runtime's credentials count.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    ...opts.env,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_ACCESS_KEY_ID: opts.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: opts.credentials.secretAccessKey,
    AWS_ENDPOINT_URL: opts.stackEndpoint,
    FUNCTION_BUNDLE_PATH: path.resolve(opts.bundlePath ?? defaultBundlePath),
    LOCAL_CLOCK_OFFSET_MS: String(opts.clockOffsetMs ?? 0),
  };
  if (opts.credentials.sessionToken) env.AWS_SESSION_TOKEN = opts.credentials.sessionToken;
  return env;
}

/** One host process: one init, invocations until it is stopped or dies. */
async function spawnFunctionHost(opts: FunctionProcessOptions): Promise<FunctionProcess & { running(): boolean }> {
  const defaultTimeoutMs = opts.timeoutMs ?? 30_000;
  const lines: string[] = [];
  const pending = new Map<string, { resolve: (m: HostMessage) => void; reject: (e: Error) => void }>();

  const child: ChildProcess = fork(hostPath, [], {
    env: functionEnvironment(opts),
    execPath: process.execPath,
    // Plain node: no loaders inherited from the parent (jest/tsx), only the clock and `.localhost` DNS preloads.
    execArgv: ['--require', preloadPath, '--require', dnsPreloadPath],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream }).on('line', (line) => lines.push(line));
  }

  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      const reason = new Error(`function process exited (code ${code ?? 'none'}, signal ${signal ?? 'none'})`);
      for (const { reject } of pending.values()) reject(reason);
      pending.clear();
      resolve();
    });
  });

  child.on('message', (raw) => {
    const message = raw as HostMessage;
    if ('id' in message) {
      const waiter = pending.get(message.id);
      if (waiter) {
        pending.delete(message.id);
        waiter.resolve(message);
      }
    }
  });

  await new Promise<void>((resolve, reject) => {
    const onMessage = (raw: unknown): void => {
      const message = raw as HostMessage;
      if (message.type === 'ready') {
        child.off('message', onMessage);
        resolve();
      } else if (message.type === 'initError') {
        child.off('message', onMessage);
        reject(new Error(`function init failed: ${message.error.errorType}: ${message.error.errorMessage}`));
      }
    };
    child.on('message', onMessage);
    void exit.then(() => reject(new Error(`function process exited during init; output:\n${lines.slice(-20).join('\n')}`)));
  });

  function request(message: Record<string, unknown>): Promise<HostMessage> {
    if (exited) return Promise.reject(new Error('function process is not running'));
    const id = randomUUID();
    return new Promise<HostMessage>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send({ ...message, id }, (err) => {
        if (err) {
          pending.delete(id);
          reject(err);
        }
      });
    });
  }

  return {
    running: () => !exited,
    async invoke(event, invokeOpts) {
      const started = performance.now();
      const reply = await request({ type: 'invoke', event, timeoutMs: invokeOpts?.timeoutMs ?? defaultTimeoutMs });
      const durationMs = performance.now() - started;
      if (reply.type === 'result') return { result: reply.result, durationMs };
      if (reply.type === 'error') return { error: reply.error, durationMs };
      throw new Error(`unexpected reply from function process: ${reply.type}`);
    },
    async advanceClock(ms) {
      await request({ type: 'advanceClock', ms });
    },
    logs() {
      return [...lines];
    },
    async memoryUsage() {
      const reply = await request({ type: 'memoryUsage' });
      if (reply.type !== 'memoryUsage') throw new Error(`unexpected reply from function process: ${reply.type}`);
      return reply.usage;
    },
    kill() {
      if (!exited) child.kill('SIGKILL');
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/**
 * The function as Lambda runs it: one sandbox (host process) reused across
 * invocations, and a fresh one, with a fresh init, for the invocation after a
 * `Sandbox.Timedout` or after the process died (reported as
 * `Runtime.ExitError`, as Lambda does). The clock offset carries over.
 */
export async function startFunctionProcess(opts: FunctionProcessOptions): Promise<FunctionProcess> {
  let offset = opts.clockOffsetMs ?? 0;
  let host = await spawnFunctionHost({ ...opts, clockOffsetMs: offset });
  let reset = false;
  const earlierLogs: string[] = [];
  // One replacement at a time: concurrent invocations after a crash share the fresh sandbox
  // (two replacements would leave one child process running, and its IPC channel keeps the parent alive).
  let replacing: Promise<FunctionProcess> | undefined;
  const sandbox = async (): Promise<FunctionProcess> => {
    if (replacing) return replacing;
    if (!reset && host.running()) return host;
    replacing = (async () => {
      earlierLogs.push(...host.logs());
      await host.stop();
      host = await spawnFunctionHost({ ...opts, clockOffsetMs: offset });
      reset = false;
      return host;
    })().finally(() => {
      replacing = undefined;
    });
    return replacing;
  };
  return {
    async invoke(event, invokeOpts) {
      const current = await sandbox();
      const started = performance.now();
      try {
        const outcome = await current.invoke(event, invokeOpts);
        if (outcome.error?.errorType === 'Sandbox.Timedout') reset = true;
        return outcome;
      } catch (error) {
        reset = true;
        return { error: { errorType: 'Runtime.ExitError', errorMessage: (error as Error).message }, durationMs: performance.now() - started };
      }
    },
    async advanceClock(ms) {
      offset += ms;
      if (host.running() && !reset) await host.advanceClock(ms);
    },
    logs: () => [...earlierLogs, ...host.logs()],
    memoryUsage: async () => (await sandbox()).memoryUsage(),
    kill: () => host.kill(),
    async stop() {
      await replacing?.catch(() => undefined);
      await host.stop();
    },
  };
}
