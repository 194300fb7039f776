/**
 * Account vending, straight against moto (no enforcement): an `operator` IAM
 * user with AdministratorAccess in the management account, and in every
 * member account an `OrganizationAccountAccessRole` with AdministratorAccess
 * that trusts that user.
 */
import { AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { motoIamClient } from './moto/moto-clients';

export const MANAGEMENT_ACCOUNT = '000000000000';
export const OPERATOR_USER = 'operator';
export const OPERATOR_ROLE = 'OrganizationAccountAccessRole';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

export interface Operator {
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export async function bootstrapAccounts(motoEndpoint: string, memberAccounts: readonly string[]): Promise<Operator> {
  const mgmt = motoIamClient(motoEndpoint, MANAGEMENT_ACCOUNT);
  try {
    const user = (await mgmt.send(new CreateUserCommand({ UserName: OPERATOR_USER }))).User!;
    await mgmt.send(new AttachUserPolicyCommand({ UserName: OPERATOR_USER, PolicyArn: ADMIN }));
    const key = (await mgmt.send(new CreateAccessKeyCommand({ UserName: OPERATOR_USER }))).AccessKey!;
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: user.Arn }, Action: 'sts:AssumeRole' }],
    };
    await Promise.all(
      memberAccounts.map(async (account) => {
        const iam = motoIamClient(motoEndpoint, account);
        try {
          await iam.send(new CreateRoleCommand({ RoleName: OPERATOR_ROLE, AssumeRolePolicyDocument: JSON.stringify(trust) }));
          await iam.send(new AttachRolePolicyCommand({ RoleName: OPERATOR_ROLE, PolicyArn: ADMIN }));
        } finally {
          iam.destroy();
        }
      }),
    );
    return { arn: user.Arn!, accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  } finally {
    mgmt.destroy();
  }
}
