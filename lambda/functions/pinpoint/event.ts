/**
 * The event contract (direct invoke), see docs/architecture.md.
 *
 * `endpoint` is Pinpoint's EndpointRequest, modelled with the limits Pinpoint
 * documents (Amazon Pinpoint developer guide, "Endpoint quotas"):
 *  - attribute names (Attributes, UserAttributes, Metrics) up to 50 characters,
 *  - attribute values up to 100 characters, up to 50 values per attribute,
 *  - up to 250 custom attributes across Attributes, Metrics and UserAttributes,
 *  - an endpoint of at most 15 KB.
 * Unknown keys are rejected everywhere (a typo must not be silently dropped), and so are the
 * attribute names __proto__, constructor and prototype (a __proto__ key would vanish in parsing).
 *
 * Endpoint ids become a URL path segment (/v1/apps/{app}/endpoints/{id}), so
 * anything path-like or that needs escaping is rejected here, before any AWS call.
 */
import { parse } from '@aws-lambda-powertools/parser';
import * as z from 'zod/mini';
import '../../src/zod-messages';
import { TARGET_NAME_PATTERN } from '../../src/config';
import { formatIssues, type Issue } from '../../src/issues';
import { RESERVED_KEYS_RULE, findReservedKey, formatKeyPath } from '../../src/reserved-keys';
import { InvalidRequestError } from './errors';

export const MAX_EVENT_BYTES = 16 * 1024;
export const MAX_ENDPOINT_BYTES = 15 * 1024;
export const MAX_ENDPOINT_ID_LENGTH = 128;
export const MAX_ATTRIBUTE_NAME_LENGTH = 50;
export const MAX_ATTRIBUTE_VALUE_LENGTH = 100;
export const MAX_VALUES_PER_ATTRIBUTE = 50;
export const MAX_CUSTOM_ATTRIBUTES = 250;
/** Bound for free-text fields Pinpoint documents no own limit for (the 15 KB endpoint limit still applies). */
export const MAX_TEXT_LENGTH = 1024;

export const CHANNEL_TYPES = [
  'ADM',
  'APNS',
  'APNS_SANDBOX',
  'APNS_VOIP',
  'APNS_VOIP_SANDBOX',
  'BAIDU',
  'CUSTOM',
  'EMAIL',
  'GCM',
  'IN_APP',
  'PUSH',
  'SMS',
  'VOICE',
] as const;

const ENDPOINT_ID_CHARS = /^[A-Za-z0-9_.:@+=,-]+$/;

/** Error callback: "is required" when the field is missing, `rule` when it has the wrong type, default otherwise. */
const requiredOr = (rule: string) => (issue: { code?: string; input?: unknown }) => {
  if (issue.code !== 'invalid_type') return undefined;
  return issue.input === undefined ? 'is required' : rule;
};

/**
 * The event schemas, built on first use: the first invocation builds them while the
 * prefetched AssumeRole is in flight, instead of module load paying for them.
 */
function buildSchemas() {
  const endpointIdSchema = z.string({ error: requiredOr('must be a string') }).check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(MAX_ENDPOINT_ID_LENGTH, `must be at most ${MAX_ENDPOINT_ID_LENGTH} characters`),
    z.regex(
      ENDPOINT_ID_CHARS,
      'may contain only letters, digits and _ . : @ + = , - (no /, %, $, {, }, whitespace or control characters)',
    ),
    z.refine((id) => !id.includes('..'), 'must not contain ".."'),
    // A lone "." is a path segment the request signer normalises away (/endpoints/. -> /endpoints).
    z.refine((id) => id !== '.', 'must not be "."'),
  );

  const targetNameSchema = z
    .string('must be a string')
    .check(z.regex(TARGET_NAME_PATTERN, 'must match ^[A-Za-z0-9_-]{1,64}$'));

  const text = z.string('must be a string').check(z.maxLength(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`));

  /** Error callback that only replaces the wrong-type message (keeps nested key/value messages). */
  const typeOnly = (rule: string) => (issue: { code?: string }) => (issue.code === 'invalid_type' ? rule : undefined);

  const attributeName = z
    .string()
    .check(
      z.minLength(1, 'attribute names must not be empty'),
      z.maxLength(MAX_ATTRIBUTE_NAME_LENGTH, `attribute names must be at most ${MAX_ATTRIBUTE_NAME_LENGTH} characters`),
    );

  const attributeValues = z
    .array(
      z
        .string('attribute values must be strings')
        .check(z.maxLength(MAX_ATTRIBUTE_VALUE_LENGTH, `attribute values must be at most ${MAX_ATTRIBUTE_VALUE_LENGTH} characters`)),
      'must be an array of strings',
    )
    .check(z.maxLength(MAX_VALUES_PER_ATTRIBUTE, `at most ${MAX_VALUES_PER_ATTRIBUTE} values per attribute`));

  const attributeMap = z
    .record(attributeName, attributeValues, { error: typeOnly('must be an object of attribute name -> array of strings') })
    .check(z.refine((map) => Object.keys(map).length <= MAX_CUSTOM_ATTRIBUTES, `at most ${MAX_CUSTOM_ATTRIBUTES} attributes`));

  const metricMap = z
    .record(attributeName, z.number('metric values must be finite numbers'), {
      error: typeOnly('must be an object of metric name -> number'),
    })
    .check(z.refine((map) => Object.keys(map).length <= MAX_CUSTOM_ATTRIBUTES, `at most ${MAX_CUSTOM_ATTRIBUTES} metrics`));

  const between = (min: number, max: number) =>
    z.optional(z.number('must be a number').check(z.gte(min, `must be ${min}..${max}`), z.lte(max, `must be ${min}..${max}`)));

  const endpointDemographicSchema = z.strictObject({
    AppVersion: z.optional(text),
    Locale: z.optional(text),
    Make: z.optional(text),
    Model: z.optional(text),
    ModelVersion: z.optional(text),
    Platform: z.optional(text),
    PlatformVersion: z.optional(text),
    Timezone: z.optional(text),
  });

  const endpointLocationSchema = z.strictObject({
    City: z.optional(text),
    Country: z.optional(text),
    Latitude: between(-90, 90),
    Longitude: between(-180, 180),
    PostalCode: z.optional(text),
    Region: z.optional(text),
  });

  const endpointUserSchema = z.strictObject({
    UserAttributes: z.optional(attributeMap),
    UserId: z.optional(text),
  });

  const endpointRequestSchema = z
    .strictObject(
      {
        Address: z.optional(text),
        Attributes: z.optional(attributeMap),
        ChannelType: z.optional(z.enum(CHANNEL_TYPES, `must be one of ${CHANNEL_TYPES.join(', ')}`)),
        Demographic: z.optional(endpointDemographicSchema),
        EffectiveDate: z.optional(z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' })),
        EndpointStatus: z.optional(z.enum(['ACTIVE', 'INACTIVE'], 'must be ACTIVE or INACTIVE')),
        Location: z.optional(endpointLocationSchema),
        Metrics: z.optional(metricMap),
        OptOut: z.optional(z.enum(['ALL', 'NONE'], 'must be ALL or NONE')),
        RequestId: z.optional(text),
        User: z.optional(endpointUserSchema),
      },
      { error: requiredOr('must be an object (Pinpoint EndpointRequest)') },
    )
    .check(
      z.superRefine((endpoint, ctx) => {
        const count =
          Object.keys(endpoint.Attributes ?? {}).length +
          Object.keys(endpoint.Metrics ?? {}).length +
          Object.keys(endpoint.User?.UserAttributes ?? {}).length;
        if (count > MAX_CUSTOM_ATTRIBUTES) {
          ctx.addIssue({
            code: 'custom',
            message: `at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes across Attributes, Metrics and User.UserAttributes (got ${count})`,
          });
        }
        const bytes = Buffer.byteLength(JSON.stringify(endpoint), 'utf8');
        if (bytes > MAX_ENDPOINT_BYTES) {
          ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_ENDPOINT_BYTES} bytes as JSON (got ${bytes})` });
        }
      }),
    );

  const getEndpointEventSchema = z.strictObject({
    operation: z.literal('getEndpoint'),
    target: z.optional(targetNameSchema),
    endpointId: endpointIdSchema,
  });

  const updateEndpointEventSchema = z.strictObject({
    operation: z.literal('updateEndpoint'),
    target: z.optional(targetNameSchema),
    endpointId: endpointIdSchema,
    endpoint: endpointRequestSchema,
  });

  const eventSchema = z.discriminatedUnion('operation', [getEndpointEventSchema, updateEndpointEventSchema], {
    error: (issue) =>
      issue.code === 'invalid_union' ? 'must be "getEndpoint" or "updateEndpoint"' : 'the event must be a JSON object',
  });
  return { getEndpointEventSchema, updateEndpointEventSchema, eventSchema, endpointRequestSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;

/** The event schemas (built once, on first call). */
export function eventSchemas(): Schemas {
  schemas ??= buildSchemas();
  return schemas;
}

export type GetEndpointEvent = z.infer<Schemas['getEndpointEventSchema']>;
export type UpdateEndpointEvent = z.infer<Schemas['updateEndpointEventSchema']>;
export type FunctionEvent = z.infer<Schemas['eventSchema']>;
export type EndpointRequestInput = z.infer<Schemas['endpointRequestSchema']>;

function eventBytes(event: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(event) ?? '', 'utf8');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Validates an incoming event (size, then schema via Powertools Parser).
 * Throws InvalidRequestError naming the field and the rule.
 */
export function parseEvent(event: unknown): FunctionEvent {
  const bytes = eventBytes(event);
  if (bytes > MAX_EVENT_BYTES) {
    throw new InvalidRequestError(
      `event: must be at most ${MAX_EVENT_BYTES} bytes as JSON (got ${Number.isFinite(bytes) ? bytes : 'unserialisable'})`,
    );
  }
  // Before the schema: it would skip a "__proto__" attribute name and answer ok without it.
  const reserved = findReservedKey(event);
  if (reserved) {
    throw new InvalidRequestError(
      `Invalid request: ${formatKeyPath(reserved.slice(0, -1), 'event')}: key "${reserved[reserved.length - 1]}" is reserved (${RESERVED_KEYS_RULE})`,
    );
  }
  const result = parse(event, undefined, eventSchemas().eventSchema, true);
  if (result.success) return result.data;
  const issues = (result.error.cause ?? []) as readonly Issue[];
  throw new InvalidRequestError(`Invalid request: ${formatIssues(issues)}`);
}
