/**
 * Runs the library-driven matrix (cases/service-matrix.ts): every operation on
 * its own warm target, its rows one after another (each: faults scoped to the
 * target's session, one call as a handler makes it, what the proxy saw, then
 * a health check on the same target); operations run side by side. `problems`
 * compares what a row observed with what it states.
 */
import { CrossAccountError, toCrossAccountError, type RuntimeLogger, type Target } from '../../lambda/src/index';
import type { ServiceCase } from './cases/service-matrix';
import { worstCaseMs } from './cases/service-matrix';
import type { ServiceHarness } from './services-harness';

export interface CallOutcome {
  ok: boolean;
  output?: unknown;
  /** The typed error's name, or the raw error's when it is not one of the runtime's. */
  errorType?: string;
  errorMessage?: string;
  /** `call` of the runtime error. */
  errorCall?: { target?: string | undefined; service?: string | undefined; operation?: string | undefined };
  durationMs: number;
}

export interface Observation {
  outcome: CallOutcome;
  attempts: number;
  assumeRoles: number;
  /** Only for cases whose call waits for the failed prefetch: the prefetch's AssumeRole attempts. */
  prefetchAssumeRoles?: number;
  /** Access key ids the operation's attempts were signed with, in order. */
  signingKeys: Array<string | undefined>;
  /** Undefined when the target then served a good call (and a credential refresh, see touchesCredentials). */
  healthProblem?: string;
  /** Whether the health check included the refresh. */
  refreshChecked: boolean;
  /** Why the good call's output is wrong (ok outcomes only). */
  outputProblem?: string;
  healthMs: number;
}

/** A call still pending after this long is reported as such (never reached when the budget holds). */
const pendingAfterMs = 2 * worstCaseMs;

/** One call as a handler makes it: the operation, its errors mapped to the runtime's typed errors. */
async function callOnce(c: Pick<ServiceCase, 'entry' | 'operation'>, target: Target, fixture: unknown): Promise<CallOutcome> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`still pending after ${pendingAfterMs} ms`), { name: 'StillPending' })), pendingAfterMs);
  });
  try {
    const output = await Promise.race([
      c.operation.call(target, fixture).catch((error: unknown) => {
        throw toCrossAccountError(error, { target, service: c.entry.label, operation: c.operation.name });
      }),
      pending,
    ]);
    return { ok: true, output, durationMs: performance.now() - started };
  } catch (error) {
    const e = error as Error;
    return {
      ok: false,
      errorType: e.name,
      errorMessage: e.message,
      ...(error instanceof CrossAccountError && { errorCall: error.call }),
      durationMs: performance.now() - started,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Collects the runtime's background warnings (prefetch / renewal failures) of one target. */
function warningLog(): { logger: RuntimeLogger; seen(text: string): boolean } {
  const lines: string[] = [];
  return {
    logger: {
      warn: (message) => {
        lines.push(message);
      },
    },
    seen: (text) => lines.some((l) => l.includes(text)),
  };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/**
 * The target (and role session) a row runs on: one per operation, and another for its
 * cold-start rows, so that the two sets can run side by side.
 */
export function targetNameOf(c: Pick<ServiceCase, 'entry' | 'operation' | 'cold'>): string {
  return `${c.entry.service}-${c.operation.name}${c.cold ? '-cold' : ''}`;
}

/** Runs the rows of one target (targetNameOf) in order; `start()` first. */
export class OperationRunner {
  private target: Target;
  readonly name: string;

  constructor(
    private readonly h: ServiceHarness,
    private readonly first: Pick<ServiceCase, 'entry' | 'operation' | 'cold'>,
  ) {
    this.name = targetNameOf(first);
    this.target = h.newTarget(this.name, warningLog().logger);
  }

  /** Warms the target up (its prefetch done, its clients made) so the first row starts like every other. */
  async start(): Promise<void> {
    const health = await this.health(this.target);
    if (health.problem) throw new Error(`target ${this.name} does not work without faults: ${health.problem}`);
  }

  private get session(): string {
    return this.h.sessionOf(this.name);
  }

  private get fixture(): unknown {
    return this.h.fixtures.get(this.first.entry.service);
  }

  /**
   * A good call, then (with `refresh`) a good call through a credential refresh (expired token once;
   * exactly 1 AssumeRole), which catches a poisoned credential cache or a stuck AssumeRole.
   */
  async health(target: Target, refresh = true): Promise<{ problem?: string; ms: number }> {
    const { proxy } = this.h;
    const started = performance.now();
    proxy.clearRules({ session: this.session });
    const plain = await callOnce(this.first, target, this.fixture);
    const plainProblem = plain.ok ? this.first.operation.check?.(plain.output, this.fixture) : `${plain.errorType}: ${plain.errorMessage}`;
    if (plainProblem) return { problem: `good call FAILED: ${plainProblem}`, ms: performance.now() - started };
    if (!refresh) return { ms: performance.now() - started };
    const since = proxy.mark();
    proxy.addRule({ service: this.first.entry.signingName, action: this.first.operation.name, session: this.session, fault: { kind: 'error', error: 'expired-token' } });
    const refreshed = await callOnce(this.first, target, this.fixture);
    proxy.clearRules({ session: this.session });
    const assumed = proxy.count({ service: 'sts', action: 'AssumeRole', session: this.session }, since);
    const refreshProblem = refreshed.ok
      ? (this.first.operation.check?.(refreshed.output, this.fixture) ?? (assumed === 1 ? undefined : `${assumed} AssumeRole calls`))
      : `${refreshed.errorType}: ${refreshed.errorMessage}`;
    const ms = performance.now() - started;
    return refreshProblem ? { problem: `good call ok; credential refresh FAILED: ${refreshProblem}`, ms } : { ms };
  }

  async run(c: ServiceCase): Promise<Observation> {
    const { proxy } = this.h;
    const session = this.session;
    proxy.clearRules({ session });
    let since = proxy.mark();
    let target = this.target;
    let prefetchAssumeRoles: number | undefined;
    for (const rule of c.rules) proxy.addRule({ ...rule, session });
    if (c.cold) {
      const warnings = warningLog();
      target = this.h.newTarget(this.name, warnings.logger);
      if (c.afterPrefetchFails) {
        await waitFor(() => warnings.seen('prefetch failed'), 2 * worstCaseMs);
        prefetchAssumeRoles = proxy.count({ service: 'sts', action: 'AssumeRole', session }, since);
        since = proxy.mark();
      }
    }
    const outcome = await callOnce(c, target, this.fixture);
    const attempts = proxy.count({ service: c.entry.signingName, action: c.operation.name, session }, since);
    const assumeRoles = proxy.count({ service: 'sts', action: 'AssumeRole', session }, since);
    const signingKeys = proxy
      .recordsSince(since)
      .filter((r) => r.session === session && r.service === c.entry.signingName && r.action === c.operation.name)
      .map((r) => r.accessKeyId);
    const outputProblem = outcome.ok ? c.operation.check?.(outcome.output, this.fixture) : undefined;
    const health = await this.health(target, touchesCredentials(c));
    // The target the next rows use: the one just checked, or a fresh one when it was not healthy,
    // warmed up here so that its prefetch does not land in the next row's counts.
    this.target = target;
    if (health.problem) {
      this.target = this.h.newTarget(this.name, warningLog().logger);
      await this.health(this.target, false);
    }
    return {
      outcome,
      attempts,
      assumeRoles,
      ...(prefetchAssumeRoles !== undefined && { prefetchAssumeRoles }),
      signingKeys,
      ...(health.problem && { healthProblem: health.problem }),
      refreshChecked: touchesCredentials(c),
      ...(outputProblem && { outputProblem }),
      healthMs: health.ms,
    };
  }
}

/** Whether a row's faults reach the credentials (STS, an expired token, a cold start, an error outcome): then the health check includes a refresh. */
export function touchesCredentials(c: ServiceCase): boolean {
  return Boolean(c.cold) || c.expect.outcome !== 'ok' || c.rules.some((r) => r.service === 'sts' || (r.fault.kind === 'error' && r.fault.error === 'expired-token'));
}

/** What a row observed that it does not state; empty when the row is as expected. */
export function problems(c: ServiceCase, o: Observation, targetName: string, roleArn: string): string[] {
  const e = c.expect;
  const found: string[] = [];
  const { outcome } = o;
  if (e.outcome === 'ok') {
    if (!outcome.ok) found.push(`expected ok, got ${outcome.errorType}`);
    if (o.outputProblem) found.push(`output: ${o.outputProblem}`);
  } else if (outcome.ok) {
    found.push(`expected ${e.outcome.join(' or ')}, got ok`);
  } else {
    if (!e.outcome.includes(outcome.errorType as never)) found.push(`expected ${e.outcome.join(' or ')}, got ${outcome.errorType}`);
    const sts = e.names === 'sts';
    const want = { target: targetName, service: sts ? 'sts' : c.entry.label, operation: sts ? 'AssumeRole' : c.operation.name };
    const call = outcome.errorCall;
    if (!call || call.target !== want.target || call.service !== want.service || call.operation !== want.operation) {
      found.push(`error.call is ${JSON.stringify(call)}, expected ${JSON.stringify(want)}`);
    }
    const message = outcome.errorMessage ?? '';
    const saysCall = sts ? message.includes('sts:AssumeRole') : message.includes(`${c.entry.label} ${c.operation.name}`);
    if (!message.includes(`"${targetName}"`) || !saysCall) found.push('the message does not name the target and the call');
    if (e.namesRole && !message.includes(roleArn)) found.push('the message does not name the role');
  }
  if (o.attempts !== e.attempts) found.push(`${o.attempts} ${c.operation.name} attempts, expected ${e.attempts}`);
  if (o.assumeRoles !== e.assumeRoles) found.push(`${o.assumeRoles} AssumeRole attempts, expected ${e.assumeRoles}`);
  if (e.minMs !== undefined && outcome.durationMs < e.minMs) found.push(`took ${Math.round(outcome.durationMs)} ms, expected at least ${e.minMs}`);
  const maxMs = Math.min(e.maxMs ?? worstCaseMs, worstCaseMs);
  if (outcome.durationMs >= maxMs) found.push(`took ${Math.round(outcome.durationMs)} ms, expected under ${maxMs}`);
  if (e.retrySignedWithNewKeys && (o.signingKeys.length < 2 || o.signingKeys[0] === o.signingKeys[1])) found.push('the retry was not signed with new keys');
  if (o.healthProblem) found.push(`then: ${o.healthProblem}`);
  return found;
}
