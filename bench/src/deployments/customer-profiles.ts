/**
 * The shipped Customer Profiles function on examples/customer-profiles (a
 * domain and the customer_profiles preset in the target account), serving
 * the same getEndpoint event as the Pinpoint function on the bench's own
 * deployment: one endpoint, written once through the function before timing.
 */
import path from 'node:path';
import { applyRoot } from '../../../stack/src/apply-root';
import { onlyTarget, sampleEndpoint } from '../../../stack/src/local-flow';
import { repoRoot } from '../approaches';
import { startFresh } from './start';
import type { OwnDeployment } from './types';

const REGION = 'eu-west-1';
const ENDPOINT_ID = 'bench-endpoint-1';
const statusOf = (result: unknown): unknown => (result as { status?: unknown } | undefined)?.status;

export const customerProfiles: OwnDeployment = {
  workload: "the Pinpoint function's getEndpoint event unchanged: one SearchProfiles for the endpoint's profile",
  services: ['customer-profiles'],
  async deploy(stack, { prefix, log }) {
    const names = { function_name: `${prefix}-fn`, target_role_name: `${prefix}-target`, domain_name: `${prefix}-crm` };
    const [source] = await Promise.all([
      applyRoot(stack, {
        dir: 'examples/customer-profiles/source',
        account: stack.accounts.source,
        region: REGION,
        vars: { region: REGION, target_region: REGION, function_name: names.function_name, target_role_name: names.target_role_name, domain_name: names.domain_name },
        log,
      }),
      applyRoot(stack, {
        dir: 'examples/customer-profiles/target',
        account: stack.accounts.target,
        region: REGION,
        vars: { region: REGION, domain_name: names.domain_name, role_name: names.target_role_name, execution_role_name: names.function_name, default_expiration_days: 30 },
        log,
      }),
    ]);
    const [targetName] = onlyTarget(source.outputs.environment_variables as Record<string, string>);
    const fn = { bundlePath: path.join(repoRoot, 'dist', 'customer-profiles', 'index.js'), source, region: REGION };
    const event = { operation: 'getEndpoint', target: targetName, endpointId: ENDPOINT_ID };
    const seed = await startFresh(stack, fn);
    try {
      const out = await seed.process.invoke({ ...event, operation: 'updateEndpoint', endpoint: sampleEndpoint });
      if (statusOf(out.result) !== 'ok') throw new Error(`seeding the bench endpoint failed: ${out.error?.errorType ?? JSON.stringify(out.result)}`);
    } finally {
      await seed.process.stop();
    }
    return {
      source,
      start: () => startFresh(stack, fn),
      event: () => event,
      failure: (out) => (out.error ? out.error.errorType : statusOf(out.result) === 'ok' ? undefined : `status:${String(statusOf(out.result))}`),
    };
  },
};
