/**
 * S3 REST operations: method + subresource (+ whether a key is present) →
 * API operation and IAM action (Service Authorization Reference names).
 */
export interface S3Operation {
  name: string;
  action: string;
  /** the action applies to the object (bucket/key), not the bucket */
  object: boolean;
}

/** bucket subresource → [GET, PUT, DELETE] as [operation, IAM action] */
export const BUCKET_SUBRESOURCES: Record<string, [get: [string, string], put?: [string, string], del?: [string, string]]> = {
  policy: [['GetBucketPolicy', 'GetBucketPolicy'], ['PutBucketPolicy', 'PutBucketPolicy'], ['DeleteBucketPolicy', 'DeleteBucketPolicy']],
  tagging: [['GetBucketTagging', 'GetBucketTagging'], ['PutBucketTagging', 'PutBucketTagging'], ['DeleteBucketTagging', 'PutBucketTagging']],
  versioning: [['GetBucketVersioning', 'GetBucketVersioning'], ['PutBucketVersioning', 'PutBucketVersioning']],
  acl: [['GetBucketAcl', 'GetBucketAcl'], ['PutBucketAcl', 'PutBucketAcl']],
  location: [['GetBucketLocation', 'GetBucketLocation']],
  encryption: [['GetBucketEncryption', 'GetEncryptionConfiguration'], ['PutBucketEncryption', 'PutEncryptionConfiguration'], ['DeleteBucketEncryption', 'PutEncryptionConfiguration']],
  publicAccessBlock: [['GetPublicAccessBlock', 'GetBucketPublicAccessBlock'], ['PutPublicAccessBlock', 'PutBucketPublicAccessBlock'], ['DeletePublicAccessBlock', 'PutBucketPublicAccessBlock']],
  cors: [['GetBucketCors', 'GetBucketCORS'], ['PutBucketCors', 'PutBucketCORS'], ['DeleteBucketCors', 'PutBucketCORS']],
  lifecycle: [['GetBucketLifecycleConfiguration', 'GetLifecycleConfiguration'], ['PutBucketLifecycleConfiguration', 'PutLifecycleConfiguration'], ['DeleteBucketLifecycle', 'PutLifecycleConfiguration']],
  website: [['GetBucketWebsite', 'GetBucketWebsite'], ['PutBucketWebsite', 'PutBucketWebsite'], ['DeleteBucketWebsite', 'DeleteBucketWebsite']],
  logging: [['GetBucketLogging', 'GetBucketLogging'], ['PutBucketLogging', 'PutBucketLogging']],
  accelerate: [['GetBucketAccelerateConfiguration', 'GetAccelerateConfiguration'], ['PutBucketAccelerateConfiguration', 'PutAccelerateConfiguration']],
  requestPayment: [['GetBucketRequestPayment', 'GetBucketRequestPayment'], ['PutBucketRequestPayment', 'PutBucketRequestPayment']],
  'object-lock': [['GetObjectLockConfiguration', 'GetBucketObjectLockConfiguration'], ['PutObjectLockConfiguration', 'PutBucketObjectLockConfiguration']],
  ownershipControls: [['GetBucketOwnershipControls', 'GetBucketOwnershipControls'], ['PutBucketOwnershipControls', 'PutBucketOwnershipControls'], ['DeleteBucketOwnershipControls', 'PutBucketOwnershipControls']],
  replication: [['GetBucketReplication', 'GetReplicationConfiguration'], ['PutBucketReplication', 'PutReplicationConfiguration'], ['DeleteBucketReplication', 'PutReplicationConfiguration']],
  notification: [['GetBucketNotificationConfiguration', 'GetBucketNotification'], ['PutBucketNotificationConfiguration', 'PutBucketNotification']],
  policyStatus: [['GetBucketPolicyStatus', 'GetBucketPolicyStatus']],
  versions: [['ListObjectVersions', 'ListBucketVersions']],
  uploads: [['ListMultipartUploads', 'ListBucketMultipartUploads']],
};

/** object subresource → [GET, PUT, DELETE] */
export const OBJECT_SUBRESOURCES: Record<string, [get?: [string, string], put?: [string, string], del?: [string, string]]> = {
  tagging: [['GetObjectTagging', 'GetObjectTagging'], ['PutObjectTagging', 'PutObjectTagging'], ['DeleteObjectTagging', 'DeleteObjectTagging']],
  acl: [['GetObjectAcl', 'GetObjectAcl'], ['PutObjectAcl', 'PutObjectAcl']],
  attributes: [['GetObjectAttributes', 'GetObjectAttributes']],
  uploadId: [['ListParts', 'ListMultipartUploadParts'], ['UploadPart', 'PutObject'], ['AbortMultipartUpload', 'AbortMultipartUpload']],
};

const byMethod = (method: string) => (method === 'GET' || method === 'HEAD' ? 0 : method === 'PUT' ? 1 : method === 'DELETE' ? 2 : -1);

function pick(table: Record<string, (readonly [string, string] | undefined)[]>, params: URLSearchParams, method: string, object: boolean): S3Operation | undefined {
  for (const [sub, entries] of Object.entries(table)) {
    if (!params.has(sub)) continue;
    const entry = entries[byMethod(method)];
    return entry ? { name: entry[0], action: `s3:${entry[1]}`, object } : undefined;
  }
  return undefined;
}

export function s3Operation(method: string, bucket: string | undefined, key: string | undefined, params: URLSearchParams, copySource: boolean): S3Operation | undefined {
  if (!bucket) return method === 'GET' ? { name: 'ListBuckets', action: 's3:ListAllMyBuckets', object: false } : undefined;
  if (key === undefined) {
    if (method === 'POST' && params.has('delete')) return { name: 'DeleteObjects', action: 's3:DeleteObject', object: true };
    const sub = pick(BUCKET_SUBRESOURCES, params, method, false);
    if (sub || [...params.keys()].some((k) => k in BUCKET_SUBRESOURCES)) return sub;
    if (method === 'GET') return { name: params.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects', action: 's3:ListBucket', object: false };
    if (method === 'HEAD') return { name: 'HeadBucket', action: 's3:ListBucket', object: false };
    if (method === 'PUT') return { name: 'CreateBucket', action: 's3:CreateBucket', object: false };
    if (method === 'DELETE') return { name: 'DeleteBucket', action: 's3:DeleteBucket', object: false };
    return undefined;
  }
  if (method === 'POST') {
    if (params.has('uploads')) return { name: 'CreateMultipartUpload', action: 's3:PutObject', object: true };
    if (params.has('uploadId')) return { name: 'CompleteMultipartUpload', action: 's3:PutObject', object: true };
    return undefined;
  }
  const sub = pick(OBJECT_SUBRESOURCES, params, method, true);
  if (sub || [...params.keys()].some((k) => k in OBJECT_SUBRESOURCES)) return sub;
  const versioned = params.has('versionId');
  if (method === 'GET') return { name: 'GetObject', action: versioned ? 's3:GetObjectVersion' : 's3:GetObject', object: true };
  if (method === 'HEAD') return { name: 'HeadObject', action: versioned ? 's3:GetObjectVersion' : 's3:GetObject', object: true };
  if (method === 'PUT') return { name: copySource ? 'CopyObject' : 'PutObject', action: 's3:PutObject', object: true };
  if (method === 'DELETE') return { name: 'DeleteObject', action: versioned ? 's3:DeleteObjectVersion' : 's3:DeleteObject', object: true };
  return undefined;
}
