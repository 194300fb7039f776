/** The DynamoDB reads of GET: GetItem by the table key, Query on the GSI; items as plain JSON. */
import type { AttributeValue, GetItemCommandInput, QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

import type { ForwarderSettings } from './settings';

type Table = Pick<ForwarderSettings, 'tableName' | 'tableKey' | 'indexName' | 'indexKey'>;

export function getItemInput(table: Table, id: string): GetItemCommandInput {
  return { TableName: table.tableName, Key: { [table.tableKey]: { S: id } } };
}

export function queryInput(table: Table, value: string, limit: number): QueryCommandInput {
  return {
    TableName: table.tableName,
    IndexName: table.indexName,
    KeyConditionExpression: '#k = :v',
    ExpressionAttributeNames: { '#k': table.indexKey },
    ExpressionAttributeValues: { ':v': { S: value } },
    Limit: limit,
  };
}

export function toJson(item: Record<string, AttributeValue>): Record<string, unknown> {
  return unmarshall(item, { wrapNumbers: false, convertWithoutMapWrapper: false }) as Record<string, unknown>;
}
