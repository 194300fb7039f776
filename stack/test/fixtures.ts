/** IAM fixtures the stack tests create through the gateway (as operators, so enforcement applies). */
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import type { Credentials, LocalStack } from '../src';

export const REGION = 'us-east-1';

export function iamAs(stack: LocalStack, credentials: Credentials): IAMClient {
  return new IAMClient({ endpoint: stack.endpoint, region: REGION, credentials });
}

export const lambdaTrust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

export async function createRole(
  iam: IAMClient,
  name: string,
  trust: object,
  inline?: object,
  path = '/',
): Promise<string> {
  const role = await iam.send(new CreateRoleCommand({ RoleName: name, Path: path, AssumeRolePolicyDocument: JSON.stringify(trust) }));
  if (inline) await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'inline', PolicyDocument: JSON.stringify(inline) }));
  return role.Role!.Arn!;
}

export function allow(action: string | string[], resource: string | string[]): object {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] };
}
