/**
 * Work the examples own that joins docs/reliability.{md,json}, wired in one
 * line each (extras-adapter.ts says how they run; extras.test.ts runs them).
 * Until a line is wired the report keeps its figures: soak null, and the
 * bad-input counts of test/reliability/corpus only.
 */
import { BAD_EVENTS } from '../../examples/forwarder/test/bad-events';
import { badKinesisEvents } from '../../examples/kinesis-to-iot/test/bad-events';
import { runSoak } from '../../examples/kinesis-to-iot/test/soak';
import { corpus, type CorpusSource, type Handler, type SoakRun } from './extras-adapter';

/** The Kinesis->IoT soak (examples/kinesis-to-iot/test/soak.ts): RELIABILITY_SOAK_RECORDS records. */
export const soak: SoakRun | undefined = runSoak;

/** The example's handler module, loaded fresh (inside the adapter's isolated module registry). */
const loadExample = (name: string) => async (): Promise<Handler> =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(`../../examples/${name}/src/index`) as { handler: Handler }).handler;

/** The environment each example's module needs at load: one target, the settings its init checks. */
const targetEnv = (settings: Record<string, string>): Record<string, string> => ({
  AWS_LAMBDA_FUNCTION_NAME: 'corpus-function',
  CROSS_ACCOUNT_TARGETS: JSON.stringify({
    corpus: { roleArn: 'arn:aws:iam::222222222222:role/corpus-role', region: 'us-east-1', settings },
  }),
});

/** Bad-input corpora of the other function shapes (the direct-invoke corpus is test/reliability/corpus). */
export const corpora: CorpusSource[] = [
  corpus('forwarder', 'function URL / HTTP events', BAD_EVENTS, loadExample('forwarder'),
    targetEnv({
      configParameter: '/corpus/config',
      credentialParameter: '/corpus/credential',
      queueUrl: 'https://sqs.us-east-1.amazonaws.com/222222222222/corpus-queue',
      tableName: 'corpus-items',
      tableKey: 'id',
      indexName: 'by-status',
      indexKey: 'status',
    }),
  ),
  corpus('kinesis-to-iot', 'Kinesis events', badKinesisEvents, loadExample('kinesis-to-iot'),
    targetEnv({ topicPrefix: 'corpus/telemetry', iotEndpoint: 'corpus-ats.iot.us-east-1.amazonaws.com' }),
  ),
];
