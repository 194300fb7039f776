/**
 * examples/forwarder on the local stack: both roots applied into their
 * accounts (target then source, or source first), the real bundle run as the
 * function, and the clients a test needs to look at the target account as
 * its operator. Shared by scenario.ts (make demo) and forwarder.test.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';

import { applyRoot, type AppliedRoot } from '../../../stack/src/apply-root';
import { startFunctionProcess, type FunctionProcess } from '../../../stack/src/function-process';
import type { Credentials, LocalStack } from '../../../stack/src/types';

export const REGION = 'us-east-1';
const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const BUNDLE = path.join(repoRoot, 'dist', 'examples', 'forwarder', 'index.js');
const ZIP = path.join(repoRoot, 'dist', 'examples', 'forwarder', 'function.zip');

export interface DeployOptions {
  /** distinct per deployment so several share one stack */
  prefix: string;
  order: 'target-first' | 'source-first';
  fifo?: boolean;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** source-first only: runs after the source root, before the target root */
  beforeTarget?: (d: Deployment) => Promise<void>;
}

export interface Deployment {
  readonly prefix: string;
  readonly fifo: boolean;
  /** the SecureString's value (the test knows it to prove it never reaches a log) */
  readonly secret: string;
  readonly names: { queue: string; table: string; index: string; config: string; credential: string; role: string; fn: string };
  source?: AppliedRoot;
  target?: AppliedRoot;
  /** the function's environment as Terraform rendered it */
  env(): Record<string, string>;
  /** the real bundle as the function, with its execution role's Lambda credentials; stopped by destroy() */
  startFunction(extraEnv?: Record<string, string>): Promise<FunctionProcess>;
  executionCredentials(): Promise<Credentials>;
  readonly functions: FunctionProcess[];
  /** stops the functions, destroys both roots concurrently; idempotent */
  destroy(): Promise<void>;
}

export function operatorClients(stack: LocalStack, credentials: Credentials) {
  const config = { endpoint: stack.endpoint, region: REGION, credentials, maxAttempts: 1 };
  return { sqs: new SQSClient({ ...config, useQueueUrlAsEndpoint: false }), dynamodb: new DynamoDBClient(config), ssm: new SSMClient(config) };
}

export async function deployForwarder(stack: LocalStack, opts: DeployOptions): Promise<Deployment> {
  const fifo = opts.fifo ?? false;
  const names = {
    queue: `${opts.prefix}-requests${fifo ? '.fifo' : ''}`,
    table: `${opts.prefix}-items`,
    index: 'by-status',
    config: `/${opts.prefix}/config`,
    credential: `/${opts.prefix}/credential`,
    role: `${opts.prefix}-target`,
    fn: `${opts.prefix}-fn`,
  };
  const secret = `fwd-secret-${randomBytes(12).toString('hex')}`;
  const common = { name_prefix: opts.prefix, fifo };
  const applyTarget = () =>
    applyRoot(stack, {
      dir: 'examples/forwarder/target',
      account: stack.accounts.target,
      region: REGION,
      vars: { ...common, region: REGION, role_name: names.role, execution_role_name: names.fn, config_source: `${opts.prefix}-api`, credential_value: secret },
      log: opts.log,
      signal: opts.signal,
    });
  const applySource = () =>
    applyRoot(stack, {
      dir: 'examples/forwarder/source',
      account: stack.accounts.source,
      region: REGION,
      vars: { ...common, region: REGION, target_region: REGION, function_name: names.fn, target_role_name: names.role, package_path: ZIP },
      log: opts.log,
      signal: opts.signal,
    });

  const functions: FunctionProcess[] = [];
  let destroying: Promise<void> | undefined;
  const d: Deployment = {
    prefix: opts.prefix,
    fifo,
    secret,
    names,
    functions,
    env() {
      const env = d.source?.outputs.environment_variables;
      if (!env || typeof env !== 'object') throw new Error(`${opts.prefix}: the source root is not applied`);
      return env as Record<string, string>;
    },
    async executionCredentials() {
      return stack.lambdaServiceCredentials(d.source!.output('execution_role_arn'), { functionArn: d.source!.output('function_arn') });
    },
    async startFunction(extraEnv = {}) {
      const fn = await startFunctionProcess({
        bundlePath: BUNDLE,
        env: { ...d.env(), ...extraEnv },
        credentials: await d.executionCredentials(),
        stackEndpoint: stack.endpoint,
        region: REGION,
        functionName: names.fn,
        clockOffsetMs: stack.clock.offsetMs(),
      });
      functions.push(fn);
      return fn;
    },
    destroy() {
      destroying ??= (async () => {
        await Promise.all(functions.map((fn) => fn.stop().catch(() => undefined)));
        const results = await Promise.allSettled([d.source?.destroy(), d.target?.destroy()]);
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
      })();
      return destroying;
    },
  };

  try {
    if (opts.order === 'target-first') {
      d.target = await applyTarget();
      d.source = await applySource();
    } else {
      d.source = await applySource();
      await opts.beforeTarget?.(d);
      d.target = await applyTarget();
    }
  } catch (error) {
    await d.destroy().catch(() => undefined);
    throw error;
  }
  return d;
}

/** A function URL event (payload format 2.0), as Lambda hands it to the function. */
export function urlEvent(method: string, rawPath: string, opts: { body?: string; query?: Record<string, string>; headers?: Record<string, string>; base64?: boolean; requestId?: string } = {}) {
  const requestId = opts.requestId ?? randomUUID();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: new URLSearchParams(opts.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', host: 'abcdefghij.lambda-url.us-east-1.on.aws', ...opts.headers },
    ...(opts.query ? { queryStringParameters: opts.query } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abcdefghij',
      domainName: 'abcdefghij.lambda-url.us-east-1.on.aws',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: '30/Nov/2026:06:00:00 +0000',
      timeEpoch: 1795932000000,
    },
    ...(opts.body !== undefined ? { body: opts.body, isBase64Encoded: opts.base64 ?? false } : { isBase64Encoded: false }),
  };
}

/** The handler's response as the test reads it. */
export interface UrlResponse {
  statusCode: number;
  headers: Record<string, string>;
  json: Record<string, unknown> & { requestId?: string; error?: { code: string; message: string } };
}

export async function call(fn: FunctionProcess, event: unknown): Promise<UrlResponse> {
  const out = await fn.invoke(event);
  if (out.error) throw new Error(`the function failed: ${out.error.errorType}: ${out.error.errorMessage}`);
  const r = out.result as { statusCode: number; headers: Record<string, string>; body: string };
  return { statusCode: r.statusCode, headers: r.headers, json: JSON.parse(r.body) as UrlResponse['json'] };
}
