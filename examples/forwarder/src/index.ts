/**
 * examples/forwarder: a function URL (or API Gateway HTTP API v2) in the
 * source account that forwards to the target account: POST/PATCH → SQS,
 * GET → DynamoDB, configuration and credential from SSM. See ../README.md.
 *
 * Module scope (init): the target from CROSS_ACCOUNT_TARGETS (its AssumeRole
 * starts now), one client per service, the settings checked, and the SSM load
 * started, so the first request usually finds everything ready.
 */
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { target } from 'cross-account-lambda';

import { createForwarder } from './forwarder';
import { readSettings } from './settings';

const forwarder = target();
const ssm = forwarder.client(SSMClient);
// The queue URL names the queue, not the endpoint: requests go to the SDK's endpoint for the target's region.
const sqs = forwarder.client(SQSClient, { useQueueUrlAsEndpoint: false });
const dynamodb = forwarder.client(DynamoDBClient);

export const handler = createForwarder({
  target: forwarder,
  settings: readSettings(forwarder),
  calls: {
    getParameters: (input) => ssm.send(new GetParametersCommand(input)),
    sendMessage: (input) => sqs.send(new SendMessageCommand(input)),
    getItem: (input) => dynamodb.send(new GetItemCommand(input)),
    query: (input) => dynamodb.send(new QueryCommand(input)),
  },
});
