/**
 * One benchmark environment: the local stack with injected latency, the
 * example deployment provisioned into it by Terraform, an endpoint to read,
 * and a way to start a fresh execution environment for any approach. Each
 * execution environment gets its own execution-role session, so the STS calls
 * it makes can be counted by access key even when several run side by side.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { PinpointClient, UpdateEndpointCommand } from '@aws-sdk/client-pinpoint';
import { startLocalStack, type Credentials, type LocalStack } from '../../stack/src/index';
import { provisionLocal, type Provisioned } from '../../stack/src/provision';
import { startFunctionProcess, type FunctionProcess } from '../../stack/src/function-process';
import type { Approach } from './approaches';
import type { BenchParams } from './params';

export interface ExecutionEnvironment {
  approach: Approach;
  process: FunctionProcess;
  /** The access key of the execution-role session this environment runs with. */
  accessKeyId: string;
  /** Spawn to handler-ready, ms. */
  initMs: number;
}

export interface BenchContext {
  stack: LocalStack;
  provisioned: Provisioned;
  params: BenchParams;
  /** The getEndpoint event every approach serves. */
  event: { operation: 'getEndpoint'; target: string; endpointId: string };
  /** Session lifetime the function asks for (from CROSS_ACCOUNT_TARGETS). */
  sessionDurationSeconds: number;
  start(approach: Approach, extraEnv?: Record<string, string>): Promise<ExecutionEnvironment>;
  /** A fresh execution-role session, as Lambda would hand a new execution environment. */
  executionCredentials(name: string): Promise<Credentials>;
  /** sts:AssumeRole requests the stack received from one execution environment. */
  assumeRoleCount(env: ExecutionEnvironment): number;
  close(): Promise<void>;
}

const ENDPOINT_ID = 'bench-endpoint-1';
/** Long enough for the simulated refresh run: the execution role's own keys must outlive it. */
const EXECUTION_SESSION_SECONDS = 43_200;

async function targetRoleCredentials(stack: LocalStack, p: Provisioned, master: Credentials): Promise<Credentials> {
  const sts = new STSClient({ region: p.region, endpoint: stack.endpoint, credentials: master });
  try {
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: p.targetRoleArn, RoleSessionName: 'bench-direct', ExternalId: p.externalId, DurationSeconds: 3600 }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  } finally {
    sts.destroy();
  }
}

async function seedEndpoint(stack: LocalStack, p: Provisioned, credentials: Credentials): Promise<void> {
  const pinpoint = new PinpointClient({ region: p.region, endpoint: stack.endpoint, credentials });
  try {
    await pinpoint.send(
      new UpdateEndpointCommand({
        ApplicationId: p.pinpointAppId,
        EndpointId: ENDPOINT_ID,
        EndpointRequest: { ChannelType: 'SMS', Address: '+15555550100', OptOut: 'NONE' },
      }),
    );
  } finally {
    pinpoint.destroy();
  }
}

function sessionDurationOf(environment: Record<string, string>, targetName: string): number {
  const targets = JSON.parse(environment.CROSS_ACCOUNT_TARGETS ?? '{}') as Record<string, { sessionDurationSeconds?: number }>;
  return targets[targetName]?.sessionDurationSeconds ?? 3600;
}

/**
 * Starts the stack and provisions examples/local; `beside` runs on the fresh
 * stack at the same time (other deployments: Terraform runs side by side) and
 * its result comes back with the context.
 */
export async function openContext<T = void>(
  params: BenchParams,
  log: (line: string) => void = () => undefined,
  beside: (stack: LocalStack) => Promise<T> = async () => undefined as T,
): Promise<{ ctx: BenchContext; beside: T }> {
  log('starting the local stack');
  const stack = await startLocalStack({ latencyMs: { sts: 0, pinpoint: 0 } });
  // The stack is thrown away at the end, so there is nothing to `terraform destroy`: the work directory goes instead.
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'bench-tf-'));
  const discard = async (): Promise<void> => {
    await stack.stop();
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    log('provisioning examples/local with Terraform');
    const [provisioned, besideResult] = await Promise.all([provisionLocal(stack, { workDir }), beside(stack)]);
    const p = provisioned;
    const bootstrap = await stack.lambdaServiceCredentials(p.executionRoleArn, { durationSeconds: 3600, sessionName: 'bench-bootstrap', functionArn: p.functionArn });
    const targetCredentials = await targetRoleCredentials(stack, p, bootstrap);
    await seedEndpoint(stack, p, targetCredentials);
    stack.setLatency({ sts: params.stsLatencyMs, pinpoint: params.pinpointLatencyMs });
    let sessions = 0;
    const live = new Set<FunctionProcess>();
    const executionCredentials = (name: string): Promise<Credentials> =>
      stack.lambdaServiceCredentials(p.executionRoleArn, {
        durationSeconds: EXECUTION_SESSION_SECONDS,
        sessionName: `bench-${name}-${++sessions}`,
        functionArn: p.functionArn,
      });

    const ctx: BenchContext = {
      stack,
      provisioned: p,
      params,
      event: { operation: 'getEndpoint', target: p.targetName, endpointId: ENDPOINT_ID },
      sessionDurationSeconds: sessionDurationOf(p.functionEnvironment, p.targetName),
      executionCredentials,
      async start(approach, extraEnv = {}) {
        const credentials = approach.credentials === 'target' ? targetCredentials : await executionCredentials(approach.id);
        const started = performance.now();
        const fp = await startFunctionProcess({
          bundlePath: approach.bundlePath,
          env: { ...p.functionEnvironment, ...approach.env, ...extraEnv },
          credentials,
          stackEndpoint: stack.endpoint,
          clockOffsetMs: stack.clock.offsetMs(),
          region: p.region,
          functionName: p.functionName,
        });
        live.add(fp);
        return { approach, process: fp, accessKeyId: credentials.accessKeyId, initMs: performance.now() - started };
      },
      assumeRoleCount(env) {
        return stack.requests.count({ service: 'sts', action: 'AssumeRole', accessKeyId: env.accessKeyId });
      },
      async close() {
        await Promise.all([...live].map((fp) => fp.stop()));
        await discard();
      },
    };
    return { ctx, beside: besideResult };
  } catch (error) {
    await discard();
    throw error;
  }
}
