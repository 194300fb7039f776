/**
 * A fresh execution-role session, as Lambda hands one to each new execution
 * environment, already known to the stack when the function starts.
 *
 * The stack's IAM emulation reads the identity behind an access key it has
 * not seen from moto (sts:GetCallerIdentity, then iam:GetRole) and caches it:
 * the first request signed with a new key pays two extra moto round trips.
 * AWS has no such first-sight cost, and the direct baseline, which reuses one
 * target-role session for every environment, never pays it. So each fresh
 * session is introduced to the stack once (one GetCallerIdentity through the
 * gateway) before its environment starts: cold-start figures then compare
 * like with like.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Credentials, LocalStack } from '../../stack/src/types';

export async function introduce(stack: LocalStack, credentials: Credentials, region = 'us-east-1'): Promise<void> {
  const sts = new STSClient({ region, endpoint: stack.endpoint, credentials, maxAttempts: 1 });
  try {
    await sts.send(new GetCallerIdentityCommand({}));
  } finally {
    sts.destroy();
  }
}

export async function freshExecutionCredentials(
  stack: LocalStack,
  roleArn: string,
  opts: { functionArn: string; sessionName: string; durationSeconds?: number },
): Promise<Credentials> {
  const credentials = await stack.lambdaServiceCredentials(roleArn, { durationSeconds: opts.durationSeconds ?? 3600, sessionName: opts.sessionName, functionArn: opts.functionArn });
  await introduce(stack, credentials);
  return credentials;
}
