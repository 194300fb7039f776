/**
 * The forwarder example on examples/forwarder (SSM configuration and a KMS
 * SecureString, an SQS queue and a DynamoDB table in the target account),
 * serving what it is for: a function URL POST /items that it forwards to the
 * queue (202 when the message is sent).
 */
import { applyRoot } from '../../../stack/src/apply-root';
import { BUNDLE, REGION, urlEvent } from '../../../examples/forwarder/test/deploy';
import { startFresh } from './start';
import type { OwnDeployment } from './types';

const ZIP = BUNDLE.replace(/index\.js$/, 'function.zip');
const statusCodeOf = (result: unknown): unknown => (result as { statusCode?: unknown } | undefined)?.statusCode;

export const forwarder: OwnDeployment = {
  workload: 'a function URL POST /items forwarded to SQS (SendMessage; SSM configuration and the KMS SecureString read at init)',
  services: ['sqs', 'ssm', 'kms', 'dynamodb'],
  async deploy(stack, { prefix, log }) {
    const names = { role: `${prefix}-target`, fn: `${prefix}-fn` };
    const common = { name_prefix: prefix, fifo: false };
    const [source] = await Promise.all([
      applyRoot(stack, {
        dir: 'examples/forwarder/source',
        account: stack.accounts.source,
        region: REGION,
        vars: { ...common, region: REGION, target_region: REGION, function_name: names.fn, target_role_name: names.role, package_path: ZIP },
        log,
      }),
      applyRoot(stack, {
        dir: 'examples/forwarder/target',
        account: stack.accounts.target,
        region: REGION,
        vars: { ...common, region: REGION, role_name: names.role, execution_role_name: names.fn, config_source: `${prefix}-api`, credential_value: `bench-${prefix}-secret` },
        log,
      }),
    ]);
    const fn = { bundlePath: BUNDLE, source, region: REGION };
    return {
      source,
      start: () => startFresh(stack, fn),
      event: (i) => urlEvent('POST', '/items', { body: JSON.stringify({ order: `bench-${i}`, status: 'open' }) }),
      failure: (out) => (out.error ? out.error.errorType : statusCodeOf(out.result) === 202 ? undefined : `statusCode:${String(statusCodeOf(out.result))}`),
    };
  },
};
