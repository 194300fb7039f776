/**
 * The targets of a function: `createTargets` builds them from an environment
 * (validated once: a ConfigurationError names the variable, the target and the
 * rule), and `target()` / `targets()` read the lazily built default set from
 * `process.env`.
 */
import { loadConfig, type Env } from './config';
import { UnknownTargetError } from './errors';
import { jsonLineLogger, type RuntimeLogger } from './logger';
import { createTarget, type Target } from './target';

export interface TargetsOptions {
  /** Default `process.env`. */
  env?: Env;
  /** Where background AssumeRole failures (prefetch, renewal) are reported. Default: one JSON line on stderr. */
  logger?: RuntimeLogger;
}

/**
 * Every configured target, in configuration order. Starts each target's first
 * AssumeRole (unless it sets `"prefetch": false`).
 * @example
 * const all = createTargets({ env: process.env, logger });
 * const analytics = all.get('analytics');
 */
export function createTargets(options: TargetsOptions = {}): ReadonlyMap<string, Target> {
  const config = loadConfig(options.env ?? process.env);
  const logger = options.logger ?? jsonLineLogger;
  return new Map([...config.targets].map(([name, target]) => [name, createTarget(target, config, logger)]));
}

let defaults: ReadonlyMap<string, Target> | undefined;

/**
 * Every target from the function's environment, in configuration order (for fan-out
 * across accounts). The first call of `targets()` or `target()` reads and validates
 * CROSS_ACCOUNT_TARGETS and starts the AssumeRoles: call it at module scope.
 * @example
 * const readers = [...targets().values()].map((t) => ({ t, s3: t.client(S3Client) }));
 */
export function targets(): ReadonlyMap<string, Target> {
  defaults ??= createTargets();
  return defaults;
}

/**
 * The target `name` from the function's environment (`name` may be left out when exactly
 * one target is configured). Throws UnknownTargetError for a name that is not configured.
 * @example
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { target } from 'cross-account-lambda';
 * const analytics = target('analytics');
 * const ddb = analytics.client(DynamoDBClient);
 */
export function target(name?: string): Target {
  return pick(targets(), name);
}

/** `name` out of `all`, or the only one when `name` is undefined. */
export function pick(all: ReadonlyMap<string, Target>, name: string | undefined): Target {
  if (name === undefined && all.size === 1) return [...all.values()][0] as Target;
  const found = name === undefined ? undefined : all.get(name);
  if (!found) throw new UnknownTargetError(name ?? '(no name given)', [...all.keys()]);
  return found;
}
