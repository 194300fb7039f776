/**
 * Work the examples own that joins docs/reliability.{md,json}, wired in one
 * line each (extras-adapter.ts says how they run; extras.test.ts runs them).
 * Until a line is wired the report keeps its figures: soak null, and the
 * bad-input counts of test/reliability/corpus only.
 */
import type { CorpusSource, SoakRun } from './extras-adapter';

/**
 * The Kinesis->IoT soak. Wire:
 *   import { runSoak } from '../../examples/kinesis-to-iot/test/soak';
 *   export const soak: SoakRun | undefined = runSoak;
 */
export const soak: SoakRun | undefined = undefined;

/**
 * Bad-input corpora of the other function shapes, one `corpus(...)` each. Wire e.g.:
 *   import { corpus } from './extras-adapter';
 *   import { badEvents as forwarderBad } from '../../examples/forwarder/test/bad-events';
 *   export const corpora: CorpusSource[] = [
 *     corpus('forwarder', 'function URL / HTTP events', forwarderBad, async () => (await import('../../examples/forwarder/src/index')).handler, { CROSS_ACCOUNT_TARGETS: '...' }),
 *   ];
 */
export const corpora: CorpusSource[] = [];
