/** The Pinpoint function's own error: the event broke its contract (see event.ts). */
import { CrossAccountError } from '../../src/errors';

/** The event broke the contract. Names the field and the rule; no AWS call was made. */
export class InvalidRequestError extends CrossAccountError {
  override readonly name = 'InvalidRequestError' as const;
}
