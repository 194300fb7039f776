/** DynamoDB: a table read and written in the target account. */
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { defineService } from './service-types';

interface Fixture {
  table: string;
}

export const dynamodbService = defineService<Fixture>({
  service: 'dynamodb',
  label: 'DynamoDB',
  signingName: 'dynamodb',
  actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  async setup({ clientConfig, prefix }) {
    const table = `${prefix}-table`;
    const ddb = new DynamoDBClient(clientConfig);
    await ddb.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await ddb.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'seed' }, v: { S: 'seeded' } } }));
    return { table };
  },
  operations: [
    {
      name: 'GetItem',
      call: async (t, f) => (await t.client(DynamoDBClient).send(new GetItemCommand({ TableName: f.table, Key: { id: { S: 'seed' } } }))).Item?.v?.S,
      check: (v) => (v === 'seeded' ? undefined : 'wrong item'),
    },
    {
      name: 'PutItem',
      call: async (t, f) =>
        (await t.client(DynamoDBClient).send(new PutItemCommand({ TableName: f.table, Item: { id: { S: 'written' }, v: { S: 'x' } } }))).$metadata.httpStatusCode,
      check: (status) => (status === 200 ? undefined : `HTTP ${String(status)}`),
    },
  ],
});
