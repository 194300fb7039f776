/** S3: an object read (its body a stream the caller reads) and written in the target account. */
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { defineService } from './service-types';

interface Fixture {
  bucket: string;
  body: string;
}

const config = { forcePathStyle: true };

export const s3Service = defineService<Fixture>({
  service: 's3',
  label: 'S3',
  signingName: 's3',
  actions: ['s3:GetObject', 's3:PutObject'],
  async setup({ clientConfig, prefix }) {
    const s3 = new S3Client({ ...clientConfig, ...config });
    const fixture = { bucket: `${prefix}-bucket`, body: `${prefix} object body` };
    await s3.send(new CreateBucketCommand({ Bucket: fixture.bucket }));
    await s3.send(new PutObjectCommand({ Bucket: fixture.bucket, Key: 'seed.txt', Body: fixture.body }));
    return fixture;
  },
  operations: [
    {
      name: 'GetObject',
      streamingOutput: true,
      call: async (t, f) => {
        const out = await t.client(S3Client, config).send(new GetObjectCommand({ Bucket: f.bucket, Key: 'seed.txt' }));
        return out.Body?.transformToString();
      },
      check: (body, f) => (body === f.body ? undefined : 'wrong object body'),
    },
    {
      name: 'PutObject',
      call: async (t, f) =>
        (await t.client(S3Client, config).send(new PutObjectCommand({ Bucket: f.bucket, Key: 'written.txt', Body: 'x' }))).$metadata.httpStatusCode,
      check: (status) => (status === 200 ? undefined : `HTTP ${String(status)}`),
    },
  ],
});
