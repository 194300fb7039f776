/**
 * The fault rows of the library-driven matrix, generated for every operation
 * of every ServiceEntry: the service's own throttling, 5xx, AccessDenied and
 * expired-token errors (in its wire form, from the stack's plug-in), an
 * answer slower than the request timeout, a connection reset and a trickling
 * body, each once (recovery inside the call) and on every attempt (a typed
 * error after the retry budget, in bounded time); then STS faults met by
 * the operation's credential refresh, and per service STS faults met by the
 * cold-start prefetch. One row per case; services.test.ts runs them.
 */
import type { FaultRule, WireErrorKind } from '../fault-proxy';
import { attemptDeadline, budget, timeoutBoundMs, trickleEveryMs } from '../harness';
import type { OperationEntry, ServiceEntry } from './service-types';

export type ErrorType = 'UpstreamError' | 'TimeoutError' | 'AccessDeniedError' | 'AssumeRoleDeniedError';

export interface ServiceExpectation {
  /** 'ok' (and the output checks), or the typed errors the call may end with. */
  outcome: 'ok' | readonly ErrorType[];
  /** Which call the error must name: the operation, or sts:AssumeRole. */
  names?: 'operation' | 'sts';
  /** Attempts of the operation the proxy saw during the call. */
  attempts: number;
  /** sts:AssumeRole attempts during the call (after the prefetch failed, for `afterPrefetchFails` cases). */
  assumeRoles: number;
  minMs?: number;
  maxMs?: number;
  /** The retry after the fault was signed with other (re-assumed) keys than the first attempt. */
  retrySignedWithNewKeys?: boolean;
  /** The error names the target role ARN. */
  namesRole?: boolean;
}

export interface ServiceCase {
  /** Report name of the service the fault is on (the operation's, or `sts`). */
  service: string;
  /** Unique in the matrix. */
  name: string;
  expected: string;
  entry: ServiceEntry;
  operation: OperationEntry<unknown>;
  /** Rules without a session: the runner scopes them to the case's own target. */
  rules: FaultRule[];
  /** A fresh target (cold start): the rules are in place before its prefetch starts. */
  cold?: boolean;
  /** Cold only: the call is made once the prefetch has failed (else at once, joining the prefetch). */
  afterPrefetchFails?: boolean;
  expect: ServiceExpectation;
}

const max = budget.maxAttempts;
const slowMs = budget.requestTimeoutMs * 3;
/** Long enough that a trickled body outlasts the attempt's deadline (the proxy pads shorter ones with blanks). */
const trickleBytes = Math.ceil((2 * attemptDeadline) / trickleEveryMs);

/** The standard-mode backoff before the retries of one phase, at most (throttling: 0.5 s × 2^(n-1) before retry n, capped at 20 s). */
export const backoffMs = Array.from({ length: max - 1 }, (_, n) => Math.min(20_000, 500 * 2 ** n)).reduce((a, b) => a + b, 0);

/**
 * The README's worst case for one call (lambda/README.md): STS then the service, twice when an
 * expired session is re-assumed, each phase within max attempts of connect + request timeout plus
 * its backoff; plus 1 s for a loaded machine. Every row's call must end within it.
 */
export const worstCaseMs = 4 * (max * attemptDeadline + backoffMs) + 1000;

const assume = { service: 'sts', action: 'AssumeRole' };
const stsThrottle: FaultRule['fault'] = { kind: 'error', error: 'throttle' };
const stsServerError: FaultRule['fault'] = { kind: 'error', error: 'server-error' };
const stsDenied: FaultRule['fault'] = { kind: 'error', error: 'access-denied' };

/** The rows of one operation: its own faults, then STS faults during its credential refresh. */
export function operationCases(entry: ServiceEntry, op: OperationEntry<unknown>): ServiceCase[] {
  const call = { service: entry.signingName, action: op.name };
  const on = (fault: FaultRule['fault'], times = 1): FaultRule => ({ ...call, times, fault });
  const err = (error: WireErrorKind, times = 1): FaultRule => on({ kind: 'error', error }, times);
  const title = `${entry.label} ${op.name}`;
  const row = (name: string, expected: string, rules: FaultRule[], expect: ServiceExpectation): ServiceCase => ({
    service: entry.service,
    name: `${title}: ${name}`,
    expected,
    entry,
    operation: op,
    rules,
    expect,
  });
  const every = `on every attempt`;
  // A streamed output body is read after send() returned: the deadline ends it, no retry follows.
  const bodyFault = op.streamingOutput
    ? {
        once: { text: 'TimeoutError, 1 attempt (body read after send() returned: not retried)', outcome: ['TimeoutError'] as const, attempts: 1 },
        every: { text: 'TimeoutError, 1 attempt (body read after send() returned: not retried)', outcome: ['TimeoutError'] as const, attempts: 1 },
      }
    : {
        once: { text: 'ok after 2 attempts', outcome: 'ok' as const, attempts: 2 },
        every: { text: `TimeoutError after ${max} attempts, each ended at its ${attemptDeadline} ms deadline`, outcome: ['TimeoutError'] as const, attempts: max },
      };
  return [
    row('throttled once', 'ok after 2 attempts, no re-assume', [err('throttle')], { outcome: 'ok', attempts: 2, assumeRoles: 0 }),
    row('throttled twice', 'ok after 3 attempts', [err('throttle', 2)], { outcome: 'ok', attempts: 3, assumeRoles: 0 }),
    row(`throttled ${every}`, `UpstreamError after ${max} attempts`, [err('throttle', Infinity)], { outcome: ['UpstreamError'], attempts: max, assumeRoles: 0 }),
    row('5xx once', 'ok after 2 attempts', [err('server-error')], { outcome: 'ok', attempts: 2, assumeRoles: 0 }),
    row(`5xx ${every}`, `UpstreamError after ${max} attempts`, [err('server-error', Infinity)], { outcome: ['UpstreamError'], attempts: max, assumeRoles: 0 }),
    row('AccessDenied', 'AccessDeniedError naming the role, 1 attempt, no re-assume', [err('access-denied', Infinity)], {
      outcome: ['AccessDeniedError'],
      attempts: 1,
      assumeRoles: 0,
      namesRole: true,
    }),
    row(`answers after ${slowMs} ms, once`, 'ok after 2 attempts', [on({ kind: 'delay', ms: slowMs })], {
      outcome: 'ok',
      attempts: 2,
      assumeRoles: 0,
      minMs: budget.requestTimeoutMs,
      maxMs: timeoutBoundMs(2),
    }),
    row(`answers after ${slowMs} ms, ${every}`, `TimeoutError after ${max} attempts within ${timeoutBoundMs()} ms`, [on({ kind: 'delay', ms: slowMs }, Infinity)], {
      outcome: ['TimeoutError'],
      attempts: max,
      assumeRoles: 0,
      minMs: max * budget.requestTimeoutMs,
      maxMs: timeoutBoundMs(),
    }),
    row('connection reset once', 'ok after 2 attempts', [on({ kind: 'reset' })], { outcome: 'ok', attempts: 2, assumeRoles: 0 }),
    row(`connection reset ${every}`, `UpstreamError or TimeoutError after ${max} attempts`, [on({ kind: 'reset' }, Infinity)], {
      outcome: ['UpstreamError', 'TimeoutError'],
      attempts: max,
      assumeRoles: 0,
      maxMs: timeoutBoundMs(),
    }),
    row('expired token once', 'ok; 1 AssumeRole; the retry signed with the new keys', [err('expired-token')], {
      outcome: 'ok',
      attempts: 2,
      assumeRoles: 1,
      retrySignedWithNewKeys: true,
    }),
    row(`expired token ${every}`, 'UpstreamError; exactly 1 AssumeRole and 2 attempts (no loop)', [err('expired-token', Infinity)], {
      outcome: ['UpstreamError'],
      attempts: 2,
      assumeRoles: 1,
    }),
    row('expired token, then throttled twice', 'ok; 1 AssumeRole; 4 attempts (1 + a fresh retry budget)', [err('expired-token'), err('throttle', 2)], {
      outcome: 'ok',
      attempts: 4,
      assumeRoles: 1,
    }),
    row(`body trickles (1 byte / ${trickleEveryMs} ms), once`, bodyFault.once.text, [on({ kind: 'trickle', everyMs: trickleEveryMs, minBytes: trickleBytes })], {
      outcome: bodyFault.once.outcome,
      attempts: bodyFault.once.attempts,
      assumeRoles: 0,
      minMs: budget.requestTimeoutMs,
      maxMs: timeoutBoundMs(2),
    }),
    row(
      `body trickles (1 byte / ${trickleEveryMs} ms), ${every}`,
      `${bodyFault.every.text}, within ${timeoutBoundMs()} ms`,
      [on({ kind: 'trickle', everyMs: trickleEveryMs, minBytes: trickleBytes }, Infinity)],
      // At least the idle timeout per attempt: on a loaded machine a late tick can end an attempt there, before its deadline.
      { outcome: bodyFault.every.outcome, attempts: bodyFault.every.attempts, assumeRoles: 0, minMs: bodyFault.every.attempts * budget.requestTimeoutMs, maxMs: timeoutBoundMs() },
    ),
    {
      ...row('expired token; STS throttled twice during the re-assume', 'ok; 3 AssumeRole attempts; 2 attempts', [err('expired-token'), { ...assume, times: 2, fault: stsThrottle }], {
        outcome: 'ok',
        attempts: 2,
        assumeRoles: 3,
      }),
      service: 'sts',
    },
    {
      ...row('expired token; STS 5xx on every attempt of the re-assume', `UpstreamError naming sts:AssumeRole after ${max} AssumeRole attempts`, [
        err('expired-token'),
        { ...assume, times: Infinity, fault: stsServerError },
      ], { outcome: ['UpstreamError'], names: 'sts', attempts: 1, assumeRoles: max }),
      service: 'sts',
    },
  ];
}

/** Seconds of the Retry-After header a throttled answer carries in the Retry-After row. */
export const retryAfterSeconds = 2;

/**
 * Rows once per service (on its first operation): a throttled answer with Retry-After, which the SDK's
 * standard mode honours up to 5 s beyond its own backoff (the README's worst case counts it).
 */
export function perServiceCases(entry: ServiceEntry, op: OperationEntry<unknown>): ServiceCase[] {
  return [
    {
      service: entry.service,
      name: `${entry.label} ${op.name}: throttled once with Retry-After: ${retryAfterSeconds}`,
      expected: `ok after 2 attempts, the retry about ${retryAfterSeconds} s later (the hint, not the ≤ 0.5 s backoff)`,
      entry,
      operation: op,
      rules: [{ service: entry.signingName, action: op.name, fault: { kind: 'error', error: 'throttle', headers: { 'retry-after': String(retryAfterSeconds) } } }],
      expect: { outcome: 'ok', attempts: 2, assumeRoles: 0, minMs: retryAfterSeconds * 1000 - 1000, maxMs: retryAfterSeconds * 1000 + timeoutBoundMs(1) },
    },
  ];
}

/** STS faults at cold start, met by the prefetch (one set per service, on its first operation). */
export function prefetchCases(entry: ServiceEntry, op: OperationEntry<unknown>): ServiceCase[] {
  const title = `${entry.label} ${op.name}, cold start`;
  const row = (name: string, expected: string, rules: FaultRule[], expect: ServiceExpectation, afterPrefetchFails = false): ServiceCase => ({
    service: 'sts',
    name: `${title}: ${name}`,
    expected,
    entry,
    operation: op,
    rules,
    cold: true,
    afterPrefetchFails,
    expect,
  });
  return [
    row('STS throttled twice during the prefetch; the call joins it', 'ok; 3 AssumeRole attempts in all', [{ ...assume, times: 2, fault: stsThrottle }], {
      outcome: 'ok',
      attempts: 1,
      assumeRoles: 3,
    }),
    row('STS hangs once during the prefetch; the call joins it', 'ok; 2 AssumeRole attempts', [{ ...assume, fault: { kind: 'hang' } }], {
      outcome: 'ok',
      attempts: 1,
      assumeRoles: 2,
      maxMs: timeoutBoundMs(2),
    }),
    row('STS connection reset once during the prefetch', 'ok; 2 AssumeRole attempts', [{ ...assume, fault: { kind: 'reset' } }], {
      outcome: 'ok',
      attempts: 1,
      assumeRoles: 2,
    }),
    row(
      `STS body trickles on every attempt of the prefetch; the call joins it`,
      `TimeoutError naming sts:AssumeRole, ${max} AssumeRole attempts, within ${timeoutBoundMs()} ms`,
      [{ ...assume, times: Infinity, fault: { kind: 'trickle', everyMs: trickleEveryMs, minBytes: trickleBytes } }],
      { outcome: ['TimeoutError'], names: 'sts', attempts: 0, assumeRoles: max, maxMs: timeoutBoundMs() },
    ),
    row(
      'STS AccessDenied; the call after the prefetch failed',
      'AssumeRoleDeniedError naming the role; 1 AssumeRole attempt (the prefetch made 1 more)',
      [{ ...assume, times: Infinity, fault: stsDenied }],
      { outcome: ['AssumeRoleDeniedError'], names: 'sts', attempts: 0, assumeRoles: 1, namesRole: true },
      true,
    ),
    row(
      'STS 5xx on every attempt; the call after the prefetch failed',
      `UpstreamError naming sts:AssumeRole; ${max} AssumeRole attempts for the call (the prefetch made ${max} more)`,
      [{ ...assume, times: Infinity, fault: stsServerError }],
      { outcome: ['UpstreamError'], names: 'sts', attempts: 0, assumeRoles: max },
      true,
    ),
  ];
}

/** Every row of the library-driven matrix, in report order. */
export function serviceMatrix(entries: readonly ServiceEntry[]): ServiceCase[] {
  return entries.flatMap((entry) =>
    entry.operations.flatMap((op, i) => [...(i === 0 ? prefetchCases(entry, op) : []), ...operationCases(entry, op), ...(i === 0 ? perServiceCases(entry, op) : [])]),
  );
}
