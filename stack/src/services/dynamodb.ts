/**
 * DynamoDB (JSON protocol, `DynamoDB_20120810.*`). Resource: the table (or
 * its index for Query/Scan with IndexName); batch calls ask once per table,
 * transactions once per item with the item's own action; `*` for the
 * account-wide calls (ListTables, DescribeLimits, DescribeEndpoints).
 */
import { errorShape } from './errors';
import { fallbackName, field, targetOperation } from './protocol';
import type { Authorization, ServicePlugin } from './types';

/** TransactWriteItems / TransactGetItems item kinds → IAM action. */
export const TRANSACT_ACTION: Record<string, string> = {
  ConditionCheck: 'ConditionCheckItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Get: 'GetItem',
};

export const dynamodb: ServicePlugin = {
  name: 'dynamodb',
  signingNames: ['dynamodb'],
  terraformEndpoint: 'dynamodb',
  errors: errorShape('json'),
  operationName: (request) => targetOperation(request) ?? fallbackName(request),
  parse(request, caller) {
    const name = targetOperation(request);
    if (!name) return undefined;
    const table = (t: string) => (t.startsWith('arn:') ? t : `arn:aws:dynamodb:${request.region}:${caller.account}:table/${t}`);
    const ask = (action: string, resource: string): Authorization => ({ action: `dynamodb:${action}`, resource });
    const items = request.json.RequestItems;
    if (items && typeof items === 'object') return { name, authorizations: Object.keys(items).map((t) => ask(name, table(t))) };
    const transact = request.json.TransactItems;
    if (Array.isArray(transact)) {
      const authorizations = transact.flatMap((item: Record<string, { TableName?: string }>) =>
        Object.entries(item).map(([kind, body]) => ask(TRANSACT_ACTION[kind] ?? kind, table(body.TableName ?? ''))),
      );
      return { name, authorizations };
    }
    const tableName = field(request, 'TableName');
    const index = field(request, 'IndexName');
    const resource = field(request, 'ResourceArn') ?? (tableName ? `${table(tableName)}${index ? `/index/${index}` : ''}` : '*');
    return { name, authorizations: [ask(name, resource)] };
  },
};
