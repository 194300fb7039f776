/**
 * The Target handle: one named role in another account, with its one shared
 * credential source, its settings and `client()` for any AWS SDK v3 client.
 */
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { Pluggable } from '@smithy/types';
import type { Config, TargetConfig } from './config';
import { SOURCE_IDENTITY_PATTERN, assumeRoleCredentials } from './credentials/assume-role';
import { expiredSessionRetry } from './credentials/expired-session';
import { prefetchCredentials } from './credentials/prefetch';
import { renewAhead, type RenewingProvider } from './credentials/renew-ahead';
import { ConfigurationError, CrossAccountError, errorInfo } from './errors';
import { boundedHttpHandler } from './http';
import type { RuntimeLogger } from './logger';

/** What `client()` needs of an SDK v3 client: its middleware stack. Every SDK v3 client has one. */
export interface SdkClient {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: { use(pluggable: Pluggable<any, any>): void };
}

/** Any AWS SDK v3 client class (DynamoDBClient, SQSClient, S3Client, ...). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClientClass<C extends SdkClient = SdkClient> = new (...args: any[]) => C;

/** The configuration object of a client class, without `credentials` (always the target's). */
export type ClientOptions<T extends ClientClass> = Omit<NonNullable<ConstructorParameters<T>[0]>, 'credentials'>;

/** One target from CROSS_ACCOUNT_TARGETS. */
export interface Target {
  /** Key in CROSS_ACCOUNT_TARGETS. */
  readonly name: string;
  readonly roleArn: string;
  /** The 12-digit account of roleArn. */
  readonly accountId: string;
  /** Default region of every client() of this target. */
  readonly region: string;
  /** Free-form strings from the target's `settings` (Terraform `targets[name].settings`). */
  readonly settings: Readonly<Record<string, string>>;
  /**
   * `settings[key]`, or a ConfigurationError naming the variable, the target and the key.
   * @example
   * const queueUrl = target('analytics').setting('queueUrl');
   */
  setting(key: string): string;
  /**
   * The target's one credential provider: shared by every client, renewed ahead of expiry,
   * one AssumeRole in flight at a time. Pass it to anything that takes SDK v3 credentials.
   * @example
   * const credentials = await target('analytics').credentials();
   */
  readonly credentials: AwsCredentialIdentityProvider;
  /**
   * An SDK v3 client for this target: the shared credentials, the target's region (unless
   * `config.region` says otherwise), bounded connect/request timeouts, standard retries with
   * CROSS_ACCOUNT_MAX_ATTEMPTS, and one re-assume + retry when the service says the session
   * expired or is invalid. The same class and an equal config give the same instance, so
   * call it at module scope or in the handler alike.
   * @example
   * import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
   * const ddb = target('analytics').client(DynamoDBClient);
   * await ddb.send(new PutItemCommand({ TableName: target('analytics').setting('tableName'), Item: { id: { S: '1' } } }));
   */
  client<T extends ClientClass>(Client: T, config?: ClientOptions<T>): InstanceType<T>;
}

/** JSON of a plain-data config with sorted keys; undefined when it holds functions or class instances. */
function dataKey(value: unknown): string | undefined {
  try {
    return JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') throw new Error('not data');
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const proto = Object.getPrototypeOf(v) as unknown;
        if (proto !== Object.prototype && proto !== null) throw new Error('not data');
        return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)));
      }
      return v;
    });
  } catch {
    return undefined;
  }
}

class TargetHandle implements Target {
  readonly name: string;
  readonly roleArn: string;
  readonly accountId: string;
  readonly region: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly credentials: RenewingProvider;
  readonly #config: Config;
  readonly #clients = new Map<ClientClass, Map<unknown, SdkClient>>();

  constructor(target: TargetConfig, config: Config, logger: RuntimeLogger) {
    this.name = target.name;
    this.roleArn = target.roleArn;
    this.accountId = target.accountId;
    this.region = target.region;
    this.settings = target.settings;
    this.#config = config;
    const sourceIdentity =
      target.sourceIdentity && config.lambdaFunctionName && SOURCE_IDENTITY_PATTERN.test(config.lambdaFunctionName)
        ? config.lambdaFunctionName
        : undefined;
    const assume = assumeRoleCredentials({
      ...config,
      target: target.name,
      roleArn: target.roleArn,
      externalId: target.externalId,
      sessionDurationSeconds: target.sessionDurationSeconds,
      sourceIdentity,
      stsRegion: config.region,
    });
    const warn = (phase: string) => (error: unknown) =>
      logger.warn(`credential ${phase} failed; the next request will retry`, {
        target: target.name,
        roleArn: target.roleArn,
        errorName: error instanceof CrossAccountError ? (error.upstream ?? error.name) : errorInfo(error).name,
      });
    // `memoized` tells the SDK not to wrap it in a per-client memo: every client of the target then
    // reads this one memo, so a replaced session reaches all of them at once.
    this.credentials = Object.assign(renewAhead(assume, { onRenewError: warn('renewal') }), { memoized: true });
    if (target.prefetch) prefetchCredentials(this.credentials, warn('prefetch'));
  }

  setting(key: string): string {
    const value = Object.hasOwn(this.settings, key) ? this.settings[key] : undefined;
    if (value === undefined) {
      throw new ConfigurationError(
        `CROSS_ACCOUNT_TARGETS is invalid: target "${this.name}" has no setting "${key}". ` +
          `Expected "settings": {"${key}": "<string>"} on that target (Terraform: targets["${this.name}"].settings).`,
        { target: this.name, roleArn: this.roleArn },
      );
    }
    return value;
  }

  client<T extends ClientClass>(Client: T, config?: ClientOptions<T>): InstanceType<T> {
    let byConfig = this.#clients.get(Client);
    if (!byConfig) this.#clients.set(Client, (byConfig = new Map()));
    const key = config === undefined ? '' : (dataKey(config) ?? config);
    let client = byConfig.get(key);
    if (!client) {
      client = new Client({
        region: this.region,
        maxAttempts: this.#config.maxAttempts,
        retryMode: 'standard',
        requestHandler: boundedHttpHandler(this.#config),
        ...config,
        credentials: this.credentials,
      });
      client.middlewareStack.use(expiredSessionRetry(this.credentials));
      byConfig.set(key, client);
    }
    return client as InstanceType<T>;
  }
}

/** Builds one target's handle (and starts its prefetch unless the target opts out). */
export function createTarget(target: TargetConfig, config: Config, logger: RuntimeLogger): Target {
  return new TargetHandle(target, config, logger);
}
