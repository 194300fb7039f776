/**
 * What the forwarder reads from SSM: the configuration (a String parameter
 * holding JSON) and the credential (a SecureString, decrypted with the
 * customer-managed KMS key), in one GetParameters call. Failures become a
 * ConfigUnavailableError naming the parameter and the rule, never a value.
 */
import type { GetParametersCommandInput, GetParametersCommandOutput } from '@aws-sdk/client-ssm';

export interface ForwarderConfig {
  /** put on every message as the `source` attribute */
  source: string;
  /** largest `limit` of GET /items (default 25) */
  queryLimit: number;
}

export interface Loaded {
  config: ForwarderConfig;
  /** the SecureString's value: signs messages (HMAC-SHA256). Never logged, never returned. */
  credential: string;
}

export class ConfigUnavailableError extends Error {
  override readonly name = 'ConfigUnavailableError';
}

export type GetParameters = (input: GetParametersCommandInput) => Promise<GetParametersCommandOutput>;

const SOURCE = /^[A-Za-z0-9_.-]{1,64}$/;

/** The config parameter's JSON: {"source": "<1-64 of A-Za-z0-9_.->", "queryLimit"?: 1..100}. */
export function parseConfig(name: string, value: string): ForwarderConfig {
  const rule = `parameter ${name} must hold JSON {"source": "<1-64 letters, digits, _.->", "queryLimit": <1-100, optional>}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new ConfigUnavailableError(`${rule}: not JSON`);
  }
  const o = (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {}) as Record<string, unknown>;
  const extra = Object.keys(o).find((k) => k !== 'source' && k !== 'queryLimit');
  if (extra !== undefined) throw new ConfigUnavailableError(`${rule}: unknown key "${extra.slice(0, 32)}"`);
  if (typeof o.source !== 'string' || !SOURCE.test(o.source)) throw new ConfigUnavailableError(`${rule}: source`);
  const limit = o.queryLimit ?? 25;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) throw new ConfigUnavailableError(`${rule}: queryLimit`);
  return { source: o.source, queryLimit: limit };
}

/** One GetParameters (WithDecryption) for both parameters; the credential must be a SecureString. */
export async function loadFromSsm(getParameters: GetParameters, names: { config: string; credential: string }): Promise<Loaded> {
  const out = await getParameters({ Names: [names.config, names.credential], WithDecryption: true });
  const missing = out.InvalidParameters ?? [];
  if (missing.length > 0) throw new ConfigUnavailableError(`SSM has no parameter ${missing.join(', ')}`);
  const byName = new Map((out.Parameters ?? []).map((p) => [p.Name, p]));
  const config = byName.get(names.config);
  const credential = byName.get(names.credential);
  if (config?.Value === undefined || credential?.Value === undefined) throw new ConfigUnavailableError(`SSM returned no value for ${names.config} or ${names.credential}`);
  if (config.Type !== 'String') throw new ConfigUnavailableError(`parameter ${names.config} must be a String (is ${config.Type})`);
  if (credential.Type !== 'SecureString') throw new ConfigUnavailableError(`parameter ${names.credential} must be a SecureString (is ${credential.Type})`);
  return { config: parseConfig(names.config, config.Value), credential: credential.Value };
}
