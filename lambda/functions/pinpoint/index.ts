/**
 * The shipped Pinpoint endpoints function (handler `index.handler`), built on
 * the runtime. Everything here runs once per cold start: configuration is
 * parsed and validated (a bad environment fails the init with a
 * ConfigurationError) and each target's first AssumeRole starts without waiting
 * for it. The logger, the event schemas and each target's Pinpoint client are
 * built by the first invocation, while that AssumeRole is in flight, so module
 * load does not pay for them.
 */
import { createTargets } from '../../src/index';
import { lazyLogger } from '../shared/lazy-logger';
import { pinpointTargets } from './apps';
import { createHandler } from './handler';

const logger = lazyLogger('cross-account-pinpoint');
const targets = pinpointTargets(createTargets({ logger: logger.runtime }));

export const handler = createHandler({ targets, logger: logger.get });
