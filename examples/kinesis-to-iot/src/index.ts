/**
 * Kinesis → IoT (handler `index.handler`): a Kinesis event source mapping in
 * the source account invokes it; it publishes every record to an IoT topic in
 * the target account through the target's role (see handler.ts, README.md).
 *
 * Settings of the one target (Terraform `targets[...].settings`):
 *   topicPrefix  (required) topics are `<topicPrefix>/<key>`
 *   topicField   (optional) a JSON string field of the record as key, instead of the partition key
 *   iotEndpoint  (optional) the data endpoint; without it, one iot:DescribeEndpoint per cold start
 * Environment: PUBLISH_CONCURRENCY (1..50, default 50: the SDK's HTTP handler keeps at most
 * 50 sockets per client, so more publishes in flight would only queue for one; measured
 * on the local stack, 100 in flight published fewer records/s than 50).
 */
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { Logger } from '@aws-lambda-powertools/logger';
import { ConfigurationError, target } from 'cross-account-lambda';
import { dataEndpoint } from './endpoint';
import { createHandler } from './handler';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'kinesis-to-iot' });
const iot = target();
const topicPrefix = iot.setting('topicPrefix');
if (!/^[A-Za-z0-9_.:=@$-]+(\/[A-Za-z0-9_.:=@$-]+)*$/.test(topicPrefix)) {
  throw new ConfigurationError(`settings.topicPrefix of target "${iot.name}" must be an MQTT topic such as "telemetry" or "fleet/telemetry" (no wildcard, no leading or trailing slash)`, { target: iot.name });
}
const concurrencyText = process.env.PUBLISH_CONCURRENCY ?? '50';
const concurrency = Number(concurrencyText);
if (!/^\d+$/.test(concurrencyText) || concurrency < 1 || concurrency > 50) {
  throw new ConfigurationError(`PUBLISH_CONCURRENCY is invalid: got ${JSON.stringify(concurrencyText.slice(0, 20))}. Expected an integer 1..50 (the SDK keeps at most 50 sockets per client).`);
}
// Looked up during init, beside the AssumeRole the runtime already started; a failure is retried by the first batch.
dataEndpoint(iot).catch(() => undefined);

export const handler = createHandler({
  topicPrefix,
  topicField: iot.settings.topicField,
  concurrency,
  client: async () => iot.client(IoTDataPlaneClient, { endpoint: await dataEndpoint(iot) }),
  logger,
});
