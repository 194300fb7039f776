/** KMS: the forwarder decrypts its secret at cold start. */
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { defineService } from './service-types';

interface Fixture {
  keyId: string;
  plaintext: string;
  ciphertext: Uint8Array;
}

const text = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? []).toString('utf8');

export const kmsService = defineService<Fixture>({
  service: 'kms',
  label: 'KMS',
  signingName: 'kms',
  actions: ['kms:Decrypt', 'kms:Encrypt'],
  async setup({ clientConfig, prefix }) {
    const kms = new KMSClient(clientConfig);
    const key = await kms.send(new CreateKeyCommand({ Description: `${prefix} reliability key` }));
    const keyId = key.KeyMetadata?.KeyId ?? '';
    const plaintext = `${prefix}-secret`;
    const encrypted = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(plaintext) }));
    return { keyId, plaintext, ciphertext: encrypted.CiphertextBlob ?? new Uint8Array() };
  },
  operations: [
    {
      name: 'Decrypt',
      call: async (t, f) => text((await t.client(KMSClient).send(new DecryptCommand({ CiphertextBlob: f.ciphertext }))).Plaintext),
      check: (plaintext, f) => (plaintext === f.plaintext ? undefined : 'wrong plaintext'),
    },
    {
      name: 'Encrypt',
      call: async (t, f) => (await t.client(KMSClient).send(new EncryptCommand({ KeyId: f.keyId, Plaintext: Buffer.from('x') }))).CiphertextBlob?.length ?? 0,
      check: (length) => ((length as number) > 0 ? undefined : 'no ciphertext'),
    },
  ],
});
