/**
 * The fault matrix as data: one table per service the function calls, one row
 * per case. reliability.test.ts runs every row the same way (inject the rules,
 * invoke, count attempts at the proxy, check the expectations, then check the
 * same warm process is healthy) and reports it in docs/reliability.md.
 *
 * Adding a service (SSM, SQS, …) is one more table: how its calls are matched
 * at the proxy, the words its errors must contain, and its cases.
 */
import type { FaultRule } from '../fault-proxy';

export type FunctionErrorType = 'UpstreamError' | 'TimeoutError' | 'AccessDeniedError' | 'AssumeRoleDeniedError';

/** Which request the case sends: a good getEndpoint / updateEndpoint of the seeded endpoint, or a getEndpoint of one that does not exist. */
export type CaseEvent = 'get' | 'update' | 'get-unknown';

export interface ProxyCall {
  /** SigV4 service as the proxy classifies it (e.g. sts, mobiletargeting). */
  service: string;
  action: string;
}

export interface FaultExpectation {
  /** The invocation's result status, or the typed errors it may end with. */
  outcome: 'ok' | 'not_found' | readonly FunctionErrorType[];
  /** Attempts the proxy saw for the case's call: exactly, or at most. */
  attempts: number | { atMost: number };
  /** sts:AssumeRole calls the proxy saw during the case (not checked when undefined). */
  assumeRoles?: number;
  /** Bounds on the invocation's duration (ms). */
  minMs?: number;
  maxMs?: number;
  /** The error message must name the target role ARN. */
  namesRole?: boolean;
  /** The result must be exactly the typed not-found result for the seeded endpoint. */
  exactNotFound?: boolean;
  /** The retry after the fault was signed with other (re-assumed) keys than the first attempt. */
  retrySignedWithNewKeys?: boolean;
}

export interface FaultCase {
  /** The row's "case" cell (unique in the matrix). */
  name: string;
  /** The row's "expected" cell: what the expectation below checks, for humans. */
  expected: string;
  /** The faults, in addition to the table's `before` rules. */
  rules: FaultRule[];
  /** Default: 'get'. */
  event?: CaseEvent;
  /** Default: the table's `call`. */
  call?: ProxyCall;
  expect: FaultExpectation;
}

export interface FaultTable {
  /** Service name in the report (sts, pinpoint, ssm, …). */
  service: string;
  /** Describe title. */
  title: string;
  /** The call whose attempts each case counts, unless the case names another. */
  call: ProxyCall;
  /** What every error of this service must contain (it says which call failed). */
  errorNames: RegExp;
  /** Rules added before each case's own (e.g. to reach STS through a credential refresh). */
  before?: FaultRule[];
  cases: FaultCase[];
}
