/**
 * Pinpoint faults on a warm process of the shipped bundle (credentials already
 * cached): `pinpointFaults`; and Pinpoint as one service of the library-driven
 * matrix (services.test.ts): `pinpointService`.
 */
import { GetEndpointCommand, PinpointClient, UpdateEndpointCommand } from '@aws-sdk/client-pinpoint';
import { pinpointError } from '../fault-proxy';
import { attemptDeadline, budget, timeoutBoundMs, trickleEveryMs } from '../harness';
import { defineService } from './service-types';
import type { FaultTable } from './types';

const get = { service: 'mobiletargeting', action: 'GetEndpoint' };
const update = { service: 'mobiletargeting', action: 'UpdateEndpoint' };
const expired = pinpointError(403, 'ExpiredTokenException', 'The security token included in the request is expired');
const slowMs = budget.requestTimeoutMs * 3;
const max = budget.maxAttempts;

export const pinpointFaults: FaultTable = {
  service: 'pinpoint',
  title: 'Pinpoint faults (warm process)',
  call: get,
  errorNames: /Pinpoint/,
  cases: [
    {
      name: 'Pinpoint 429 TooManyRequests x2',
      expected: 'ok after 3 attempts, no re-assume',
      rules: [{ ...get, times: 2, fault: pinpointError(429, 'TooManyRequestsException', 'Too many requests') }],
      expect: { outcome: 'ok', attempts: 3, assumeRoles: 0 },
    },
    {
      name: 'Pinpoint 500, 503',
      expected: 'ok after 3 attempts',
      rules: [
        { ...get, fault: pinpointError(500, 'InternalServerErrorException', 'Internal server error') },
        { ...get, fault: pinpointError(503, 'ServiceUnavailableException', 'Service unavailable') },
      ],
      expect: { outcome: 'ok', attempts: 3 },
    },
    {
      name: 'Pinpoint UpdateEndpoint 503 once',
      expected: 'ok after 2 attempts',
      rules: [{ ...update, fault: pinpointError(503, 'ServiceUnavailableException', 'Service unavailable') }],
      event: 'update',
      call: update,
      expect: { outcome: 'ok', attempts: 2 },
    },
    {
      name: 'Pinpoint 429 on every attempt',
      expected: `UpstreamError after ${max} attempts`,
      rules: [{ ...get, times: Infinity, fault: pinpointError(429, 'TooManyRequestsException', 'Too many requests') }],
      expect: { outcome: ['UpstreamError'], attempts: max },
    },
    {
      name: 'Pinpoint 500 on every attempt',
      expected: `UpstreamError after ${max} attempts`,
      rules: [{ ...get, times: Infinity, fault: pinpointError(500, 'InternalServerErrorException', 'Internal server error') }],
      expect: { outcome: ['UpstreamError'], attempts: max },
    },
    {
      name: 'Pinpoint 404 NotFoundException (injected)',
      expected: 'result not_found, 1 attempt',
      rules: [{ ...get, fault: pinpointError(404, 'NotFoundException', 'Resource not found') }],
      expect: { outcome: 'not_found', attempts: 1, exactNotFound: true },
    },
    {
      name: 'Pinpoint 404 from the emulator (unknown endpoint)',
      expected: 'result not_found, 1 attempt',
      rules: [],
      event: 'get-unknown',
      expect: { outcome: 'not_found', attempts: 1 },
    },
    {
      name: `Pinpoint answers after ${slowMs} ms, once`,
      expected: 'ok after 2 attempts',
      rules: [{ ...get, fault: { kind: 'delay', ms: slowMs } }],
      expect: { outcome: 'ok', attempts: 2, minMs: budget.requestTimeoutMs, maxMs: timeoutBoundMs(2) },
    },
    {
      name: `Pinpoint answers after ${slowMs} ms, every attempt`,
      expected: `TimeoutError within ${timeoutBoundMs()} ms, ${max} attempts`,
      rules: [{ ...get, times: Infinity, fault: { kind: 'delay', ms: slowMs } }],
      expect: { outcome: ['TimeoutError'], attempts: max, maxMs: timeoutBoundMs() },
    },
    {
      name: 'Pinpoint hangs (never answers)',
      expected: `TimeoutError within ${timeoutBoundMs()} ms, ${max} attempts`,
      rules: [{ ...get, times: Infinity, fault: { kind: 'hang' } }],
      expect: { outcome: ['TimeoutError'], attempts: max, maxMs: timeoutBoundMs() },
    },
    {
      name: `Pinpoint body trickles (headers at once, 1 byte / ${trickleEveryMs} ms), every attempt`,
      expected: `TimeoutError after ${max} attempts, each ended at its ${attemptDeadline} ms deadline, within ${timeoutBoundMs()} ms`,
      rules: [{ ...get, times: Infinity, fault: { kind: 'trickle', everyMs: trickleEveryMs } }],
      expect: { outcome: ['TimeoutError'], attempts: max, assumeRoles: 0, minMs: max * attemptDeadline, maxMs: timeoutBoundMs() },
    },
    {
      name: `Pinpoint body trickles (1 byte / ${trickleEveryMs} ms), once`,
      expected: 'ok after 2 attempts',
      rules: [{ ...get, fault: { kind: 'trickle', everyMs: trickleEveryMs } }],
      expect: { outcome: 'ok', attempts: 2, minMs: attemptDeadline, maxMs: timeoutBoundMs(2) },
    },
    {
      name: 'Pinpoint connection reset once',
      expected: 'ok after 2 attempts',
      rules: [{ ...get, fault: { kind: 'reset' } }],
      expect: { outcome: 'ok', attempts: 2 },
    },
    {
      name: 'Pinpoint connection reset on every attempt',
      expected: `UpstreamError or TimeoutError, ${max} attempts`,
      rules: [{ ...get, times: Infinity, fault: { kind: 'reset' } }],
      expect: { outcome: ['UpstreamError', 'TimeoutError'], attempts: max, maxMs: timeoutBoundMs() },
    },
    {
      name: 'Pinpoint 200 with a non-JSON body',
      expected: 'UpstreamError, bounded',
      rules: [{ ...get, times: Infinity, fault: { kind: 'respond', status: 200, headers: { 'content-type': 'application/json' }, body: '<html>proxy error' } }],
      expect: { outcome: ['UpstreamError'], attempts: { atMost: max } },
    },
    {
      name: 'Pinpoint 403 ExpiredTokenException once',
      expected: 'ok; 1 AssumeRole; 2 GetEndpoint attempts',
      rules: [{ ...get, fault: expired }],
      expect: { outcome: 'ok', attempts: 2, assumeRoles: 1, retrySignedWithNewKeys: true },
    },
    {
      name: 'Pinpoint 403 UnrecognizedClientException once',
      expected: 'ok; 1 AssumeRole; 2 GetEndpoint attempts',
      rules: [{ ...get, fault: pinpointError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.') }],
      expect: { outcome: 'ok', attempts: 2, assumeRoles: 1 },
    },
    {
      name: 'Pinpoint 403 ExpiredTokenException every time',
      expected: 'typed error; exactly 1 AssumeRole and 2 GetEndpoint attempts (no loop)',
      rules: [{ ...get, times: Infinity, fault: expired }],
      expect: { outcome: ['UpstreamError', 'TimeoutError', 'AccessDeniedError', 'AssumeRoleDeniedError'], attempts: 2, assumeRoles: 1 },
    },
    {
      name: 'Pinpoint 403 AccessDeniedException',
      expected: 'AccessDeniedError; 1 attempt; 0 AssumeRole',
      rules: [{ ...get, times: Infinity, fault: pinpointError(403, 'AccessDeniedException', 'User is not authorized to perform mobiletargeting:GetEndpoint') }],
      expect: { outcome: ['AccessDeniedError'], attempts: 1, assumeRoles: 0 },
    },
  ],
};

interface PinpointFixture {
  appId: string;
  address: string;
}

export const pinpointService = defineService<PinpointFixture>({
  service: 'pinpoint',
  label: 'Pinpoint',
  signingName: 'mobiletargeting',
  actions: ['mobiletargeting:GetEndpoint', 'mobiletargeting:UpdateEndpoint'],
  async setup({ stack, account, region, prefix, clientConfig }) {
    const fixture = { appId: await stack.createPinpointApp(account, region, `${prefix}-app`), address: `${prefix}@example.com` };
    await new PinpointClient(clientConfig).send(
      new UpdateEndpointCommand({ ApplicationId: fixture.appId, EndpointId: 'seed', EndpointRequest: { ChannelType: 'EMAIL', Address: fixture.address } }),
    );
    return fixture;
  },
  operations: [
    {
      name: 'GetEndpoint',
      call: async (t, f) =>
        (await t.client(PinpointClient).send(new GetEndpointCommand({ ApplicationId: f.appId, EndpointId: 'seed' }))).EndpointResponse?.Address,
      check: (address, f) => (address === f.address ? undefined : 'wrong endpoint'),
    },
    {
      name: 'UpdateEndpoint',
      call: async (t, f) =>
        (
          await t
            .client(PinpointClient)
            .send(new UpdateEndpointCommand({ ApplicationId: f.appId, EndpointId: 'written', EndpointRequest: { ChannelType: 'EMAIL', Address: f.address } }))
        ).MessageBody?.RequestID !== undefined,
    },
  ],
});
