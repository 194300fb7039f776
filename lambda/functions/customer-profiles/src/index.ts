/**
 * Lambda entry point of the Customer Profiles function (handler `index.handler`).
 * At cold start: targets and their domains are read and validated (a bad
 * environment fails the init with a ConfigurationError), one Customer Profiles
 * client per target is built and each target's first AssumeRole is started.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { createHandler } from './handler';
import { AssumeRoleFailure } from './runtime';
import { createTargets } from './targets';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'cross-account-customer-profiles' });
const targets = createTargets(process.env, (target, phase, error) =>
  logger.warn(`credential ${phase} failed; the next request will retry`, {
    target,
    errorName: error instanceof AssumeRoleFailure ? error.upstreamName : error instanceof Error ? error.name : 'Error',
  }),
);

export const handler = createHandler({ targets, logger });
