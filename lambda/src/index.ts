/**
 * Lambda entry point (handler `index.handler`). Everything here runs once per
 * cold start: configuration is parsed and validated (a bad environment fails
 * the init with a ConfigurationError), one Pinpoint client per target is built
 * and each target's first AssumeRole is started without waiting for it.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig } from './config';
import { AssumeRoleFailure } from './credentials';
import { createHandler } from './handler';
import { createTargets } from './targets';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'cross-account-pinpoint' });
const config = loadConfig(process.env);
const targets = createTargets(config, (target, phase, error) =>
  logger.warn(`credential ${phase} failed; the next request will retry`, {
    target,
    errorName: error instanceof AssumeRoleFailure ? error.upstreamName : error instanceof Error ? error.name : 'Error',
  }),
);

export const handler = createHandler({ config, targets, logger });
