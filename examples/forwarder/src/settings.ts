/**
 * The forwarder's settings, from its target's `settings` (Terraform:
 * modules/source-lambda targets.<name>.settings), read and checked once at
 * init: a missing or malformed one fails the init naming the key.
 */
import { ConfigurationError, type Target } from 'cross-account-lambda';

export interface ForwarderSettings {
  /** SSM String parameter holding the JSON configuration (config.ts) */
  configParameter: string;
  /** SSM SecureString parameter holding the signing credential */
  credentialParameter: string;
  queueUrl: string;
  /** the queue is FIFO (its name ends in .fifo) */
  fifo: boolean;
  tableName: string;
  /** the table's partition key attribute (string) */
  tableKey: string;
  indexName: string;
  /** the GSI's partition key attribute (string): also the query string parameter of GET /items */
  indexKey: string;
  /** how long the SSM values are cached (settings.configTtlSeconds, default 300) */
  configTtlMs: number;
}

const QUEUE_URL = /^https:\/\/[A-Za-z0-9.-]+\/[0-9]{12}\/[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const ATTRIBUTE = /^[A-Za-z0-9_.-]{1,255}$/;

export function readSettings(target: Pick<Target, 'name' | 'setting' | 'settings'>): ForwarderSettings {
  const get = (key: string, pattern: RegExp, rule: string, fallback?: string): string => {
    const value = fallback !== undefined ? (target.settings[key] ?? fallback) : target.setting(key);
    if (!pattern.test(value)) {
      throw new ConfigurationError(`CROSS_ACCOUNT_TARGETS: target "${target.name}" settings.${key}: ${rule}`, { target: target.name });
    }
    return value;
  };
  const queueUrl = get('queueUrl', QUEUE_URL, 'expected https://<host>/<12-digit account>/<queue name>');
  const ttl = Number(get('configTtlSeconds', /^[0-9]{1,5}$/, 'expected whole seconds, 0-99999', '300'));
  return {
    configParameter: get('configParameter', /^\/[A-Za-z0-9_./-]{1,1010}$/, 'expected a parameter name starting with "/"'),
    credentialParameter: get('credentialParameter', /^\/[A-Za-z0-9_./-]{1,1010}$/, 'expected a parameter name starting with "/"'),
    queueUrl,
    fifo: queueUrl.endsWith('.fifo'),
    tableName: get('tableName', /^[A-Za-z0-9_.-]{3,255}$/, 'expected a DynamoDB table name'),
    tableKey: get('tableKey', ATTRIBUTE, 'expected an attribute name'),
    indexName: get('indexName', /^[A-Za-z0-9_.-]{3,255}$/, 'expected a DynamoDB index name'),
    indexKey: get('indexKey', ATTRIBUTE, 'expected an attribute name'),
    configTtlMs: ttl * 1000,
  };
}
