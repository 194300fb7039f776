/**
 * Every service the local stack emulates, in one list. Adding a service means
 * writing one plug-in (see types.ts) and adding it here; a request signed for
 * any other service is refused by the gateway.
 */
import { customerProfiles } from './customer-profiles';
import { dynamodb } from './dynamodb';
import { iam } from './iam';
import { iot } from './iot';
import { iotData } from './iot-data';
import { kinesis } from './kinesis';
import { kms } from './kms';
import { lambda } from './lambda';
import { logs } from './logs';
import { pinpoint } from './pinpoint';
import { s3 } from './s3';
import { sqs } from './sqs';
import { ssm } from './ssm';
import { sts } from './sts';
import type { ServicePlugin } from './types';

export const PLUGINS: readonly ServicePlugin[] = [sts, iam, lambda, logs, ssm, kms, sqs, dynamodb, s3, kinesis, iot, iotData, pinpoint, customerProfiles];

const BY_SIGNING_NAME = new Map(PLUGINS.flatMap((p) => p.signingNames.map((n) => [n, p] as const)));

export function pluginFor(signingName: string): ServicePlugin | undefined {
  return BY_SIGNING_NAME.get(signingName);
}
