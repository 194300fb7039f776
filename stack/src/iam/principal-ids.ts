/**
 * IAM stores a role named as an `AWS` principal by its unique id (`AROA…`),
 * not by its ARN: after the role is deleted and recreated under the same
 * name the old trust no longer matches, and GetRole shows the id. The gateway
 * writes the id into moto (services/iam/trust.ts) and remembers which ARN each
 * id was; for evaluation an id becomes that ARN again only while the role at
 * that ARN still has that id, and otherwise a principal that matches nobody.
 */
import type { PolicyDocument } from './evaluate';

export const ROLE_ID = /^AROA[A-Z0-9]{10,}$/;

type Statement = Record<string, unknown> & { Principal?: unknown };

/** Applies `map` to every `AWS` principal of every statement. */
export async function mapAwsPrincipals(document: PolicyDocument, map: (principal: string) => Promise<string>): Promise<PolicyDocument> {
  const statements = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]) as Statement[];
  const mapped = await Promise.all(
    statements.map(async (s) => {
      const principal = s.Principal as { AWS?: string | string[] } | string | undefined;
      if (!principal || typeof principal === 'string' || principal.AWS === undefined) return s;
      const aws = Array.isArray(principal.AWS) ? await Promise.all(principal.AWS.map(map)) : await map(principal.AWS);
      return { ...s, Principal: { ...principal, AWS: aws } };
    }),
  );
  return { ...document, Statement: Array.isArray(document.Statement) ? mapped : mapped[0] };
}

export class RoleIdIndex {
  private readonly arns = new Map<string, string>();

  remember(roleId: string, roleArn: string): void {
    this.arns.set(roleId, roleArn);
  }

  /** The trust policy as the engine must see it: live role ids as ARNs, stale ones as nobody. */
  resolve(document: PolicyDocument, currentId: (roleArn: string) => Promise<string | undefined>): Promise<PolicyDocument> {
    return mapAwsPrincipals(document, async (principal) => {
      if (!ROLE_ID.test(principal)) return principal;
      const arn = this.arns.get(principal);
      if (arn && (await currentId(arn)) === principal) return arn;
      const account = arn?.split(':')[4] ?? '000000000000';
      return `arn:aws:iam::${account}:role/deleted-principal/${principal}`;
    });
  }
}
