/**
 * The shipped Pinpoint endpoints function (handler `index.handler`), built on
 * the runtime. Everything here runs once per cold start: configuration is
 * parsed and validated (a bad environment fails the init with a
 * ConfigurationError) and each target's first AssumeRole starts without waiting
 * for it. Each target's Pinpoint client is built by the first invocation that
 * uses it, while that AssumeRole is in flight, so module load does not pay for it.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { createTargets } from '../../src/index';
import { pinpointTargets } from './apps';
import { createHandler } from './handler';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'cross-account-pinpoint' });
const targets = pinpointTargets(createTargets({ logger }));

export const handler = createHandler({ targets, logger });
