/** Pinpoint REST paths the emulator serves, with the IAM action and resource of each. */
export type PinpointOperation = 'CreateApp' | 'GetApp' | 'DeleteApp' | 'GetEndpoint' | 'UpdateEndpoint' | 'DeleteEndpoint';

export interface PinpointRoute {
  operation: PinpointOperation;
  appId?: string;
  endpointId?: string;
}

export function matchPinpointRoute(method: string, pathname: string): PinpointRoute | undefined {
  const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[0] !== 'v1' || segments[1] !== 'apps') return undefined;
  const [, , appId, sub, endpointId, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (appId === undefined) return method === 'POST' ? { operation: 'CreateApp' } : undefined;
  if (sub === undefined) {
    if (method === 'GET') return { operation: 'GetApp', appId };
    if (method === 'DELETE') return { operation: 'DeleteApp', appId };
    return undefined;
  }
  if (sub !== 'endpoints' || endpointId === undefined) return undefined;
  const byMethod: Record<string, PinpointOperation> = { GET: 'GetEndpoint', PUT: 'UpdateEndpoint', DELETE: 'DeleteEndpoint' };
  const operation = byMethod[method];
  return operation ? { operation, appId, endpointId } : undefined;
}

/** The resource ARN IAM evaluates (Service Authorization Reference forms). */
export function pinpointResourceArn(route: PinpointRoute, region: string, account: string): string {
  const base = `arn:aws:mobiletargeting:${region}:${account}:apps`;
  if (route.endpointId !== undefined) return `${base}/${route.appId}/endpoints/${route.endpointId}`;
  if (route.appId !== undefined) return `${base}/${route.appId}`;
  return `${base}/*`;
}
