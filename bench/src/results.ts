/** Everything one benchmark run measured, and the ratios derived from it. */
import type { ApproachId } from './approaches';
import type { MachineInfo } from './machine';
import type { BenchParams } from './params';
import type { BundleSize } from './measure/bundle-size';
import type { ConcurrentResult } from './measure/concurrent';
import type { FanoutCount } from './measure/assume-role-fanout';
import type { FirstInvocation } from './measure/first-invocation';
import type { KinesisFigures } from './measure/kinesis';
import type { ModuleLoad } from './measure/module-load';
import type { OwnDeploymentResult } from './measure/own-deployments';
import type { RefreshResult } from './measure/refresh';
import type { SequentialResult } from './measure/sequential';
import { ratio } from './stats';

export interface BenchResults {
  machine: MachineInfo;
  params: BenchParams;
  targets: number;
  sessionDurationSeconds: number;
  sequential: SequentialResult[];
  concurrent: ConcurrentResult[];
  bundles: BundleSize[];
  moduleLoad: ModuleLoad[];
  firstInvocation: FirstInvocation[];
  refresh: RefreshResult[];
  /** Approaches whose bundle was absent, with the reason (their figures are null). */
  absent: Partial<Record<ApproachId, string>>;
  fanout: FanoutCount[];
  kinesis: KinesisFigures | { missing: string };
  /** The functions measured on a deployment of their own (bench/src/deployments). */
  own: OwnDeploymentResult[];
  /** 1-minute load average when the run ended. */
  loadAverageEnd: number;
  wallSeconds: number;
}

export interface Headline {
  key: string;
  text: string;
  value: number;
}

function by<T extends { approach: ApproachId }>(rows: readonly T[], id: ApproachId): T | undefined {
  return rows.find((r) => r.approach === id);
}

/** "2.31x faster" when the alternative / this > 1, "1.20x slower" when < 1. */
export function factor(alternativeOverThis: number, better: string, worse: string): string {
  return alternativeOverThis >= 1 ? `${alternativeOverThis.toFixed(2)}x ${better}` : `${(1 / alternativeOverThis).toFixed(2)}x ${worse}`;
}

/** The comparisons the README quotes: each is "this function" against one alternative. */
export function headlines(r: BenchResults): Headline[] {
  const out: Headline[] = [];
  const push = (key: string, value: number, text: (v: number) => string): void => {
    if (Number.isFinite(value)) out.push({ key, value, text: text(value) });
  };
  const fnSeq = by(r.sequential, 'function');
  const perSeq = by(r.sequential, 'perInvocation');
  const direct = by(r.sequential, 'direct');
  if (fnSeq && perSeq) {
    push('stsCallsSequential', ratio(perSeq.assumeRoleCalls, Math.max(1, fnSeq.assumeRoleCalls)), (v) =>
      `${fnSeq.assumeRoleCalls} AssumeRole call(s) for ${fnSeq.invocations} sequential invocations, against ${perSeq.assumeRoleCalls} for per-invocation AssumeRole (${v.toFixed(0)}x fewer)`,
    );
    push('warmP50VsPerInvocation', ratio(perSeq.warm.p50, fnSeq.warm.p50), (v) =>
      `warm p50 ${fnSeq.warm.p50.toFixed(1)} ms against ${perSeq.warm.p50.toFixed(1)} ms for per-invocation AssumeRole (${v.toFixed(2)}x faster)`,
    );
  }
  const fnCon = by(r.concurrent, 'function');
  const perCon = by(r.concurrent, 'perInvocation');
  if (fnCon && perCon) {
    push('stsCallsConcurrent', ratio(perCon.assumeRoleCalls, Math.max(1, fnCon.assumeRoleCalls)), (v) =>
      `${fnCon.assumeRoleCalls} AssumeRole call(s) for ${fnCon.invocations} concurrent invocations, against ${perCon.assumeRoleCalls} (${v.toFixed(0)}x fewer)`,
    );
  }
  if (fnSeq && direct) {
    push('warmP50VsDirect', ratio(fnSeq.warm.p50, direct.warm.p50), (v) =>
      `warm p50 is ${Math.abs((v - 1) * 100).toFixed(1)} % ${v >= 1 ? 'over' : 'under'} the same-account direct client's (goal: within 2 %)`,
    );
    push('warmP99VsDirect', ratio(fnSeq.warm.p99, direct.warm.p99), (v) => `warm p99 is ${Math.abs((v - 1) * 100).toFixed(1)} % ${v >= 1 ? 'over' : 'under'} the direct client's (goal: within 5 %)`);
  }
  const size = (id: ApproachId): number => by(r.bundles, id)?.gzipBytes ?? Number.NaN;
  push('gzipVsDefaultEsbuild', ratio(size('defaultMainFields'), size('function')), (v) => `bundle (gzip) ${factor(v, 'smaller', 'larger')} than the default esbuild bundle`);
  push('gzipVsSdkV2', ratio(size('sdkV2'), size('function')), (v) => `bundle (gzip) ${factor(v, 'smaller', 'larger')} than the SDK v2 ChainableTemporaryCredentials bundle`);
  const load = (id: ApproachId): number => by(r.moduleLoad, id)?.requireMs ?? Number.NaN;
  push('loadVsDefaultEsbuild', ratio(load('defaultMainFields'), load('function')), (v) => `module load ${factor(v, 'faster', 'slower')} than the default esbuild bundle`);
  push('loadVsSdkV2', ratio(load('sdkV2'), load('function')), (v) => `module load ${factor(v, 'faster', 'slower')} than SDK v2`);
  const first = (key: string): number => r.firstInvocation.find((f) => f.key === key)?.firstInvocationMs ?? Number.NaN;
  push('prefetch', ratio(first('functionNoPrefetch'), first('function')), (v) =>
    `first invocation right after init ${first('function').toFixed(0)} ms with the init-time prefetch against ${first('functionNoPrefetch').toFixed(0)} ms without (${factor(v, 'faster', 'slower')})`,
  );
  const idle = (key: string): number => r.firstInvocation.find((f) => f.key === key)?.firstAfterIdleMs ?? Number.NaN;
  push('prefetchIdle', ratio(idle('functionNoPrefetch'), idle('function')), (v) =>
    `first invocation after an idle init (provisioned concurrency) ${idle('function').toFixed(0)} ms with the prefetch against ${idle('functionNoPrefetch').toFixed(0)} ms without (${factor(v, 'faster', 'slower')})`,
  );
  const fnRef = by(r.refresh, 'function');
  if (fnRef) {
    const v2 = by(r.refresh, 'sdkV2');
    push('refreshWaits', fnRef.waitedOnSts, (v) =>
      `${v} of ${fnRef.invocations} invocations over ${fnRef.simulatedHours.toFixed(1)} simulated hours waited on an STS round trip ` +
        `(longest wait ${fnRef.longestWaitMs.toFixed(0)} ms; ${fnRef.assumeRoleCalls} AssumeRole calls with ${r.sessionDurationSeconds} s sessions)` +
        (v2 ? `; SDK v2 Chainable: ${v2.waitedOnSts} waited, ${v2.assumeRoleCalls} calls` : ''),
    );
  }
  return out;
}
