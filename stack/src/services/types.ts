/**
 * The shape of one service in the local stack, after aws-lite's plug-ins
 * (`{ name, service, methods }`): the gateway knows nothing about any service;
 * each plug-in says how to read its requests (IAM action, resource ARN,
 * condition context), how its errors look on the wire, and, for services moto
 * lacks, how to serve them. Registered in `registry.ts`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { CredentialRegistry } from '../gateway/credential-registry';
import type { GatewayResponse } from '../gateway/responses';
import type { PolicyDocument } from '../iam/evaluate';
import type { CallerIdentity, IdentityStore } from '../iam/identity-store';
import type { StackClock } from '../types';
import type { ErrorShape } from './errors';

export interface ParsedRequest {
  method: string;
  url: URL;
  /** the raw path and query, as received (forwarded to moto unchanged) */
  rawPath: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** query string plus a form-encoded body (query protocol) */
  params: URLSearchParams;
  /** the JSON body (JSON / REST-JSON protocols), `{}` when empty or not JSON */
  json: Record<string, unknown>;
  /** SigV4 scope region */
  region: string;
  /** the stack's own endpoint (`http://127.0.0.1:PORT`) */
  endpoint: string;
  /** global condition keys of this request (transport, time, the session's own keys); plug-ins add theirs */
  context: Record<string, string>;
}

/** One IAM question a request asks: every one must be allowed. */
export interface Authorization {
  action: string;
  resource: string;
  /** default: the account in the resource ARN, else the caller's */
  resourceAccount?: string;
  /** the resource's own policy (bucket / queue / key policy), read when needed */
  resourcePolicy?: () => Promise<PolicyDocument | undefined>;
  context?: Record<string, string | string[]>;
}

export interface Operation {
  /** the operation name for the log and for fault injection (`GetObject`, `SendMessage`) */
  name: string;
  /** the IAM questions; an empty list means no IAM check (e.g. sts:GetCallerIdentity) */
  authorizations: Authorization[];
  /** the account moto must act in (a cross-account queue, bucket or key); default: the caller's */
  motoAccount?: string;
}

export interface ServiceContext {
  motoEndpoint: string;
  identities: IdentityStore;
  credentials: CredentialRegistry;
  clock: StackClock;
  /** the emulated accounts (the stack looks resources up in them, e.g. a bucket's owner) */
  accounts: readonly string[];
  logger?: (line: string) => void;
  /** per-plug-in state (emulator stores), keyed by plug-in name */
  state: Map<string, unknown>;
}

export interface ServicePlugin {
  /** log and fault name: 'sqs', 'pinpoint', … */
  name: string;
  /** SigV4 scope service(s): 'sqs', 'mobiletargeting', 'iotdata', … */
  signingNames: readonly string[];
  /** its key in the Terraform AWS provider's `endpoints` block, if the provider has one */
  terraformEndpoint?: string;
  /** how refusals, faults and token errors look on the wire (may depend on the request's protocol) */
  errors: ErrorShape | ((request: ParsedRequest) => ErrorShape);
  /** a short name of the operation before authorisation (log, faults); unknown operations still get one */
  operationName(request: ParsedRequest): string;
  /** The IAM questions of a request, or undefined when the plug-in does not recognise it (then refused). */
  parse(request: ParsedRequest, caller: CallerIdentity, ctx: ServiceContext): Promise<Operation | undefined> | Operation | undefined;
  /**
   * Serve it here (services moto lacks, or answers moto gets wrong). Omit, or
   * answer undefined, to forward to moto after authorisation.
   */
  serve?(request: ParsedRequest, caller: CallerIdentity, ctx: ServiceContext, operation: Operation): Promise<GatewayResponse | undefined>;
  /** Called after moto answered (e.g. IAM writes drop the policy cache). */
  afterForward?(request: ParsedRequest, operation: Operation, ctx: ServiceContext, answer: GatewayResponse): void;
}
