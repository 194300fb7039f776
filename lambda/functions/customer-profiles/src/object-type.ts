/**
 * The profile object type that gives every endpoint id exactly one profile.
 *
 * Its key `pinpointEndpointId` is both PROFILE (it ties an object to a profile
 * and is searchable with SearchProfiles) and UNIQUE (it identifies the object:
 * putting the same endpoint id again updates that one object instead of adding
 * one). With AllowProfileCreation the service itself creates the profile when
 * no profile holds the key yet, so creating a profile is never a
 * search-then-create race in this function: see "Concurrency" in ../README.md.
 *
 * hashicorp/aws 5.100 has no resource for object types, so the function puts
 * this definition itself (PutProfileObjectType, an idempotent PUT) the first
 * time PutProfileObject says the type does not exist.
 */
import type { PutProfileObjectTypeCommandInput } from '@aws-sdk/client-customer-profiles';

/** Object type names: ^[a-zA-Z_][a-zA-Z_-]*$ and not starting with "_" (reserved for standard types). */
export const ENDPOINT_OBJECT_TYPE = 'PinpointEndpoint';

/** Key names are global to a domain: this one is specific enough not to meet another integration's values. */
export const ENDPOINT_KEY = 'pinpointEndpointId';

export function endpointObjectTypeDefinition(
  domainName: string,
  objectTypeName: string = ENDPOINT_OBJECT_TYPE,
): PutProfileObjectTypeCommandInput {
  return {
    DomainName: domainName,
    ObjectTypeName: objectTypeName,
    Description: 'Pinpoint endpoint ids: one object and one profile per endpoint (cross-account-lambda customer-profiles function)',
    AllowProfileCreation: true,
    Fields: { endpointId: { Source: '_source.endpointId', ContentType: 'STRING' } },
    Keys: { [ENDPOINT_KEY]: [{ StandardIdentifiers: ['PROFILE', 'UNIQUE'], FieldNames: ['endpointId'] }] },
  };
}

/** The object PutProfileObject sends for an endpoint (only its id: the data goes through UpdateProfile). */
export function endpointObject(endpointId: string): string {
  return JSON.stringify({ endpointId });
}
