import type { PolicyDocument } from './evaluate';

/** IAM returns policy documents URL-encoded (moto sometimes plain JSON): accept both. */
export function decodePolicyDocument(raw: string | undefined): PolicyDocument | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as PolicyDocument;
  } catch {
    return JSON.parse(decodeURIComponent(raw)) as PolicyDocument;
  }
}

/** `arn:aws:iam::123456789012:role/path/name` → account and name (the last path segment). */
export function parseRoleArn(arn: string): { partition: string; account: string; name: string; path: string } | undefined {
  const m = /^arn:([\w-]+):iam::(\d{12}):role(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,64})$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, account: m[2]!, path: m[3]!, name: m[4]! };
}
