/**
 * What each modules/target-role preset promises (from the Service Authorization
 * Reference and the service docs, written here independently of the module's
 * preset table), and the requests that probe it: the named resources, their
 * neighbours (sibling names, names sharing a string prefix, another account or
 * region) and neighbour actions. Expectations come from these promises only.
 */
import type { ArnScope } from './catalog';

/** One `permissions` entry as the fixture gives it to the module. */
export interface PresetInput {
  resources: string[];
  kms_key_arns?: string[];
  indexes?: string[];
  prefixes?: string[];
  recursive?: boolean;
  describe_endpoint?: boolean;
}

/** A condition the promise puts on a grant, checked against the request context. */
export interface ContextRule {
  key: string;
  /** equals: the key is one of values; like: matches one of the globs; not: absent or none of values. */
  test: 'equals' | 'like' | 'not';
  values: string[];
  text: string;
}

export interface PresetGrant {
  action: string;
  /** `*` globs allowed. */
  resource: string;
  rules?: ContextRule[];
  why: string;
}

/** A resource the matrix asks about, with the context to send for each action (or none). */
export interface Probe {
  note: string;
  resource: string;
  /** Account owning the resource (S3 ARNs carry none). */
  account: string;
  context?: Record<string, string>;
}

export interface PresetProbes {
  /** Services whose catalog is swept on the named resources (every action taking their resource types). */
  catalog: Array<{ service: string; resourceTypes: string[]; values: Record<string, string>; context?: Record<string, string> }>;
  /** Granted actions asked on these neighbours (each must be refused). */
  neighbours: Probe[];
  /** Extra requests: granted or neighbour actions with a given context. */
  extra: Array<Probe & { action: string }>;
}

const OTHER_ACCOUNT = '444444444444';

function otherRegion(region: string): string {
  return region === 'ap-southeast-2' ? 'ca-central-1' : 'ap-southeast-2';
}

const via = (service: string, region: string): string => `${service}.${region}.amazonaws.com`;

/** KMS actions each preset needs on its SSE-KMS keys, and the service they are bound to. */
const KMS: Record<string, { actions: string[]; service: string }> = {
  ssm_read: { actions: ['kms:Decrypt'], service: 'ssm' },
  sqs_send: { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], service: 'sqs' },
  s3_read: { actions: ['kms:Decrypt'], service: 's3' },
  s3_write: { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], service: 's3' },
  kinesis_write: { actions: ['kms:GenerateDataKey'], service: 'kinesis' },
};

const prefixesOf = (p: PresetInput): string[] => (p.prefixes ?? []).map((x) => `${x.replace(/\/$/, '')}/`);
const trimSlash = (name: string): string => name.replace(/^\//, '');

/** The permissions a preset promises, in the target account `scope`. */
export function presetGrants(preset: string, p: PresetInput, scope: ArnScope): PresetGrant[] {
  const { partition: P, region: R, account: A } = scope;
  const out: PresetGrant[] = [];
  const grant = (actions: string[], resources: string[], why: string, rules?: ContextRule[]): void => {
    for (const action of actions) for (const resource of resources) out.push({ action, resource, why, ...(rules ? { rules } : {}) });
  };
  const names = p.resources;
  switch (preset) {
    case 'pinpoint_endpoints':
      grant(['mobiletargeting:GetEndpoint', 'mobiletargeting:UpdateEndpoint'], names.map((n) => `arn:${P}:mobiletargeting:${R}:${A}:apps/${n}/endpoints/*`), 'endpoints of the app');
      break;
    case 'customer_profiles':
      grant(['profile:SearchProfiles', 'profile:UpdateProfile'], names.map((n) => `arn:${P}:profile:${R}:${A}:domains/${n}`), 'profiles of the domain');
      grant(
        ['profile:PutProfileObject', 'profile:PutProfileObjectType'],
        names.flatMap((n) => [`arn:${P}:profile:${R}:${A}:domains/${n}`, `arn:${P}:profile:${R}:${A}:domains/${n}/object-types/PinpointEndpoint`]),
        "the domain and the function's PinpointEndpoint object type",
      );
      break;
    case 'ssm_read': {
      const params = names.map((n) => `arn:${P}:ssm:${R}:${A}:parameter/${trimSlash(n)}`);
      grant(['ssm:GetParameter', 'ssm:GetParameters'], [...params, ...params.map((x) => `${x}/*`)], 'the parameter and those below its path');
      grant(['ssm:GetParametersByPath'], params, 'the path itself', p.recursive ? undefined : [{ key: 'ssm:Recursive', test: 'not', values: ['true'], text: 'not recursive' }]);
      break;
    }
    case 'sqs_send':
      grant(['sqs:SendMessage', 'sqs:GetQueueUrl'], names.map((n) => `arn:${P}:sqs:${R}:${A}:${n}`), 'the queue');
      break;
    case 'dynamodb_read': {
      const tables = names.map((n) => `arn:${P}:dynamodb:${R}:${A}:table/${n}`);
      grant(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:PartiQLSelect', 'dynamodb:DescribeTable'], tables, 'reads on the table');
      grant(['dynamodb:Query', 'dynamodb:Scan', 'dynamodb:PartiQLSelect'], tables.flatMap((t) => (p.indexes ?? []).map((i) => `${t}/index/${i}`)), 'reads on the named index');
      break;
    }
    case 'dynamodb_write':
      grant(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'], names.map((n) => `arn:${P}:dynamodb:${R}:${A}:table/${n}`), 'item writes on the table');
      break;
    case 's3_read': {
      const prefixes = prefixesOf(p);
      grant(['s3:ListBucket'], names.map((n) => `arn:${P}:s3:::${n}`), 'listing below the prefix', prefixes.length ? [{ key: 's3:prefix', test: 'like', values: prefixes.map((x) => `${x}*`), text: `s3:prefix under ${prefixes.join(', ')}` }] : undefined);
      grant(['s3:GetObject'], names.flatMap((n) => (prefixes.length ? prefixes : ['']).map((x) => `arn:${P}:s3:::${n}/${x}*`)), 'objects below the prefix');
      break;
    }
    case 's3_write': {
      const prefixes = prefixesOf(p);
      grant(['s3:PutObject'], names.flatMap((n) => (prefixes.length ? prefixes : ['']).map((x) => `arn:${P}:s3:::${n}/${x}*`)), 'objects below the prefix');
      break;
    }
    case 'iot_publish':
      grant(['iot:Publish'], names.map((n) => `arn:${P}:iot:${R}:${A}:topic/${n}`), 'the topic');
      if (p.describe_endpoint !== false) grant(['iot:DescribeEndpoint'], ['*'], 'the account data endpoint (AWS authorizes it on * only)');
      break;
    case 'kinesis_write':
      grant(['kinesis:PutRecord', 'kinesis:PutRecords'], names.map((n) => `arn:${P}:kinesis:${R}:${A}:stream/${n}`), 'the stream');
      break;
    default:
      throw new Error(`no promise written for preset ${preset}`);
  }
  const kms = KMS[preset];
  if (kms && p.kms_key_arns?.length) {
    grant(kms.actions, p.kms_key_arns, `SSE-KMS key through ${kms.service}`, [{ key: 'kms:ViaService', test: 'equals', values: [via(kms.service, R)], text: `via ${kms.service}` }]);
  }
  return out;
}

/** Whether the request context satisfies every rule. */
export function rulesHold(rules: ContextRule[] | undefined, context: Record<string, string | string[]> | undefined): boolean {
  return (rules ?? []).every((r) => {
    const v = context?.[r.key];
    const values = v === undefined ? [] : Array.isArray(v) ? v : [v];
    if (r.test === 'not') return values.every((x) => !r.values.includes(x));
    if (values.length === 0) return false;
    if (r.test === 'equals') return values.every((x) => r.values.includes(x));
    return values.every((x) => r.values.some((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(x)));
  });
}

/** The requests that probe a preset: named resources swept over the catalog, neighbours, contexts. */
export function presetProbes(preset: string, p: PresetInput, scope: ArnScope): PresetProbes {
  const { partition: P, region: R, account: A } = scope;
  const R2 = otherRegion(R);
  const name = p.resources[0] as string;
  const probes: PresetProbes = { catalog: [], neighbours: [], extra: [] };
  const regional = (service: string, resource: (n: string, region: string, account: string) => string, siblings: Array<[string, string]>): void => {
    for (const [note, n] of siblings) probes.neighbours.push({ note, resource: resource(n, R, A), account: A });
    probes.neighbours.push({ note: 'same name, another region', resource: resource(name, R2, A), account: A });
    probes.neighbours.push({ note: 'same name, another account', resource: resource(name, R, OTHER_ACCOUNT), account: OTHER_ACCOUNT });
    void service;
  };
  switch (preset) {
    case 'pinpoint_endpoints':
      probes.catalog.push({ service: 'mobiletargeting', resourceTypes: ['app', 'endpoint', 'events', 'attribute', 'campaign', 'segment', 'journey', 'channel', 'channels', 'event-stream', 'import-job', 'export-job'], values: { AppId: name, EndpointId: 'lp-endpoint-1' } });
      regional('mobiletargeting', (n, r, a) => `arn:${P}:mobiletargeting:${r}:${a}:apps/${n}/endpoints/lp-endpoint-1`, [['another app', 'a'.repeat(32)]]);
      break;
    case 'customer_profiles':
      probes.catalog.push({ service: 'profile', resourceTypes: ['domains', 'object-types', 'integrations'], values: { DomainName: name } });
      regional('profile', (n, r, a) => `arn:${P}:profile:${r}:${a}:domains/${n}`, [['a domain sharing the string prefix', `${name}-old`], ['another domain', 'lp-other-domain']]);
      probes.neighbours.push({ note: 'another object type of the domain', resource: `arn:${P}:profile:${R}:${A}:domains/${name}/object-types/PinpointEndpointOld`, account: A });
      probes.extra.push({ note: 'listing every domain of the account (no resource type: asked on *)', action: 'profile:ListDomains', resource: '*', account: A });
      break;
    case 'ssm_read': {
      const base = trimSlash(name);
      probes.catalog.push({ service: 'ssm', resourceTypes: ['parameter'], values: { ParameterNameWithoutLeadingSlash: base } });
      probes.catalog.push({ service: 'ssm', resourceTypes: ['parameter'], values: { ParameterNameWithoutLeadingSlash: `${base}/lp-child/config` } });
      regional('ssm', (n, r, a) => `arn:${P}:ssm:${r}:${a}:parameter/${n}`, [
        ['another path sharing the string prefix', `${base}-other`],
        ['a parameter below another path sharing the string prefix', `${base}-other/config`],
        ['a parameter whose name extends the path', `${base}config`],
      ]);
      const path = `arn:${P}:ssm:${R}:${A}:parameter/${base}`;
      probes.extra.push({ note: 'the path, Recursive=false', action: 'ssm:GetParametersByPath', resource: path, account: A, context: { 'ssm:Recursive': 'false' } });
      probes.extra.push({ note: 'the path, Recursive=true', action: 'ssm:GetParametersByPath', resource: path, account: A, context: { 'ssm:Recursive': 'true' } });
      probes.extra.push({ note: 'a path below, not named', action: 'ssm:GetParametersByPath', resource: `${path}/lp-child`, account: A });
      break;
    }
    case 'sqs_send':
      probes.catalog.push({ service: 'sqs', resourceTypes: ['queue'], values: { QueueName: name } });
      regional('sqs', (n, r, a) => `arn:${P}:sqs:${r}:${a}:${n}`, [
        ['the standard queue of the same stem', name.replace(/\.fifo$/, '')],
        ['a queue sharing the string prefix', name.replace(/(\.fifo)?$/, '-old$1')],
      ]);
      break;
    case 'dynamodb_read':
    case 'dynamodb_write': {
      const index = p.indexes?.[0] ?? 'lp-index';
      probes.catalog.push({ service: 'dynamodb', resourceTypes: ['table', 'index', 'stream'], values: { TableName: name, IndexName: index, StreamLabel: 'lp-stream' } });
      regional('dynamodb', (n, r, a) => `arn:${P}:dynamodb:${r}:${a}:table/${n}`, [['a table sharing the string prefix', `${name}-old`], ['another table', 'lp-other-table']]);
      if (p.indexes?.length) {
        probes.neighbours.push({ note: 'another index of the table', resource: `arn:${P}:dynamodb:${R}:${A}:table/${name}/index/${index}-old`, account: A });
        probes.neighbours.push({ note: 'the same index name on another table', resource: `arn:${P}:dynamodb:${R}:${A}:table/lp-other-table/index/${index}`, account: A });
      }
      break;
    }
    case 's3_read':
    case 's3_write': {
      const prefix = prefixesOf(p)[0] ?? '';
      const stem = prefix.replace(/\/$/, '');
      probes.catalog.push({ service: 's3', resourceTypes: ['bucket', 'object'], values: { BucketName: name, ObjectName: `${prefix}lp-object.csv` }, context: { 's3:prefix': prefix } });
      const obj = (bucket: string, key: string): Probe => ({ note: '', resource: `arn:${P}:s3:::${bucket}/${key}`, account: A });
      probes.neighbours.push({ ...obj(name, `${stem}-old/lp-object.csv`), note: `a prefix sharing the string prefix (${stem}-old/)` });
      probes.neighbours.push({ ...obj(name, `${stem}lp-object.csv`), note: 'a key extending the prefix without its slash' });
      probes.neighbours.push({ ...obj(name, 'lp-object.csv'), note: 'the bucket root' });
      probes.neighbours.push({ ...obj(`${name}-old`, `${prefix}lp-object.csv`), note: 'a bucket sharing the string prefix' });
      probes.neighbours.push({ ...obj('lp-other-bucket', `${prefix}lp-object.csv`), note: 'another bucket' });
      const bucket = `arn:${P}:s3:::${name}`;
      for (const [note, value] of [
        ['list the prefix', prefix],
        ['list below the prefix', `${prefix}2026/`],
        [`list a prefix sharing the string prefix (${stem}-old/)`, `${stem}-old/`],
        ['list the whole bucket (empty prefix)', ''],
      ] as const) {
        probes.extra.push({ note, action: 's3:ListBucket', resource: bucket, account: A, context: { 's3:prefix': value } });
      }
      probes.extra.push({ note: 'list without a prefix', action: 's3:ListBucket', resource: bucket, account: A });
      probes.extra.push({ note: 'list another bucket, same prefix', action: 's3:ListBucket', resource: `arn:${P}:s3:::${name}-old`, account: A, context: { 's3:prefix': prefix } });
      break;
    }
    case 'iot_publish':
      probes.catalog.push({ service: 'iot', resourceTypes: ['topic', 'topicfilter', 'client', 'thing', 'rule', 'retainedmessage'], values: { TopicName: name, TopicFilter: name, ClientId: 'lp-client', ThingName: 'lp-thing', RuleName: 'lp_rule' } });
      regional('iot', (n, r, a) => `arn:${P}:iot:${r}:${a}:topic/${n}`, [
        ['a topic sharing the string prefix', `${name}-old`],
        ['a topic below the topic', `${name}/sub`],
        ['the parent topic', name.replace(/\/[^/]+$/, '')],
        ['a sibling topic', name.replace(/[^/]+$/, 'lp-other')],
        ['the same topic in another case (topics are case-sensitive)', name.toUpperCase()],
        ['the topic with a trailing slash', `${name}/`],
        ['the topic filter form with a wildcard level', name.replace(/\/[^/]+\//, '/+/')],
      ]);
      probes.extra.push({ note: 'no narrower resource exists', action: 'iot:DescribeEndpoint', resource: '*', account: A });
      break;
    case 'kinesis_write':
      probes.catalog.push({ service: 'kinesis', resourceTypes: ['stream'], values: { StreamName: name } });
      regional('kinesis', (n, r, a) => `arn:${P}:kinesis:${r}:${a}:stream/${n}`, [['a stream sharing the string prefix', `${name}-old`]]);
      break;
    default:
      throw new Error(`no probes written for preset ${preset}`);
  }
  const kms = KMS[preset];
  const key = p.kms_key_arns?.[0];
  if (kms && key) {
    const keyId = key.split('/').pop() as string;
    const right = { 'kms:ViaService': via(kms.service, R) };
    probes.catalog.push({ service: 'kms', resourceTypes: ['key'], values: { KeyId: keyId }, context: right });
    const keyArn = (id: string, r: string, a: string): string => `arn:${P}:kms:${r}:${a}:key/${id}`;
    for (const action of [...kms.actions, 'kms:Encrypt', 'kms:ReEncryptFrom', 'kms:GenerateDataKeyWithoutPlaintext']) {
      probes.extra.push({ note: 'the key, called directly (no kms:ViaService)', action, resource: key, account: A });
      probes.extra.push({ note: 'the key, through another service', action, resource: key, account: A, context: { 'kms:ViaService': via(kms.service === 'sqs' ? 'sns' : 'sqs', R) } });
      probes.extra.push({ note: 'the key, through the service in another region', action, resource: key, account: A, context: { 'kms:ViaService': via(kms.service, R2) } });
    }
    for (const [note, arn, account] of [
      ['another key', keyArn(`${keyId}-other`, R, A), A],
      ['same key id, another region', keyArn(keyId, R2, A), A],
      ['same key id, another account', keyArn(keyId, R, OTHER_ACCOUNT), OTHER_ACCOUNT],
    ] as const) {
      for (const action of kms.actions) probes.extra.push({ note, action, resource: arn, account, context: right });
    }
  }
  return probes;
}
