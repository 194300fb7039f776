/**
 * The shipped functions' Powertools logger, built on first use instead of at
 * module load: the first invocation builds it while the init-time AssumeRole
 * is in flight (about 6 ms of CPU that module load no longer pays). `get` is
 * for the handler; `runtime` is the runtime's logger for background
 * AssumeRole failures, which builds it too if it comes first.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { RuntimeLogger } from '../../src/index';

export interface LazyLogger {
  get: () => Logger;
  runtime: RuntimeLogger;
}

export function lazyLogger(defaultServiceName: string): LazyLogger {
  let logger: Logger | undefined;
  const get = (): Logger => (logger ??= new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || defaultServiceName }));
  return { get, runtime: { warn: (message, fields) => get().warn(message, fields) } };
}
