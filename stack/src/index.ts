/** The local AWS stack: moto behind a TypeScript gateway that enforces IAM and emulates Pinpoint endpoints. */
export { startLocalStack } from './local-stack';
export { startEventSourceMappings } from './event-sources/kinesis-mappings';
export type { EventSourceMappings, EventSourceOptions, Invoker } from './event-sources/kinesis-mappings';
export type {
  Credentials,
  Decision,
  FaultOptions,
  EmulatedServices,
  Latency,
  LocalStack,
  PublishedMessage,
  RequestFilter,
  RequestRecord,
  StackAccounts,
  StackClock,
  StackOptions,
} from './types';
