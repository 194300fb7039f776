/**
 * Targets of the Customer Profiles function, built at cold start: one
 * Customer Profiles client per target with its AssumeRole credentials
 * (renewed ahead of expiry, first AssumeRole prefetched), and its domain.
 *
 * TODO(lead): glue for today's lambda/src, whose config.ts requires
 * `pinpointAppId` and has no `settings`. After the runtime merge (issue 11)
 * this file becomes:
 *   const t = target(name); { client: t.client(CustomerProfilesClient), domain: t.setting('customerProfilesDomain') }
 * and CUSTOMER_PROFILES_DOMAIN (the fallback below) goes away.
 * Until then it reads CROSS_ACCOUNT_TARGETS as CONTRACT.md defines it.
 */
import type { CustomerProfilesClient } from '@aws-sdk/client-customer-profiles';
import * as z from 'zod/mini';
import { createCustomerProfilesClient } from './client';
import { assumeRoleCredentials, ConfigurationError, formatIssues, prefetchCredentials, renewAhead, TARGET_NAME_PATTERN } from './runtime';

/** Customer Profiles domain names: ^[a-zA-Z0-9_-]+$, 1-64 characters. */
export const DOMAIN_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
export const DOMAIN_SETTING = 'customerProfilesDomain';
export const DOMAIN_VARIABLE = 'CUSTOMER_PROFILES_DOMAIN';

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/;
const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;

const targetSchema = z.strictObject({
  roleArn: z.string().check(z.regex(ROLE_ARN, 'expected arn:<partition>:iam::<12 digits>:role/<path/name>')),
  region: z.string().check(z.regex(REGION, 'expected an AWS region such as eu-west-1')),
  externalId: z.optional(z.string().check(z.regex(/^[\w+=,.@:/-]{2,1224}$/, 'expected 2-1224 characters of [A-Za-z0-9_+=,.@:/-]'))),
  sessionDurationSeconds: z.optional(z.int('expected an integer').check(z.gte(900, 'expected 900..3600'), z.lte(3600, 'expected 900..3600'))),
  sourceIdentity: z.optional(z.boolean('expected true or false')),
  prefetch: z.optional(z.boolean('expected true or false')),
  pinpointAppId: z.optional(z.string()),
  settings: z.optional(z.record(z.string(), z.string('expected a string'))),
});

export interface CustomerProfilesTarget {
  name: string;
  roleArn: string;
  region: string;
  domain: string;
  client: CustomerProfilesClient;
}

type Env = Record<string, string | undefined>;

function fail(variable: string, problem: string): never {
  throw new ConfigurationError(`${variable} is invalid: ${problem}.`);
}

function integer(env: Env, variable: string, fallback: number, min: number, max: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) fail(variable, `expected an integer ${min}..${max}`);
  return value;
}

function reservedKey(json: Record<string, unknown>): string | undefined {
  for (const [name, target] of Object.entries(json)) {
    if (RESERVED_KEYS.has(name)) return `target name "${name}" is not allowed`;
    const settings = (target as { settings?: unknown } | null)?.settings;
    if (typeof settings === 'object' && settings !== null) {
      const key = Object.keys(settings).find((k) => RESERVED_KEYS.has(k));
      if (key) return `target "${name}": settings key "${key}" is not allowed`;
    }
  }
  return undefined;
}

/** The domain of one target: its `customerProfilesDomain` setting, else CUSTOMER_PROFILES_DOMAIN. */
function domainOf(name: string, settings: Record<string, string> | undefined, env: Env): string {
  const domain = settings?.[DOMAIN_SETTING] ?? env[DOMAIN_VARIABLE];
  if (domain === undefined || domain === '') {
    fail('CROSS_ACCOUNT_TARGETS', `target "${name}" has no settings.${DOMAIN_SETTING} (and ${DOMAIN_VARIABLE} is not set)`);
  }
  if (!DOMAIN_NAME_PATTERN.test(domain)) {
    fail('CROSS_ACCOUNT_TARGETS', `target "${name}": ${DOMAIN_SETTING} must match ^[a-zA-Z0-9_-]{1,64}$`);
  }
  return domain;
}

/** Where a background AssumeRole failed: the cold-start prefetch, or a renewal ahead of expiry. */
export type BackgroundPhase = 'prefetch' | 'renewal';

export function createTargets(
  env: Env,
  onBackgroundError: (target: string, phase: BackgroundPhase, error: unknown) => void,
): Map<string, CustomerProfilesTarget> {
  let json: unknown;
  try {
    json = JSON.parse(env.CROSS_ACCOUNT_TARGETS ?? '');
  } catch {
    fail('CROSS_ACCOUNT_TARGETS', 'it is not set or not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || Object.keys(json).length === 0) {
    fail('CROSS_ACCOUNT_TARGETS', 'expected a JSON object with at least one target');
  }
  const reserved = reservedKey(json as Record<string, unknown>);
  if (reserved) fail('CROSS_ACCOUNT_TARGETS', reserved);
  const region = env.AWS_REGION ?? '';
  if (!REGION.test(region)) fail('AWS_REGION', 'expected an AWS region such as eu-west-1 (Lambda sets it)');
  const timeouts = {
    connectTimeoutMs: integer(env, 'CROSS_ACCOUNT_CONNECT_TIMEOUT_MS', 1000, 1, 900_000),
    requestTimeoutMs: integer(env, 'CROSS_ACCOUNT_REQUEST_TIMEOUT_MS', 3000, 1, 900_000),
    maxAttempts: integer(env, 'CROSS_ACCOUNT_MAX_ATTEMPTS', 3, 1, 10),
  };
  const sts = { ...timeouts, region, functionName: env.AWS_LAMBDA_FUNCTION_NAME || 'cross-account-function' };

  const targets = new Map<string, CustomerProfilesTarget>();
  for (const [name, raw] of Object.entries(json as Record<string, unknown>)) {
    if (!TARGET_NAME_PATTERN.test(name)) fail('CROSS_ACCOUNT_TARGETS', `target name "${name.slice(0, 64)}" must match ^[A-Za-z0-9_-]{1,64}$`);
    const parsed = targetSchema.safeParse(raw);
    if (!parsed.success) fail('CROSS_ACCOUNT_TARGETS', `target "${name}": ${formatIssues(parsed.error.issues, '(target)', true)}`);
    const target = parsed.data;
    const domain = domainOf(name, target.settings, env);
    // TODO(lead): sourceIdentity is honoured once the runtime supports it (issue 11).
    const credentials = renewAhead(assumeRoleCredentials({ name, ...target }, sts), {
      onRenewError: (error) => onBackgroundError(name, 'renewal', error),
    });
    const client = createCustomerProfilesClient({ ...timeouts, region: target.region }, credentials);
    if (target.prefetch !== false) prefetchCredentials(client, (error) => onBackgroundError(name, 'prefetch', error));
    targets.set(name, { name, roleArn: target.roleArn, region: target.region, domain, client });
  }
  return targets;
}
