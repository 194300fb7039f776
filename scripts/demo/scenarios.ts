/** Every example `make demo` runs: one line per example (its scenario lives in examples/<dir>/test/scenario.ts). */
import { scenario as customerProfiles } from '../../examples/customer-profiles/test/scenario';
import { scenario as forwarder } from '../../examples/forwarder/test/scenario';
import { scenario as kinesisToIot } from '../../examples/kinesis-to-iot/test/scenario';
import { scenario as pinpoint } from '../../examples/local/test/scenario';
import { scenario as s3MultiAccount } from '../../examples/s3-multi-account/test/scenario';
import type { Scenario } from './scenario';

export const scenarios: readonly Scenario[] = [pinpoint, customerProfiles, forwarder, kinesisToIot, s3MultiAccount];
