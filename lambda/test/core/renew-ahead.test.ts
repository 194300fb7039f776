/**
 * renewAhead: stale-while-revalidate for a client's credentials. Driven with a
 * fake provider whose AssumeRole calls the test resolves by hand, so "did the
 * caller wait?" is a fact, not a timing.
 */
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { FORCE_REFRESH_REUSE_MS, RENEW_AHEAD_MIN_REMAINING_MS, renewAhead } from '../../src/credentials/renew-ahead';

interface Pending {
  resolve: (credentials: AwsCredentialIdentity) => void;
  reject: (error: Error) => void;
}

function fakeProvider() {
  const calls: Pending[] = [];
  const provider = jest.fn(
    () =>
      new Promise<AwsCredentialIdentity>((resolve, reject) => {
        calls.push({ resolve, reject });
      }),
  );
  return { provider, calls };
}

const NOW = Date.parse('2026-11-23T12:00:00Z');
const creds = (id: string, expiresInMs: number): AwsCredentialIdentity => ({
  accessKeyId: id,
  secretAccessKey: `secret-${id}`,
  sessionToken: `token-${id}`,
  expiration: new Date(NOW + expiresInMs),
});

/** Resolves to 'pending' if `promise` has not settled once the microtask queue is drained. */
async function state(promise: Promise<unknown>): Promise<'pending' | 'settled'> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled ? 'settled' : 'pending';
}

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

test('the first call waits for the AssumeRole', async () => {
  const { provider, calls } = fakeProvider();
  const get = renewAhead(provider);
  const first = get();
  expect(await state(first)).toBe('pending');
  calls[0]!.resolve(creds('A', 3600_000));
  await expect(first).resolves.toMatchObject({ accessKeyId: 'A' });
});

test('while the session still has time, an early ask returns it at once and renews beside it', async () => {
  const { provider, calls } = fakeProvider();
  const get = renewAhead(provider);
  const first = get();
  calls[0]!.resolve(creds('A', 4 * 60_000)); // inside the SDK's 5-minute window, above the 2-minute floor
  await first;

  const early = get();
  expect(await state(early)).toBe('settled');
  await expect(early).resolves.toMatchObject({ accessKeyId: 'A' });
  expect(provider).toHaveBeenCalledTimes(2); // the renewal started
  await get(); // a second early ask joins the same renewal
  expect(provider).toHaveBeenCalledTimes(2);

  calls[1]!.resolve(creds('B', 3600_000));
  await new Promise((resolve) => setImmediate(resolve));
  // The SDK's memo still holds A and asks again: it gets B, and no further AssumeRole starts.
  await expect(get()).resolves.toMatchObject({ accessKeyId: 'B' });
  await expect(get()).resolves.toMatchObject({ accessKeyId: 'B' });
  expect(provider).toHaveBeenCalledTimes(2);
});

test('too close to expiry, the caller waits for new credentials', async () => {
  const { provider, calls } = fakeProvider();
  const get = renewAhead(provider);
  const first = get();
  calls[0]!.resolve(creds('A', RENEW_AHEAD_MIN_REMAINING_MS - 1));
  await first;

  const late = get();
  expect(await state(late)).toBe('pending');
  calls[1]!.resolve(creds('B', 3600_000));
  await expect(late).resolves.toMatchObject({ accessKeyId: 'B' });
});

test('forceRefresh waits for new credentials (once the last renewal is not brand new)', async () => {
  const { provider, calls } = fakeProvider();
  const get = renewAhead(provider);
  const first = get();
  calls[0]!.resolve(creds('A', 3600_000));
  await first;
  jest.spyOn(Date, 'now').mockReturnValue(NOW + FORCE_REFRESH_REUSE_MS);

  const forced = get({ forceRefresh: true } as never);
  expect(await state(forced)).toBe('pending');
  calls[1]!.resolve(creds('B', 3600_000));
  await expect(forced).resolves.toMatchObject({ accessKeyId: 'B' });
});

test('forceRefresh right after a completed renewal reuses it: N callers, 1 AssumeRole', async () => {
  const { provider, calls } = fakeProvider();
  const get = renewAhead(provider);
  const first = get();
  calls[0]!.resolve(creds('A', 3600_000));
  await first;
  jest.spyOn(Date, 'now').mockReturnValue(NOW + 60_000);
  const forced = get({ forceRefresh: true } as never); // the first client to see the revoked session
  const joined = get({ forceRefresh: true } as never); // a second one while the renewal is in flight
  calls[1]!.resolve(creds('B', 3600_000));
  await expect(forced).resolves.toMatchObject({ accessKeyId: 'B' });
  await expect(joined).resolves.toMatchObject({ accessKeyId: 'B' });
  const late = await get({ forceRefresh: true } as never); // a third one just after it completed
  expect(late).toMatchObject({ accessKeyId: 'B' });
  expect(provider).toHaveBeenCalledTimes(2);
});

test('replace(rejected) renews only when the rejected credentials are still current', async () => {
  const { provider, calls } = fakeProvider();
  const get = renewAhead(provider);
  const first = get();
  calls[0]!.resolve(creds('A', 3600_000));
  const a = await first;
  const replaced = get.replace(a);
  calls[1]!.resolve(creds('B', 3600_000));
  await expect(replaced).resolves.toMatchObject({ accessKeyId: 'B' });
  await expect(get.replace(a)).resolves.toMatchObject({ accessKeyId: 'B' }); // A again: already replaced
  expect(provider).toHaveBeenCalledTimes(2);
  const again = get.replace(await get()); // B rejected now: renew
  calls[2]!.resolve(creds('C', 3600_000));
  await expect(again).resolves.toMatchObject({ accessKeyId: 'C' });
});

test('one failed background renewal is reported once, however many callers joined it', async () => {
  const { provider, calls } = fakeProvider();
  const onRenewError = jest.fn();
  const get = renewAhead(provider, { onRenewError });
  const first = get();
  calls[0]!.resolve(creds('A', 4 * 60_000)); // inside the renew-ahead window
  await first;
  const early = await Promise.all(Array.from({ length: 27 }, () => get()));
  expect(early.every((c) => c.accessKeyId === 'A')).toBe(true);
  expect(provider).toHaveBeenCalledTimes(2); // one renewal for all 27
  calls[1]!.reject(new Error('ServiceUnavailable'));
  await new Promise((resolve) => setImmediate(resolve));
  expect(onRenewError).toHaveBeenCalledTimes(1);
});

test('a failed renewal is reported, the current session keeps serving, and the next ask tries again', async () => {
  const { provider, calls } = fakeProvider();
  const onRenewError = jest.fn();
  const get = renewAhead(provider, { onRenewError });
  const first = get();
  calls[0]!.resolve(creds('A', 4 * 60_000));
  await first;

  await expect(get()).resolves.toMatchObject({ accessKeyId: 'A' });
  calls[1]!.reject(new Error('Throttling'));
  await new Promise((resolve) => setImmediate(resolve));
  expect(onRenewError).toHaveBeenCalledTimes(1);

  await expect(get()).resolves.toMatchObject({ accessKeyId: 'A' });
  expect(provider).toHaveBeenCalledTimes(3); // tried again, no stuck promise
});
