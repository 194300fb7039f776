/**
 * A loopback STS that answers GetCallerIdentity and nothing else, so the
 * fixture's `data "aws_caller_identity"` resolves without any network access.
 * The account it reports is the 12 digits at the end of the caller's access key
 * id (the fixture's providers use `LPFIXTURE<account>`), so each provider alias
 * "signs in" to its own account.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StsStub {
  endpoint: string;
  close(): Promise<void>;
}

const ACCESS_KEY_ACCOUNT = /Credential=[A-Z]*(\d{12})\//;

function callerIdentityXml(account: string): string {
  return [
    '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
    '<GetCallerIdentityResult>',
    `<Arn>arn:aws:iam::${account}:user/lp-fixture</Arn>`,
    '<UserId>AIDALPFIXTURE</UserId>',
    `<Account>${account}</Account>`,
    '</GetCallerIdentityResult>',
    '<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>',
    '</GetCallerIdentityResponse>',
  ].join('');
}

function errorXml(code: string, message: string): string {
  return `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>0</RequestId></ErrorResponse>`;
}

export async function startStsStub(): Promise<StsStub> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const action = new URLSearchParams(body).get('Action') ?? new URL(req.url ?? '/', 'http://x').searchParams.get('Action');
      const account = ACCESS_KEY_ACCOUNT.exec(req.headers.authorization ?? '')?.[1];
      res.setHeader('content-type', 'text/xml');
      if (action !== 'GetCallerIdentity' || !account) {
        res.statusCode = 400;
        res.end(errorXml('InvalidAction', `the least-privilege STS stub only answers GetCallerIdentity (got ${action ?? 'none'})`));
        return;
      }
      res.end(callerIdentityXml(account));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
