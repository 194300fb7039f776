/**
 * A service of the fault matrix that the runtime library is driven for
 * directly (services.test.ts): one `cases/<service>.ts` file exports one
 * `ServiceEntry`: what to create in the target account, what the target role
 * may do, and the operations to call through `Target.client(...)`. The fault
 * rows themselves are generic (cases/service-matrix.ts), so adding a service
 * is that one file plus its line in cases/services.ts.
 */
import type { Target } from '../../../lambda/src/index';
import type { Credentials, LocalStack } from '../../../stack/src/index';

/** What a service's setup gets: the target account, with admin rights, reached directly (no proxy). */
export interface AdminContext {
  stack: LocalStack;
  /** The account the target role lives in. */
  account: string;
  region: string;
  /** Prefix for every name the setup creates. */
  prefix: string;
  /** Config for SDK clients acting as the account's admin against the stack. */
  clientConfig: { region: string; endpoint: string; credentials: Credentials };
}

export interface OperationEntry<F> {
  /** The operation as the SDK and the errors name it (`GetParameter`). */
  name: string;
  /** One good call through the target's client, its output fully read; resolves with what `check` inspects. */
  call(target: Target, fixture: F): Promise<unknown>;
  /** Why the output of a good call is wrong, or undefined when it is right. */
  check?(output: unknown, fixture: F): string | undefined;
  /**
   * The output body is a stream the caller reads after send() returned (S3 GetObject): the attempt's
   * deadline still ends it, but the SDK's retries are over by then, so a body fault is not retried.
   */
  streamingOutput?: boolean;
}

export interface ServiceEntry<F = unknown> {
  /** Name in the report (`ssm`, `iot-data`): the local stack's plug-in name. */
  service: string;
  /** The service as the handler names it to toCrossAccountError (`SSM`, `IoT data`). */
  label: string;
  /** SigV4 signing name, which the fault proxy classifies by (`ssm`, `iotdata`, `profile`). */
  signingName: string;
  /** IAM actions the target role is granted (on `*`: the matrix is about faults, not least privilege). */
  actions: string[];
  /** Creates what the operations act on, in the target account; its result is handed to every call. */
  setup(admin: AdminContext): Promise<F>;
  operations: ReadonlyArray<OperationEntry<F>>;
}

/** A ServiceEntry whose fixture type is checked where it is written, and erased where entries are listed together. */
export function defineService<F>(entry: ServiceEntry<F>): ServiceEntry {
  return entry as unknown as ServiceEntry;
}
