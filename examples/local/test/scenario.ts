/**
 * The Pinpoint endpoints flow (examples/local: both modules in one root with
 * two provider aliases): update and read back an endpoint through the real
 * shipped bundle, then two refusals (an operation outside the grant with the
 * function's own assumed credentials; another app of the target account).
 */
import { DeleteEndpointCommand } from '@aws-sdk/client-pinpoint';

import type { Scenario } from '../../../scripts/demo/scenario';
import { startFunctionProcess, type FunctionProcess } from '../../../stack/src/function-process';
import { assumeRole, awsErrorOf, onlyTarget, pinpointClient, sampleEndpoint, withPinpointApp, withTargets } from '../../../stack/src/local-flow';
import { provisionLocal } from '../../../stack/src/provision';

const ENDPOINT_ID = 'user-42-phone';

export const scenario: Scenario = {
  name: 'pinpoint',
  dirs: ['local'],
  proves: 'Pinpoint endpoints in another account: one role, one app, nothing else (end of support 2026-10-30; see customer-profiles)',
  async run({ stack, signal, report, onCleanup, log }) {
    const started = Date.now();
    const provisioned = await provisionLocal(stack, { signal, log, namePrefix: 'demo-pinpoint' });
    onCleanup(() => provisioned.destroy());
    const { target } = stack.accounts;
    report({
      passed: true,
      title: 'terraform apply examples/local: source-lambda in the source account, target-role in the target account',
      details: [`target role ${provisioned.targetRoleArn}: GetEndpoint/UpdateEndpoint on app ${provisioned.pinpointAppId} only`],
      ms: Date.now() - started,
    });

    const executionCredentials = await stack.lambdaServiceCredentials(provisioned.executionRoleArn, { functionArn: provisioned.functionArn });
    const start = async (env: Record<string, string>): Promise<FunctionProcess> => {
      const fn = await startFunctionProcess({
        env,
        credentials: executionCredentials,
        stackEndpoint: stack.endpoint,
        region: provisioned.region,
        functionName: provisioned.functionName,
      });
      onCleanup(() => fn.stop());
      return fn;
    };
    const fn = await start(provisioned.functionEnvironment);
    const [targetName, targetConfig] = onlyTarget(provisioned.functionEnvironment);

    const update = await fn.invoke({ operation: 'updateEndpoint', target: targetName, endpointId: ENDPOINT_ID, endpoint: sampleEndpoint });
    const updated = (update.result as { status?: string } | undefined)?.status === 'ok';
    report({
      passed: updated,
      title: `function updateEndpoint ${ENDPOINT_ID} in app ${provisioned.pinpointAppId} (account ${target})`,
      details: [updated ? 'status ok: the function assumed the target role and wrote the endpoint' : `unexpected: ${JSON.stringify(update.error ?? update.result)}`],
      ms: update.durationMs,
    });

    const get = await fn.invoke({ operation: 'getEndpoint', target: targetName, endpointId: ENDPOINT_ID });
    const got = get.result as { status?: string; endpoint?: { ChannelType?: string; OptOut?: string; Address?: string } } | undefined;
    const matches =
      got?.status === 'ok' &&
      got.endpoint?.ChannelType === sampleEndpoint.ChannelType &&
      got.endpoint?.OptOut === sampleEndpoint.OptOut &&
      got.endpoint?.Address === sampleEndpoint.Address;
    report({
      passed: matches,
      title: `function getEndpoint ${ENDPOINT_ID}: read back what was written`,
      details: [matches ? `ChannelType ${got?.endpoint?.ChannelType}, OptOut ${got?.endpoint?.OptOut}, address matches (not shown)` : `unexpected: ${JSON.stringify(get.error ?? got?.status)}`],
      ms: get.durationMs,
    });

    // An operation outside the grant, with the very credentials the function holds.
    const assumed = await assumeRole(stack.endpoint, executionCredentials, targetConfig.roleArn, {
      externalId: targetConfig.externalId,
      sessionName: `${provisioned.functionName}@${targetName}`,
    });
    try {
      await pinpointClient(stack.endpoint, assumed, targetConfig.region).send(new DeleteEndpointCommand({ ApplicationId: provisioned.pinpointAppId, EndpointId: ENDPOINT_ID }));
      report({ passed: false, title: 'DeleteEndpoint with the assumed target-role credentials was ALLOWED (the grant is too wide)' });
    } catch (err) {
      const { name, status } = awsErrorOf(err);
      report({ passed: status === 403, title: 'DeleteEndpoint with the assumed target-role credentials: refused', details: [`Pinpoint answered ${name} (HTTP ${status ?? '?'}): the role grants GetEndpoint/UpdateEndpoint only`] });
    }

    // Another app in the same target account, through the function.
    const other = await start(withTargets(provisioned.functionEnvironment, (targets) => ({ ...targets, 'other-app': withPinpointApp(targetConfig, provisioned.otherPinpointAppId) })));
    const otherUpdate = await other.invoke({ operation: 'updateEndpoint', target: 'other-app', endpointId: ENDPOINT_ID, endpoint: sampleEndpoint });
    const refused = otherUpdate.error?.errorType === 'AccessDeniedError';
    report({
      passed: refused,
      title: `function updateEndpoint in another app (${provisioned.otherPinpointAppId}) of the target account: refused`,
      details: [refused ? 'AccessDeniedError from Pinpoint: the role is scoped to one app' : `unexpected: ${JSON.stringify(otherUpdate.error ?? otherUpdate.result)}`],
      ms: otherUpdate.durationMs,
    });
  },
};
