/**
 * The shipped Customer Profiles endpoints function (handler `index.handler`),
 * built on the runtime like the Pinpoint function. Everything here runs once per
 * cold start: configuration is parsed and validated (a bad environment or a
 * missing/malformed settings.customerProfilesDomain fails the init with a
 * ConfigurationError) and each target's first AssumeRole starts without waiting
 * for it. The logger and each target's Customer Profiles client are built by
 * the first invocation, while that AssumeRole is in flight.
 */
import { createTargets } from '../../../src/index';
import { lazyLogger } from '../../shared/lazy-logger';
import { createHandler } from './handler';
import { customerProfilesTargets } from './targets';

const logger = lazyLogger('cross-account-customer-profiles');
const targets = customerProfilesTargets(createTargets({ logger: logger.runtime }));

export const handler = createHandler({ targets, logger: logger.get });
