import { createHash } from 'node:crypto';
import type { StackClock } from '../types';

/**
 * Every credential the stack issued or bootstrapped: its account (so moto can
 * be told the account with `x-moto-account-id` instead of searching all its
 * backends for the key) and, for temporary credentials, the expiry in gateway
 * time, and a hash of the session token that must come with it. Keys it has
 * never seen never expire. A key may carry IAM request-context entries that
 * every request signed with it gets (as Lambda adds lambda:SourceFunctionArn
 * to the calls made with the credentials it hands a function).
 */
export class CredentialRegistry {
  private readonly keys = new Map<string, { account: string; expiresAt?: number; tokenHash?: string; context?: Record<string, string> }>();

  constructor(private readonly clock: StackClock) {}

  /** A long-lived key (IAM user). */
  remember(accessKeyId: string, account: string): void {
    this.keys.set(accessKeyId, { account });
  }

  /** A temporary key valid for `durationSeconds` from now (gateway clock); returns its expiration. */
  issue(accessKeyId: string, account: string, durationSeconds: number, sessionToken?: string, context?: Record<string, string>): Date {
    const expiration = new Date(this.clock.now().getTime() + durationSeconds * 1000);
    this.keys.set(accessKeyId, {
      account,
      expiresAt: expiration.getTime(),
      ...(sessionToken !== undefined ? { tokenHash: hash(sessionToken) } : {}),
      ...(context ? { context: { ...context } } : {}),
    });
    return expiration;
  }

  /** Request-context entries every request signed with this key carries (empty for most keys). */
  contextOf(accessKeyId: string): Record<string, string> {
    return { ...this.keys.get(accessKeyId)?.context };
  }

  /**
   * False when a temporary key comes without its session token or with another
   * one (AWS answers InvalidClientTokenId / UnrecognizedClientException): a
   * client that mixes credentials from two sessions must fail here as it would
   * on AWS.
   */
  tokenMatches(accessKeyId: string, sessionToken: string | undefined): boolean {
    const expected = this.keys.get(accessKeyId)?.tokenHash;
    return expected === undefined || (sessionToken !== undefined && hash(sessionToken) === expected);
  }

  /**
   * Condition keys every later request signed with this key carries (e.g.
   * `aws:SourceIdentity` of a session); merged into the request context.
   */
  addContext(accessKeyId: string, context: Record<string, string>): void {
    const entry = this.keys.get(accessKeyId);
    if (entry) entry.context = { ...entry.context, ...context };
  }

  accountOf(accessKeyId: string): string | undefined {
    return this.keys.get(accessKeyId)?.account;
  }

  isExpired(accessKeyId: string): boolean {
    const at = this.keys.get(accessKeyId)?.expiresAt;
    return at !== undefined && this.clock.now().getTime() >= at;
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
