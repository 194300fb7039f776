/**
 * The global condition keys of a request as AWS sets them: transport, source
 * IP, time, region, and whatever the key's session carries (credential-registry
 * `addContext`: aws:SourceIdentity, lambda:SourceFunctionArn…). Plug-ins add
 * their service keys (s3:prefix…) on top.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { StackClock } from '../types';
import type { CredentialRegistry } from './credential-registry';

export function requestContext(
  req: IncomingMessage,
  accessKeyId: string,
  region: string,
  clock: StackClock,
  credentials: CredentialRegistry,
): Record<string, string> {
  const now = clock.now();
  return {
    // The gateway listens on plain HTTP: a policy demanding TLS refuses here, as AWS would refuse HTTP.
    'aws:SecureTransport': (req.socket as TLSSocket).encrypted ? 'true' : 'false',
    'aws:SourceIp': req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:RequestedRegion': region,
    ...credentials.contextOf(accessKeyId),
  };
}
