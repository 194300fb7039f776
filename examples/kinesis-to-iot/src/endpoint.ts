/**
 * The target account's IoT data endpoint, found once per target and reused:
 * `settings.iotEndpoint` when set (no iot:DescribeEndpoint needed), otherwise
 * DescribeEndpoint (`iot:Data-ATS`) with the target's credentials. A failed
 * lookup is not cached: the next invocation asks again.
 *
 * The address DescribeEndpoint returns has no scheme: https, as on AWS, unless
 * the SDK's endpoint override for IoT (AWS_ENDPOINT_URL_IOT, else
 * AWS_ENDPOINT_URL: a local stack) is plain http.
 */
import { DescribeEndpointCommand, IoTClient } from '@aws-sdk/client-iot';
import type { Target } from 'cross-account-lambda';

const lookups = new Map<string, Promise<string>>();

function scheme(env: NodeJS.ProcessEnv): 'http' | 'https' {
  const override = env.AWS_ENDPOINT_URL_IOT ?? env.AWS_ENDPOINT_URL;
  return override?.startsWith('http://') ? 'http' : 'https';
}

async function describe(target: Target): Promise<string> {
  const configured = target.settings.iotEndpoint;
  if (configured) return /^https?:\/\//.test(configured) ? configured : `https://${configured}`;
  const out = await target.client(IoTClient).send(new DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' }));
  if (!out.endpointAddress) throw new Error('iot:DescribeEndpoint answered without an endpointAddress');
  return `${scheme(process.env)}://${out.endpointAddress}`;
}

/** The data endpoint URL of `target` (one lookup per target per process). */
export function dataEndpoint(target: Target): Promise<string> {
  let lookup = lookups.get(target.name);
  if (!lookup) {
    lookup = describe(target);
    lookups.set(target.name, lookup);
    lookup.catch(() => lookups.delete(target.name));
  }
  return lookup;
}
