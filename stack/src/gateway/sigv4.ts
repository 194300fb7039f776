/** What the gateway needs from a SigV4 request: the key and the credential scope. */
export interface SigV4Scope {
  accessKeyId: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** From the Authorization header, or from a presigned URL's X-Amz-Credential. */
export function parseSigV4(authorization: string | undefined, url: URL): SigV4Scope | undefined {
  const fromHeader = authorization ? CREDENTIAL.exec(authorization) : null;
  if (fromHeader) return { accessKeyId: fromHeader[1]!, region: fromHeader[2]!, service: fromHeader[3]! };
  const credential = url.searchParams.get('X-Amz-Credential');
  const parts = credential?.split('/');
  if (parts && parts.length === 5) return { accessKeyId: parts[0]!, region: parts[2]!, service: parts[3]! };
  return undefined;
}
