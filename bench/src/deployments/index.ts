/**
 * The functions measured on a deployment of their own, by bench approach:
 * wiring another one in is a file here and one line below.
 */
import type { ApproachId } from '../approaches';
import { customerProfiles } from './customer-profiles';
import { forwarder } from './forwarder';
import { kinesisToIot } from './kinesis-to-iot';
import type { OwnDeployment } from './types';

export const ownDeployments: Partial<Record<ApproachId, OwnDeployment>> = {
  customerProfiles,
  forwarder,
  kinesisToIot,
};

export type { DeployedFunction, OwnDeployment, StartedFunction } from './types';
