/**
 * Reads identities and their policies from moto's IAM: who owns an access key
 * (STS GetCallerIdentity signed with that key: moto maps keys to accounts and
 * assumed-role sessions to their role), the principal ARN IAM conditions see
 * (a session's role ARN with its path), and the identity's policies (inline,
 * attached managed, groups, permissions boundary).
 *
 * Reads are cached briefly; `invalidate()` drops everything and the gateway
 * calls it on every IAM write that passes through it.
 */
import {
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsForUserCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  NoSuchEntityException,
  type IAMClient,
  type Role,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { NamedPolicy, PolicyDocument } from './evaluate';
import { decodePolicyDocument, parseRoleArn } from './policy-document';
import { RoleIdIndex } from './principal-ids';
import { motoIamClient, motoStsClientFor } from '../moto/moto-clients';
import type { CredentialRegistry } from '../gateway/credential-registry';

export interface CallerIdentity {
  accessKeyId: string;
  account: string;
  /** what STS GetCallerIdentity says: `arn:aws:sts::A:assumed-role/R/S` or `arn:aws:iam::A:user/U` */
  arn: string;
  /** what `aws:PrincipalArn` is: the role ARN (with path) for a session, else `arn` */
  principalArn: string;
  kind: 'role' | 'user';
  name: string;
  /** what `aws:userid` is: `RoleId:SessionName` for a session, the user id for a user */
  userId: string;
}

export interface RoleInfo {
  arn: string;
  /** the unique id (`AROA…`) */
  id: string;
  name: string;
  account: string;
  trustPolicy?: PolicyDocument;
  maxSessionDuration: number;
}

export interface IdentityPolicies {
  identityPolicies: NamedPolicy[];
  permissionBoundary?: NamedPolicy;
}

const TTL_MS = 10_000;

export class IdentityStore {
  private cache = new Map<string, { at: number; value: Promise<unknown> }>();
  private iamClients = new Map<string, IAMClient>();
  /** role ids written into trust policies (see principal-ids.ts) */
  readonly roleIds = new RoleIdIndex();

  constructor(
    private readonly motoEndpoint: string,
    private readonly known: CredentialRegistry,
  ) {}

  invalidate(): void {
    this.cache.clear();
  }

  /**
   * Records who holds a session the stack itself just issued (an AssumeRole through the gateway, Lambda's
   * execution-role session), so its first request needs no lookup in moto: AWS has no such first-request cost.
   * Kept like a looked-up identity (TTL_MS, dropped by invalidate()), then read from moto again.
   */
  rememberSession(accessKeyId: string, role: RoleInfo, session: { arn: string; assumedRoleId: string }): void {
    const identity: CallerIdentity = { accessKeyId, account: role.account, arn: session.arn, principalArn: role.arn, kind: 'role', name: role.name, userId: session.assumedRoleId };
    this.cache.set(`identity:${accessKeyId}`, { at: Date.now(), value: Promise.resolve(identity) });
  }

  /** undefined when moto doesn't know the key (moto answers with its default identity then). */
  identity(accessKeyId: string): Promise<CallerIdentity | undefined> {
    return this.cached(`identity:${accessKeyId}`, () => this.loadIdentity(accessKeyId));
  }

  role(roleArn: string): Promise<RoleInfo | undefined> {
    return this.cached(`role:${roleArn}`, () => this.loadRole(roleArn));
  }

  policies(identity: CallerIdentity): Promise<IdentityPolicies> {
    return this.cached(`policies:${identity.principalArn}`, () =>
      identity.kind === 'role' ? this.loadRolePolicies(identity) : this.loadUserPolicies(identity),
    );
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
    const value = load();
    this.cache.set(key, { at: Date.now(), value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  private iam(account: string): IAMClient {
    let client = this.iamClients.get(account);
    if (!client) {
      client = motoIamClient(this.motoEndpoint, account);
      this.iamClients.set(account, client);
    }
    return client;
  }

  private async loadIdentity(accessKeyId: string): Promise<CallerIdentity | undefined> {
    const sts = motoStsClientFor(this.motoEndpoint, accessKeyId, this.known.accountOf(accessKeyId));
    try {
      const who = await sts.send(new GetCallerIdentityCommand({}));
      const arn = who.Arn ?? '';
      const account = who.Account ?? '';
      // moto's answer for keys it has never issued
      if (arn.endsWith(':user/moto') && who.UserId === 'AKIAIOSFODNN7EXAMPLE') return undefined;
      const session = /^arn:[\w-]+:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
      if (session) {
        const roleName = session[2]!;
        const role = await this.findRoleByName(account, roleName);
        const partition = arn.split(':')[1]!;
        return {
          accessKeyId,
          account,
          arn,
          principalArn: role?.Arn ?? `arn:${partition}:iam::${account}:role/${roleName}`,
          kind: 'role',
          name: roleName,
          userId: who.UserId ?? '',
        };
      }
      const user = /^arn:[\w-]+:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(arn);
      if (user) return { accessKeyId, account, arn, principalArn: arn, kind: 'user', name: user[2]!, userId: who.UserId ?? '' };
      return undefined;
    } finally {
      sts.destroy();
    }
  }

  private async findRoleByName(account: string, name: string): Promise<Role | undefined> {
    try {
      return (await this.iam(account).send(new GetRoleCommand({ RoleName: name }))).Role;
    } catch (e) {
      if (e instanceof NoSuchEntityException || (e as Error).name === 'NoSuchEntity') return undefined;
      throw e;
    }
  }

  private async loadRole(roleArn: string): Promise<RoleInfo | undefined> {
    const parsed = parseRoleArn(roleArn);
    if (!parsed) return undefined;
    const role = await this.findRoleByName(parsed.account, parsed.name);
    // The ARN must match exactly, path included (AWS treats a wrong path as another role).
    if (!role || role.Arn !== roleArn) return undefined;
    const stored = decodePolicyDocument(role.AssumeRolePolicyDocument);
    // uncached: a trust policy may name its own role, whose cached load is this one
    const currentId = async (arn: string) => {
      const named = parseRoleArn(arn);
      const current = named ? await this.findRoleByName(named.account, named.name) : undefined;
      return current?.Arn === arn ? current.RoleId : undefined;
    };
    return {
      arn: roleArn,
      id: role.RoleId ?? '',
      name: parsed.name,
      account: parsed.account,
      ...(stored ? { trustPolicy: await this.roleIds.resolve(stored, currentId) } : {}),
      maxSessionDuration: role.MaxSessionDuration ?? 3600,
    };
  }

  private async managedPolicy(account: string, policyArn: string): Promise<NamedPolicy> {
    const iam = this.iam(account);
    const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: policyArn }))).Policy;
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: policy?.DefaultVersionId }));
    const document = decodePolicyDocument(version.PolicyVersion?.Document);
    if (!document) throw new Error(`managed policy ${policyArn} has no document`);
    return { name: policyArn, policy: document };
  }

  private async boundary(account: string, arn: string | undefined): Promise<NamedPolicy | undefined> {
    return arn ? this.managedPolicy(account, arn) : undefined;
  }

  private async loadRolePolicies(identity: CallerIdentity): Promise<IdentityPolicies> {
    const iam = this.iam(identity.account);
    const role = await this.findRoleByName(identity.account, identity.name);
    if (!role) return { identityPolicies: [] };
    const RoleName = identity.name;
    const inlineNames = (await iam.send(new ListRolePoliciesCommand({ RoleName }))).PolicyNames ?? [];
    const inline = await Promise.all(
      inlineNames.map(async (PolicyName) => {
        const doc = (await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }))).PolicyDocument;
        return { name: `${RoleName}/${PolicyName}`, policy: decodePolicyDocument(doc)! };
      }),
    );
    const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName }))).AttachedPolicies ?? [];
    const managed = await Promise.all(attached.map((p) => this.managedPolicy(identity.account, p.PolicyArn!)));
    const permissionBoundary = await this.boundary(identity.account, role.PermissionsBoundary?.PermissionsBoundaryArn);
    return { identityPolicies: [...inline, ...managed], ...(permissionBoundary ? { permissionBoundary } : {}) };
  }

  private async loadUserPolicies(identity: CallerIdentity): Promise<IdentityPolicies> {
    const iam = this.iam(identity.account);
    const UserName = identity.name;
    const user = (await iam.send(new GetUserCommand({ UserName }))).User;
    const inlineNames = (await iam.send(new ListUserPoliciesCommand({ UserName }))).PolicyNames ?? [];
    const inline = await Promise.all(
      inlineNames.map(async (PolicyName) => {
        const doc = (await iam.send(new GetUserPolicyCommand({ UserName, PolicyName }))).PolicyDocument;
        return { name: `${UserName}/${PolicyName}`, policy: decodePolicyDocument(doc)! };
      }),
    );
    const attached = (await iam.send(new ListAttachedUserPoliciesCommand({ UserName }))).AttachedPolicies ?? [];
    const managed = await Promise.all(attached.map((p) => this.managedPolicy(identity.account, p.PolicyArn!)));
    const groups = (await iam.send(new ListGroupsForUserCommand({ UserName }))).Groups ?? [];
    const groupPolicies = (
      await Promise.all(
        groups.map(async ({ GroupName }) => {
          const names = (await iam.send(new ListGroupPoliciesCommand({ GroupName }))).PolicyNames ?? [];
          const groupInline = await Promise.all(
            names.map(async (PolicyName) => {
              const doc = (await iam.send(new GetGroupPolicyCommand({ GroupName, PolicyName }))).PolicyDocument;
              return { name: `${GroupName}/${PolicyName}`, policy: decodePolicyDocument(doc)! };
            }),
          );
          const groupAttached = (await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName }))).AttachedPolicies ?? [];
          const groupManaged = await Promise.all(groupAttached.map((p) => this.managedPolicy(identity.account, p.PolicyArn!)));
          return [...groupInline, ...groupManaged];
        }),
      )
    ).flat();
    const permissionBoundary = await this.boundary(identity.account, user?.PermissionsBoundary?.PermissionsBoundaryArn);
    return { identityPolicies: [...inline, ...managed, ...groupPolicies], ...(permissionBoundary ? { permissionBoundary } : {}) };
  }
}
