// Stands in for @smithy/core/event-streams in bundles built with the
// 'eventStreams' stub (bundle.mjs). The SDK's HTTP protocols import it lazily
// (`await import(...)`) and only for operations with an event-stream member;
// Pinpoint, STS and Customer Profiles have none. Were one ever called, it fails
// with this error instead of misbehaving.
const MESSAGE =
  'Event streams (@smithy/core/event-streams) are not in this bundle (bundled with the eventStreams stub): ' +
  'bundle without it to call an operation that streams events.';

export class EventStreamsRemovedError extends Error {
  constructor() {
    super(MESSAGE);
    this.name = 'EventStreamsRemovedError';
  }
}

const fail = () => {
  throw new EventStreamsRemovedError();
};

export class EventStreamSerde {
  constructor() {
    fail();
  }
}
export const eventStreamSerdeProvider = fail;
export const universalEventStreamSerdeProvider = fail;
export const resolveEventStreamSerdeConfig = (config) => config;
