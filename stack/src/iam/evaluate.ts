/**
 * One way to ask "would AWS allow this request?" for everything in this repo
 * that needs an answer: the local stack's enforcement and the least-privilege
 * proof both call `evaluate`. The decision comes from @cloud-copilot/iam-simulate,
 * a maintained model of AWS's policy evaluation logic (identity policies,
 * resource policies, permission boundaries, cross-account rules, every
 * condition operator), not from matching written here.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: unknown;
}

export interface NamedPolicy {
  name: string;
  policy: PolicyDocument;
}

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface AuthorizationRequest {
  /**
   * The calling principal's ARN as IAM sees it in `aws:PrincipalArn`: for a
   * role session, the role's ARN (`arn:aws:iam::123456789012:role/path/name`);
   * for a user, the user's ARN; for a service, its name (`lambda.amazonaws.com`).
   */
  principal: string;
  /** `service:Action`, e.g. `mobiletargeting:GetEndpoint`. */
  action: string;
  /** The resource's ARN in the form the Service Authorization Reference gives. */
  resource: string;
  /** The account that owns the resource. */
  resourceAccount: string;
  /** Policies attached to the principal (inline and managed), empty for a service principal. */
  identityPolicies: NamedPolicy[];
  /** The principal's permissions boundary, if it has one. */
  permissionBoundary?: NamedPolicy;
  /** The resource's policy: for sts:AssumeRole, the role's trust policy. */
  resourcePolicy?: PolicyDocument;
  /** Request context keys beyond the ones derived here (aws:PrincipalArn, aws:PrincipalAccount). */
  context?: Record<string, string | string[]>;
}

export interface AuthorizationResult {
  decision: Decision;
  allowed: boolean;
}

/** Thrown when the engine cannot evaluate a request (malformed policy, unknown action, bad ARN). */
export class PolicyEvaluationError extends Error {
  override readonly name = 'PolicyEvaluationError';
  constructor(
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

const ACCOUNT_IN_ARN = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/;

/** The account a principal ARN belongs to, or undefined for a service principal. */
export function principalAccount(principalArn: string): string | undefined {
  return ACCOUNT_IN_ARN.exec(principalArn)?.[1];
}

export async function evaluate(request: AuthorizationRequest): Promise<AuthorizationResult> {
  const account = principalAccount(request.principal);
  const isService = account === undefined;
  const context: Record<string, string | string[]> = {
    ...(isService ? { 'aws:PrincipalServiceName': request.principal } : { 'aws:PrincipalArn': request.principal }),
    ...(account ? { 'aws:PrincipalAccount': account } : {}),
    ...request.context,
  };
  const simulation: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: context,
    },
    identityPolicies: request.identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
    ...(request.permissionBoundary ? { permissionBoundaryPolicies: [request.permissionBoundary] } : {}),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') {
    throw new PolicyEvaluationError(
      `IAM simulation could not evaluate ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`,
      result.errors,
    );
  }
  const decision = result.overallResult as Decision;
  return { decision, allowed: decision === 'Allowed' };
}
