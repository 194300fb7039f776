/** The public shapes of the local stack (stack/README.md describes them). */

import type { FaultOptions } from './gateway/faults';
export type { FaultOptions } from './gateway/faults';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface RequestRecord {
  /** epoch ms (real time) */
  at: number;
  /** the plug-in's name ('sts', 'pinpoint', 's3', …), 'unsigned', or the SigV4 service nobody emulates */
  service: string;
  /** e.g. 'AssumeRole', 'GetEndpoint', 'UpdateEndpoint' */
  action: string;
  accessKeyId?: string;
  /** HTTP status the gateway answered */
  status: number;
  /** set when IAM was evaluated */
  decision?: Decision;
  /** why a request was refused (the wire answer stays AWS's generic one) */
  reason?: string;
}

/** Injected delay in ms per service (plug-in name: 'sts', 'pinpoint', 's3', …). */
export type Latency = Partial<Record<string, number>>;

export interface StackOptions {
  /** injected delay before answering (benchmarks) */
  latencyMs?: Latency;
  /** gateway port; default: a free loopback port */
  port?: number;
  /** stack diagnostics (never secrets) */
  logger?: (line: string) => void;
}

export type RequestFilter = Partial<Pick<RequestRecord, 'service' | 'action' | 'accessKeyId' | 'status'>>;

export interface StackClock {
  advance(ms: number): void;
  offsetMs(): number;
  now(): Date;
}

export interface RequestLogView {
  list(): RequestRecord[];
  count(filter?: RequestFilter): number;
  reset(): void;
}

export interface StackAccounts {
  source: '111111111111';
  target: '222222222222';
  second: '333333333333';
}

/** One message an IoT data-plane Publish delivered (recorded by the stack). */
export interface PublishedMessage {
  account: string;
  region: string;
  topic: string;
  payload: Buffer;
  qos: number;
  /** gateway clock */
  at: Date;
}

export interface EmulatedServices {
  pinpoint: {
    /** Creates an app in (account, region) and returns its 32-hex id. */
    createApp(accountId: string, region: string, name: string): Promise<string>;
  };
  iot: {
    /** Every message published so far, oldest first. */
    published(): PublishedMessage[];
    /** The data-plane address DescribeEndpoint gives this account. */
    endpointAddress(accountId: string, region: string): string;
  };
}

export interface LocalStack {
  /** gateway URL (http://127.0.0.1:PORT): point EVERY SDK/Terraform endpoint here */
  readonly endpoint: string;
  /** raw moto, no enforcement (diagnostics and the stack's own bootstrap only) */
  readonly motoEndpoint: string;
  readonly accounts: StackAccounts;
  /** Admin credentials in an account (a session of OrganizationAccountAccessRole, which the stack bootstraps). */
  operatorCredentials(accountId: string): Promise<Credentials>;
  /** Credentials for a Lambda execution role, obtained as the Lambda service would: the role's trust
   *  policy is evaluated for principal lambda.amazonaws.com with aws:SourceAccount = the role's account.
   *  With `functionArn` (what Lambda does for the credentials it hands a function), every request signed
   *  with these credentials carries lambda:SourceFunctionArn = functionArn and aws:SourceAccount = the
   *  function's account in its IAM request context; no other credentials do. */
  lambdaServiceCredentials(roleArn: string, opts?: { durationSeconds?: number; sessionName?: string; functionArn?: string }): Promise<Credentials>;
  /** Creates a Pinpoint app in the emulator (account, region) and returns its 32-hex id (= services.pinpoint.createApp). */
  createPinpointApp(accountId: string, region: string, name: string): Promise<string>;
  /** State of the services the stack serves itself (moto-backed ones are seeded through the SDK). */
  readonly services: EmulatedServices;
  /** The gateway's clock (credential expiry checks use it). */
  clock: StackClock;
  setLatency(latency: Latency): void;
  /** The injected latency now in force, per service (a copy). */
  latency(): Latency;
  requests: RequestLogView;
  /** Drops cached identities and policies (only needed after IAM writes made directly against motoEndpoint). */
  invalidatePolicyCache(): void;
  /** The next `times` (default 1) requests to `service` (a plug-in name: 'sts', 'pinpoint', 's3', …) fail before
   *  IAM is evaluated: 'throttle', 'server-error', 'access-denied' or 'expired-token', in the service's own error
   *  form (services/errors.ts: e.g. Pinpoint 429 TooManyRequestsException, STS 400 Throttling, S3 400 ExpiredToken).
   *  Injected answers appear in the request log. `times` may be Infinity (until clearFaults); `options` narrow the
   *  rule to a URL path prefix and/or make it fire with a probability per matching request (a request that passes
   *  does not use up `times`). */
  injectFault(service: string, kind: 'throttle' | 'server-error' | 'access-denied' | 'expired-token', times?: number, options?: FaultOptions): void;
  clearFaults(): void;
  /** idempotent; kills moto, closes the gateway */
  stop(): Promise<void>;
}
