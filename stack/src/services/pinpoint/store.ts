/**
 * Pinpoint apps and endpoints, kept per account + region + app, with
 * UpdateEndpoint's merge semantics (create if absent; maps merge by key;
 * Demographic/Location/User merge by field; other fields replace).
 */
import { createHash, randomBytes } from 'node:crypto';

export type Json = Record<string, unknown>;

export interface PinpointApp {
  Id: string;
  Name: string;
  Arn: string;
  CreationDate: string;
  tags: Record<string, string>;
  endpoints: Map<string, Json>;
}

const MERGED_BY_KEY = ['Attributes', 'Metrics'] as const;
const MERGED_BY_FIELD = ['Demographic', 'Location'] as const;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class PinpointStore {
  private readonly apps = new Map<string, PinpointApp>();

  private static key(account: string, region: string, appId: string): string {
    return `${account}/${region}/${appId}`;
  }

  createApp(account: string, region: string, name: string, tags: Record<string, string> = {}, now = new Date()): PinpointApp {
    const id = randomBytes(16).toString('hex');
    const app: PinpointApp = {
      Id: id,
      Name: name,
      Arn: `arn:aws:mobiletargeting:${region}:${account}:apps/${id}`,
      CreationDate: now.toISOString(),
      tags: { ...tags },
      endpoints: new Map(),
    };
    this.apps.set(PinpointStore.key(account, region, id), app);
    return app;
  }

  getApp(account: string, region: string, appId: string): PinpointApp | undefined {
    return this.apps.get(PinpointStore.key(account, region, appId));
  }

  deleteApp(account: string, region: string, appId: string): PinpointApp | undefined {
    const app = this.getApp(account, region, appId);
    this.apps.delete(PinpointStore.key(account, region, appId));
    return app;
  }

  /** Creates or merges; returns the stored EndpointResponse. */
  upsertEndpoint(app: PinpointApp, endpointId: string, request: Json, requestId: string, now = new Date()): Json {
    const existing = app.endpoints.get(endpointId);
    const next: Json = existing
      ? structuredClone(existing)
      : {
          ApplicationId: app.Id,
          Id: endpointId,
          CohortId: String(createHash('sha256').update(endpointId).digest().readUInt32BE(0) % 100),
          CreationDate: now.toISOString(),
          EndpointStatus: 'ACTIVE',
          OptOut: 'NONE',
          Attributes: {},
          Metrics: {},
          Demographic: {},
          Location: {},
          User: {},
        };
    for (const [field, value] of Object.entries(request)) {
      if (value === undefined || value === null) continue;
      if ((MERGED_BY_KEY as readonly string[]).includes(field) || (MERGED_BY_FIELD as readonly string[]).includes(field)) {
        next[field] = { ...(isObject(next[field]) ? next[field] : {}), ...(value as Json) };
      } else if (field === 'User') {
        const user = value as Json;
        const prev = isObject(next.User) ? next.User : {};
        next.User = {
          ...prev,
          ...(user.UserId !== undefined ? { UserId: user.UserId } : {}),
          ...(isObject(user.UserAttributes)
            ? { UserAttributes: { ...(isObject(prev.UserAttributes) ? prev.UserAttributes : {}), ...user.UserAttributes } }
            : {}),
        };
      } else if (field !== 'RequestId') {
        next[field] = value;
      }
    }
    next.EffectiveDate = typeof request.EffectiveDate === 'string' ? request.EffectiveDate : now.toISOString();
    next.RequestId = requestId;
    app.endpoints.set(endpointId, next);
    return structuredClone(next);
  }

  getEndpoint(app: PinpointApp, endpointId: string): Json | undefined {
    const endpoint = app.endpoints.get(endpointId);
    return endpoint ? structuredClone(endpoint) : undefined;
  }

  deleteEndpoint(app: PinpointApp, endpointId: string): Json | undefined {
    const endpoint = app.endpoints.get(endpointId);
    app.endpoints.delete(endpointId);
    return endpoint;
  }
}

export function applicationResponse(app: PinpointApp): Json {
  return { Arn: app.Arn, Id: app.Id, Name: app.Name, tags: app.tags, CreationDate: app.CreationDate };
}
