/**
 * Runtime configuration, read once from the environment at init.
 * The contract is the "Function environment" table in docs/architecture.md.
 * A bad value throws a ConfigurationError that names the variable, the target
 * and the rule, so a misconfigured function fails on init.
 */
import * as z from 'zod/mini';
import './zod-messages';
import { ConfigurationError } from './errors';
import { formatIssues } from './issues';
import { RESERVED_KEYS_RULE, findReservedKey, formatKeyPath } from './reserved-keys';

export const TARGET_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const ROLE_ARN_PATTERN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/;
const REGION_PATTERN = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;

/**
 * The execution role's credentials are themselves a role session, so assuming
 * the target role is role chaining, which AWS caps at one hour.
 */
const SESSION_DURATION_RULE = 'expected 900..3600 (role chaining caps a session at one hour)';

const targetSchema = z.strictObject({
  roleArn: z.string().check(z.regex(ROLE_ARN_PATTERN, 'expected arn:<partition>:iam::<12 digits>:role/<path/name>')),
  region: z.string().check(z.regex(REGION_PATTERN, 'expected an AWS region such as eu-west-1')),
  externalId: z.optional(
    z.string().check(z.regex(EXTERNAL_ID_PATTERN, 'expected 2-1224 characters of [A-Za-z0-9_+=,.@:/-]')),
  ),
  sessionDurationSeconds: z.optional(
    z
      .int('expected an integer number of seconds')
      .check(z.gte(900, SESSION_DURATION_RULE), z.lte(3600, SESSION_DURATION_RULE)),
  ),
  sourceIdentity: z.optional(z.boolean('expected true or false')),
  prefetch: z.optional(z.boolean('expected true or false')),
  settings: z.optional(
    z.record(z.string(), z.string('settings values must be strings'), {
      error: (issue) => (issue.code === 'invalid_type' ? 'expected an object of string values' : undefined),
    }),
  ),
});

const targetsSchema = z
  .record(
    z.string().check(z.regex(TARGET_NAME_PATTERN, 'target names must match ^[A-Za-z0-9_-]{1,64}$')),
    targetSchema,
  )
  .check(z.refine((targets) => Object.keys(targets).length > 0, 'expected at least one target'));

/** One target as configured, validated. */
export interface TargetConfig {
  name: string;
  roleArn: string;
  /** The 12-digit account of roleArn. */
  accountId: string;
  region: string;
  externalId?: string | undefined;
  sessionDurationSeconds?: number | undefined;
  /** Default true: AssumeRole sends SourceIdentity = the function name. */
  sourceIdentity: boolean;
  /** Default true: the first AssumeRole starts at init. */
  prefetch: boolean;
  settings: Readonly<Record<string, string>>;
}

export interface Config {
  /** Targets by name, in the order they were configured. */
  targets: ReadonlyMap<string, TargetConfig>;
  /** Region of the function: the STS client's region. */
  region: string;
  /** Used in the RoleSessionName so CloudTrail in the target account shows who assumed the role. */
  functionName: string;
  /** AWS_LAMBDA_FUNCTION_NAME as set (undefined outside Lambda): the SourceIdentity. */
  lambdaFunctionName: string | undefined;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  maxAttempts: number;
}

export const TARGETS_FORM =
  'a JSON object keyed by target name (^[A-Za-z0-9_-]{1,64}$), each value {"roleArn": "arn:<partition>:iam::<12 digits>:role/<path/name>", ' +
  '"region": "<aws region>", "externalId"?: "<2-1224 chars of [\\w+=,.@:/-]>", "sessionDurationSeconds"?: 900..3600, ' +
  '"sourceIdentity"?: true|false, "prefetch"?: true|false, "settings"?: {"<key>": "<string>"}}';

export type Env = Record<string, string | undefined>;

function fail(variable: string, problem: string, form: string): never {
  throw new ConfigurationError(`${variable} is invalid: ${problem}. Expected ${form}.`);
}

/** Parses and validates CROSS_ACCOUNT_TARGETS (see TARGETS_FORM). */
export function parseTargets(env: Env): Map<string, TargetConfig> {
  const raw = env.CROSS_ACCOUNT_TARGETS;
  if (raw === undefined || raw.trim() === '') fail('CROSS_ACCOUNT_TARGETS', 'it is not set', TARGETS_FORM);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    fail('CROSS_ACCOUNT_TARGETS', 'it is not valid JSON', TARGETS_FORM);
  }
  const reserved = findReservedKey(json);
  if (reserved) {
    const key = reserved[reserved.length - 1];
    const what = reserved.length === 1 ? `target name "${key}"` : `key "${key}"`;
    fail('CROSS_ACCOUNT_TARGETS', `${formatKeyPath(reserved.slice(0, -1), '(root)')}: ${what} is reserved (${RESERVED_KEYS_RULE})`, TARGETS_FORM);
  }
  const result = targetsSchema.safeParse(json);
  if (!result.success) {
    const problems = formatIssues(result.error.issues, '(root)', true);
    fail('CROSS_ACCOUNT_TARGETS', problems, TARGETS_FORM);
  }
  return new Map(
    Object.entries(result.data).map(([name, { settings, sourceIdentity, prefetch, ...target }]) => [
      name,
      {
        ...target,
        name,
        accountId: ROLE_ARN_PATTERN.exec(target.roleArn)?.[1] ?? '',
        sourceIdentity: sourceIdentity ?? true,
        prefetch: prefetch ?? true,
        settings: Object.freeze({ ...settings }),
      },
    ]),
  );
}

function parseInteger(env: Env, variable: string, fallback: number, min: number, max: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(variable, `got ${JSON.stringify(raw.slice(0, 20))}`, `an integer ${min}..${max}`);
  }
  return value;
}

function required(env: Env, variable: string, form: string): string {
  const value = env[variable];
  if (value === undefined || value === '') fail(variable, 'it is not set', form);
  return value;
}

export function loadConfig(env: Env = process.env): Config {
  const targets = parseTargets(env);
  const region = required(env, 'AWS_REGION', 'the function region (Lambda sets it)');
  if (!REGION_PATTERN.test(region)) fail('AWS_REGION', 'it is not an AWS region', 'an AWS region such as eu-west-1');
  // Master credentials come from the Lambda environment (the execution role); fail early if absent.
  required(env, 'AWS_ACCESS_KEY_ID', "the execution role's credentials (Lambda sets them)");
  required(env, 'AWS_SECRET_ACCESS_KEY', "the execution role's credentials (Lambda sets them)");
  return {
    targets,
    region,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME || 'cross-account-function',
    lambdaFunctionName: env.AWS_LAMBDA_FUNCTION_NAME || undefined,
    connectTimeoutMs: parseInteger(env, 'CROSS_ACCOUNT_CONNECT_TIMEOUT_MS', 1000, 1, 900_000),
    requestTimeoutMs: parseInteger(env, 'CROSS_ACCOUNT_REQUEST_TIMEOUT_MS', 3000, 1, 900_000),
    maxAttempts: parseInteger(env, 'CROSS_ACCOUNT_MAX_ATTEMPTS', 3, 1, 10),
  };
}
