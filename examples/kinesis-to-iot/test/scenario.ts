/**
 * make demo / order B: the source root applied FIRST. The function runs but
 * every record is refused (the target role does not exist yet: AssumeRole
 * denied, nothing published); once the target root is applied, 50 records go
 * through the event source mapping and are published, without redeploying
 * the function. With the target role's credentials, a topic outside the
 * prefix is refused (ForbiddenException).
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { IoTDataPlaneClient, PublishCommand } from '@aws-sdk/client-iot-data-plane';
import type { Check, Scenario, ScenarioContext } from '../../../scripts/demo/scenario';
import { applySource, applyTarget, names, REGION } from './deploy';
import { startHarness } from './harness';

export const SCENARIO_PREFIX = 'k2b';
const RECORDS = 50;

async function step(ctx: ScenarioContext, title: string, fn: () => Promise<string[] | void>): Promise<void> {
  const started = Date.now();
  try {
    const details = (await fn()) ?? undefined;
    ctx.report({ passed: true, title, ...(details ? { details } : {}), ms: Date.now() - started });
  } catch (error) {
    const check: Check = { passed: false, title, details: [(error as Error).message], ms: Date.now() - started };
    ctx.report(check);
    throw error;
  }
}

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

export const scenario: Scenario = {
  name: 'kinesis-to-iot',
  proves: 'Kinesis records published to IoT topics in another account through the event source mapping; refused before the target role exists and outside the topic prefix',
  async run(ctx) {
    const n = names(SCENARIO_PREFIX);
    const opts = { prefix: SCENARIO_PREFIX, log: ctx.log, signal: ctx.signal };
    const source = await applySource(ctx.stack, opts);
    ctx.onCleanup(() => source.destroy());
    const harness = await startHarness(ctx.stack, source, { topicPrefix: n.topic_prefix });
    ctx.onCleanup(() => harness.stop());

    await step(ctx, 'source root first: the record is reported failed (target role missing: AssumeRole refused), nothing published', async () => {
      const event = {
        Records: [{
          kinesis: { kinesisSchemaVersion: '1.0', partitionKey: 'dev-0', sequenceNumber: '1', data: Buffer.from('{"id":-1}').toString('base64'), approximateArrivalTimestamp: Date.now() / 1000 },
          eventSource: 'aws:kinesis', eventVersion: '1.0', eventID: 'shardId-000000000000:1', eventName: 'aws:kinesis:record',
          invokeIdentityArn: source.output('execution_role_arn'), awsRegion: REGION, eventSourceARN: source.output('stream_arn'),
        }],
      };
      const outcome = await harness.fn.invoke(event);
      const failed = (outcome.result as { batchItemFailures?: { itemIdentifier: string }[] } | undefined)?.batchItemFailures ?? [];
      expect(failed.length === 1 && failed[0]!.itemIdentifier === '1', `expected batchItemFailures [1], got ${JSON.stringify(outcome.result ?? outcome.error)}`);
      expect(harness.published().length === 0, 'something was published');
      expect(harness.fn.logs().some((l) => l.includes('AssumeRoleDeniedError')), 'no AssumeRoleDeniedError in the function log');
      return ['batchItemFailures: the one record; publish failed with AssumeRoleDeniedError'];
    });

    const target = await applyTarget(ctx.stack, opts);
    ctx.onCleanup(() => target.destroy());

    await step(ctx, `target root applied: ${RECORDS} records through the event source mapping, ${RECORDS} distinct publishes, no redeploy`, async () => {
      const input = Array.from({ length: RECORDS }, (_, id) => ({ data: Buffer.from(JSON.stringify({ id })), partitionKey: `dev-${id % 5}` }));
      await harness.put(input);
      await harness.poller.idle();
      const ids = new Set(harness.published().map((m) => (JSON.parse(m.payload.toString('utf8')) as { id: number }).id));
      expect(ids.size === RECORDS, `expected ${RECORDS} distinct publishes, got ${ids.size}`);
      const failures = await harness.drainFailures();
      expect(failures.length === 0, `${failures.length} batches reached the on-failure queue`);
      return [`${harness.published().length} publishes under ${n.topic_prefix}/, ${harness.invocations.length} invocation(s)`];
    });

    await step(ctx, 'the target role publishing outside its topic prefix: ForbiddenException', async () => {
      const execution = await ctx.stack.lambdaServiceCredentials(source.output('execution_role_arn'), { functionArn: source.output('function_arn') });
      const sts = new STSClient({ endpoint: ctx.stack.endpoint, region: REGION, credentials: execution });
      const session = (await sts.send(new AssumeRoleCommand({ RoleArn: target.output('role_arn'), RoleSessionName: 'demo', SourceIdentity: n.function_name }))).Credentials!;
      const iot = new IoTDataPlaneClient({
        endpoint: ctx.stack.endpoint,
        region: REGION,
        credentials: { accessKeyId: session.AccessKeyId!, secretAccessKey: session.SecretAccessKey!, sessionToken: session.SessionToken! },
      });
      try {
        await iot.send(new PublishCommand({ topic: `${n.topic_prefix}/dev-0`, payload: Buffer.from('{"id":-2}') }));
        const refused = await iot.send(new PublishCommand({ topic: 'other/dev-0', payload: Buffer.from('{"id":-3}') })).then(() => 'allowed', (e: Error) => e.name);
        expect(refused === 'ForbiddenException', `expected ForbiddenException, got ${refused}`);
        const prefixLookalike = await iot.send(new PublishCommand({ topic: `${n.topic_prefix}-other/dev-0`, payload: Buffer.from('{}') })).then(() => 'allowed', (e: Error) => e.name);
        expect(prefixLookalike === 'ForbiddenException', `expected ForbiddenException for a look-alike prefix, got ${prefixLookalike}`);
      } finally {
        iot.destroy();
        sts.destroy();
      }
      return [`${n.topic_prefix}/dev-0 allowed; other/dev-0 and ${n.topic_prefix}-other/dev-0 refused`];
    });
  },
};
