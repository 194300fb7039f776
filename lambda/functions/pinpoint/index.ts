/**
 * The shipped Pinpoint endpoints function (handler `index.handler`), built on
 * the runtime. Everything here runs once per cold start: configuration is
 * parsed and validated (a bad environment fails the init with a
 * ConfigurationError), each target's first AssumeRole starts without waiting
 * for it, and one Pinpoint client per target is built.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { createTargets } from '../../src/index';
import { pinpointTargets } from './apps';
import { createHandler } from './handler';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'cross-account-pinpoint' });
const targets = pinpointTargets(createTargets({ logger }));

export const handler = createHandler({ targets, logger });
