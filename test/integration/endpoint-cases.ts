/**
 * The endpoint event cases of the integration suite, ONE table shared by the
 * Pinpoint flow (test/integration/flow.test.ts, the Pinpoint bundle on
 * examples/local) and the Customer Profiles contract-parity test
 * (examples/customer-profiles/test, both bundles on one stack): the same
 * events, in the same order, with the same expected outcomes.
 *
 * A case names the target configuration the function runs with (`variant`):
 * the deployed target, the same role pointed at a resource outside its grant
 * (another Pinpoint app, another Customer Profiles domain), the same target in
 * another region, or the target without its ExternalId. Each suite says how to
 * point a target at its "other resource"; everything else is the same.
 *
 * Outcomes are compared in a normalised form (`normalise`): status,
 * operation, error type, endpoint id, and the endpoint fields both contracts
 * return. Error messages name the service and are not compared.
 */
import type { InvokeOutcome } from '../../stack/src/function-process';
import { sampleEndpoint, withTargets, type TargetConfig } from '../../stack/src/local-flow';

export type TargetVariant = 'configured' | 'other-resource' | 'other-region' | 'no-external-id';

export type ExpectedOutcome =
  | { status: 'ok' | 'not_found'; operation: 'getEndpoint' | 'updateEndpoint'; endpoint?: Record<string, unknown> }
  | { errorType: string };

export interface EndpointCase {
  name: string;
  variant: TargetVariant;
  /** The event, given the deployment's target name. */
  event(target: string): Record<string, unknown>;
  expect: ExpectedOutcome;
}

/** The endpoint id the cases write (flow.test.ts reads it back afterwards). */
export const CASE_ENDPOINT_ID = 'user-42-phone';
const id = CASE_ENDPOINT_ID;
const { ChannelType, Address, OptOut } = sampleEndpoint;

export const ENDPOINT_CASES: readonly EndpointCase[] = [
  {
    name: 'getEndpoint before any update: not_found',
    variant: 'configured',
    event: (target) => ({ operation: 'getEndpoint', target, endpointId: id }),
    expect: { status: 'not_found', operation: 'getEndpoint' },
  },
  {
    name: 'updateEndpoint (SMS endpoint): ok',
    variant: 'configured',
    event: (target) => ({ operation: 'updateEndpoint', target, endpointId: id, endpoint: sampleEndpoint }),
    expect: { status: 'ok', operation: 'updateEndpoint' },
  },
  {
    name: 'getEndpoint reads it back',
    variant: 'configured',
    event: (target) => ({ operation: 'getEndpoint', target, endpointId: id }),
    expect: { status: 'ok', operation: 'getEndpoint', endpoint: { Id: id, ChannelType, Address, OptOut } },
  },
  {
    name: 'updateEndpoint with user, attributes, location (target omitted: the only one)',
    variant: 'configured',
    event: () => ({
      operation: 'updateEndpoint',
      endpointId: id,
      endpoint: {
        Attributes: { interests: ['music', 'sport'] },
        Location: { City: 'Berlin', Country: 'DE' },
        User: { UserId: 'user-42', UserAttributes: { plan: ['pro'] } },
      },
    }),
    expect: { status: 'ok', operation: 'updateEndpoint' },
  },
  {
    name: 'getEndpoint after the merge: old and new fields',
    variant: 'configured',
    event: (target) => ({ operation: 'getEndpoint', target, endpointId: id }),
    expect: {
      status: 'ok',
      operation: 'getEndpoint',
      endpoint: { ChannelType, Address, OptOut, Attributes: { interests: ['music', 'sport'] }, User: { UserId: 'user-42', UserAttributes: { plan: ['pro'] } } },
    },
  },
  {
    name: 'getEndpoint of another id: not_found',
    variant: 'configured',
    event: (target) => ({ operation: 'getEndpoint', target, endpointId: `${id}-other` }),
    expect: { status: 'not_found', operation: 'getEndpoint' },
  },
  {
    name: 'unknown target: InvalidRequestError',
    variant: 'configured',
    event: (target) => ({ operation: 'getEndpoint', target: `${target}-unknown`, endpointId: id }),
    expect: { errorType: 'InvalidRequestError' },
  },
  {
    name: 'an Address that is not a string (the contract): InvalidRequestError',
    variant: 'configured',
    event: (target) => ({ operation: 'updateEndpoint', target, endpointId: id, endpoint: { Address: 42 } }),
    expect: { errorType: 'InvalidRequestError' },
  },
  {
    name: 'the same role on a resource outside its grant: AccessDeniedError',
    variant: 'other-resource',
    event: (target) => ({ operation: 'updateEndpoint', target, endpointId: id, endpoint: sampleEndpoint }),
    expect: { errorType: 'AccessDeniedError' },
  },
  {
    name: 'the same target in another region: AccessDeniedError',
    variant: 'other-region',
    event: (target) => ({ operation: 'getEndpoint', target, endpointId: id }),
    expect: { errorType: 'AccessDeniedError' },
  },
  {
    name: 'the target without its ExternalId: AssumeRoleDeniedError',
    variant: 'no-external-id',
    event: (target) => ({ operation: 'getEndpoint', target, endpointId: id }),
    expect: { errorType: 'AssumeRoleDeniedError' },
  },
];

/** The region a target is moved to for the 'other-region' case. */
export function otherRegion(region: string): string {
  return region === 'us-west-2' ? 'us-east-1' : 'us-west-2';
}

/** The function environment for a case's variant; `otherResource` points a target at a resource outside its grant. */
export function variantEnvironment(
  env: Record<string, string>,
  variant: TargetVariant,
  otherResource: (target: TargetConfig) => TargetConfig,
): Record<string, string> {
  const edit = (fn: (t: TargetConfig) => TargetConfig) => withTargets(env, (ts) => Object.fromEntries(Object.entries(ts).map(([k, t]) => [k, fn(t)])));
  switch (variant) {
    case 'configured':
      return env;
    case 'other-resource':
      return edit(otherResource);
    case 'other-region':
      return edit((t) => ({ ...t, region: otherRegion(t.region) }));
    case 'no-external-id':
      return edit((t) => {
        if (!t.externalId) throw new Error('the no-external-id case needs a deployment whose target has an ExternalId');
        return { ...t, externalId: undefined };
      });
  }
}

/** The endpoint fields both contracts return (Pinpoint's CohortId, CreationDate, ApplicationId… have no Customer Profiles home). */
const CONTRACT_FIELDS = ['Id', 'ChannelType', 'Address', 'OptOut', 'EndpointStatus', 'EffectiveDate', 'Attributes', 'User', 'Location', 'Demographic', 'Metrics'];

export interface NormalisedOutcome {
  status?: string;
  operation?: string;
  target?: string;
  endpointId?: string;
  requestId?: 'present';
  endpoint?: Record<string, unknown>;
  errorType?: string;
}

function withoutEmpty(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, withoutEmpty(v)] as const);
  return Object.fromEntries(entries.filter(([, v]) => !(typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)));
}

/**
 * An invocation's outcome in the form both contracts share: the target name as
 * `<target>` when it is the deployment's, `requestId` only as present, an
 * EffectiveDate within ten minutes of now as `<time of the update>`.
 */
export function normalise(outcome: Pick<InvokeOutcome, 'result' | 'error'>, target: string): NormalisedOutcome {
  if (outcome.error) return { errorType: outcome.error.errorType };
  const r = (outcome.result ?? {}) as Record<string, unknown>;
  const out: NormalisedOutcome = { status: String(r.status), operation: String(r.operation) };
  if (r.target !== undefined) out.target = r.target === target ? '<target>' : String(r.target);
  if (typeof r.endpointId === 'string') out.endpointId = r.endpointId;
  if (typeof r.requestId === 'string' && r.requestId !== '') out.requestId = 'present';
  if (typeof r.endpoint === 'object' && r.endpoint !== null) {
    const e = r.endpoint as Record<string, unknown>;
    const picked = Object.fromEntries(CONTRACT_FIELDS.filter((k) => e[k] !== undefined).map((k) => [k, e[k]]));
    if (typeof picked.EffectiveDate === 'string' && Math.abs(Date.parse(picked.EffectiveDate) - Date.now()) < 600_000) picked.EffectiveDate = '<time of the update>';
    out.endpoint = withoutEmpty(picked) as Record<string, unknown>;
  }
  return out;
}
