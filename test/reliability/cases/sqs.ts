/** SQS: the forwarder's queue. */
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { defineService } from './service-types';

interface Fixture {
  queueUrl: string;
}

// The queue URL names moto's host; the request goes to the configured endpoint (the fault proxy).
const config = { useQueueUrlAsEndpoint: false };

export const sqsService = defineService<Fixture>({
  service: 'sqs',
  label: 'SQS',
  signingName: 'sqs',
  actions: ['sqs:SendMessage', 'sqs:ReceiveMessage'],
  async setup({ clientConfig, prefix }) {
    const queue = await new SQSClient(clientConfig).send(new CreateQueueCommand({ QueueName: `${prefix}-queue` }));
    return { queueUrl: queue.QueueUrl ?? '' };
  },
  operations: [
    {
      name: 'SendMessage',
      call: async (t, f) => (await t.client(SQSClient, config).send(new SendMessageCommand({ QueueUrl: f.queueUrl, MessageBody: '{"n":1}' }))).MessageId,
      check: (id) => (typeof id === 'string' && id.length > 0 ? undefined : 'no MessageId'),
    },
    {
      name: 'ReceiveMessage',
      call: async (t, f) =>
        (await t.client(SQSClient, config).send(new ReceiveMessageCommand({ QueueUrl: f.queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 0 }))).$metadata
          .httpStatusCode,
      check: (status) => (status === 200 ? undefined : `HTTP ${String(status)}`),
    },
  ],
});
