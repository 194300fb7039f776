/**
 * The shipped Customer Profiles endpoints function (handler `index.handler`),
 * built on the runtime like the Pinpoint function. Everything here runs once per
 * cold start: configuration is parsed and validated (a bad environment or a
 * missing/malformed settings.customerProfilesDomain fails the init with a
 * ConfigurationError), each target's first AssumeRole starts without waiting
 * for it, and one Customer Profiles client per target is built.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { createTargets } from '../../../src/index';
import { createHandler } from './handler';
import { customerProfilesTargets } from './targets';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'cross-account-customer-profiles' });
const targets = customerProfilesTargets(createTargets({ logger }));

export const handler = createHandler({ targets, logger });
