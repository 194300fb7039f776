/**
 * STS faults on a warm process: Pinpoint first answers ExpiredTokenException
 * once, so the function drops its credentials and assumes the role again into
 * the fault (the `before` rule).
 */
import { pinpointError, stsError } from '../fault-proxy';
import { attemptDeadline, budget, timeoutBoundMs, trickleEveryMs } from '../harness';
import type { FaultTable } from './types';

const assume = { service: 'sts', action: 'AssumeRole' };
const partialBody =
  '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAPARTIAL</AccessKeyId>' +
  '<SecretAccessKey>partial</SecretAccessKey></Credentials></AssumeRoleResult></AssumeRoleResponse>';
const noCredentialsBody =
  '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult></AssumeRoleResult><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></AssumeRoleResponse>';
const max = budget.maxAttempts;

export const stsFaults: FaultTable = {
  service: 'sts',
  title: 'STS faults (warm process, re-assume after Pinpoint ExpiredTokenException)',
  call: assume,
  errorNames: /sts:AssumeRole/,
  before: [
    {
      service: 'mobiletargeting',
      action: 'GetEndpoint',
      fault: pinpointError(403, 'ExpiredTokenException', 'The security token included in the request is expired'),
    },
  ],
  cases: [
    {
      name: 'STS Throttling (400) x2',
      expected: 'ok after 3 AssumeRole attempts',
      rules: [{ ...assume, times: 2, fault: stsError(400, 'Throttling', 'Rate exceeded') }],
      expect: { outcome: 'ok', attempts: 3 },
    },
    {
      name: 'STS 500 InternalFailure, 503 ServiceUnavailable',
      expected: 'ok after 3 AssumeRole attempts',
      rules: [
        { ...assume, fault: stsError(500, 'InternalFailure', 'internal failure') },
        { ...assume, fault: stsError(503, 'ServiceUnavailable', 'service unavailable') },
      ],
      expect: { outcome: 'ok', attempts: 3 },
    },
    {
      name: 'STS Throttling on every attempt',
      expected: `UpstreamError after ${max} attempts`,
      rules: [{ ...assume, times: Infinity, fault: stsError(400, 'Throttling', 'Rate exceeded') }],
      expect: { outcome: ['UpstreamError'], attempts: max },
    },
    {
      name: 'STS 500 on every attempt',
      expected: `UpstreamError after ${max} attempts`,
      rules: [{ ...assume, times: Infinity, fault: stsError(500, 'InternalFailure', 'internal failure') }],
      expect: { outcome: ['UpstreamError'], attempts: max },
    },
    {
      name: 'STS AccessDenied (403)',
      expected: 'AssumeRoleDeniedError naming the role, 1 attempt',
      rules: [{ ...assume, times: Infinity, fault: stsError(403, 'AccessDenied', 'User is not authorized to perform: sts:AssumeRole') }],
      expect: { outcome: ['AssumeRoleDeniedError'], attempts: 1, namesRole: true, maxMs: budget.requestTimeoutMs },
    },
    {
      name: 'STS hangs (never answers)',
      expected: `TimeoutError within ${timeoutBoundMs()} ms, ${max} attempts`,
      rules: [{ ...assume, times: Infinity, fault: { kind: 'hang' } }],
      expect: { outcome: ['TimeoutError'], attempts: max, minMs: budget.requestTimeoutMs, maxMs: timeoutBoundMs() },
    },
    {
      name: 'STS hangs once',
      expected: 'ok after 2 attempts',
      rules: [{ ...assume, fault: { kind: 'hang' } }],
      expect: { outcome: 'ok', attempts: 2, maxMs: timeoutBoundMs(2) },
    },
    {
      name: 'STS connection reset on every attempt',
      expected: `UpstreamError or TimeoutError, ${max} attempts, within ${timeoutBoundMs()} ms`,
      rules: [{ ...assume, times: Infinity, fault: { kind: 'reset' } }],
      expect: { outcome: ['UpstreamError', 'TimeoutError'], attempts: max, maxMs: timeoutBoundMs() },
    },
    {
      name: 'STS connection reset once',
      expected: 'ok after 2 attempts',
      rules: [{ ...assume, fault: { kind: 'reset' } }],
      expect: { outcome: 'ok', attempts: 2 },
    },
    {
      name: 'STS 200 with a non-XML body',
      expected: 'UpstreamError, bounded',
      rules: [{ ...assume, times: Infinity, fault: { kind: 'respond', status: 200, headers: { 'content-type': 'text/xml' }, body: '<html>gateway error' } }],
      expect: { outcome: ['UpstreamError'], attempts: { atMost: max } },
    },
    {
      name: 'STS 200 AssumeRoleResponse without Credentials',
      expected: 'UpstreamError, bounded',
      rules: [{ ...assume, times: Infinity, fault: { kind: 'respond', status: 200, headers: { 'content-type': 'text/xml' }, body: noCredentialsBody } }],
      expect: { outcome: ['UpstreamError'], attempts: { atMost: max } },
    },
    {
      name: 'STS response cut after 80 bytes',
      expected: `UpstreamError or TimeoutError, at most ${max} attempts`,
      rules: [
        { ...assume, times: Infinity, fault: { kind: 'truncate', status: 200, headers: { 'content-type': 'text/xml' }, body: partialBody, bytes: 80 } },
      ],
      expect: { outcome: ['UpstreamError', 'TimeoutError'], attempts: { atMost: max }, maxMs: timeoutBoundMs() },
    },
    {
      name: `STS body trickles (headers at once, 1 byte / ${trickleEveryMs} ms), every attempt`,
      expected: `TimeoutError after ${max} attempts, each ended at its ${attemptDeadline} ms deadline, within ${timeoutBoundMs()} ms`,
      rules: [{ ...assume, times: Infinity, fault: { kind: 'trickle', everyMs: trickleEveryMs } }],
      expect: { outcome: ['TimeoutError'], attempts: max, minMs: max * attemptDeadline, maxMs: timeoutBoundMs() },
    },
    {
      name: `STS body trickles (1 byte / ${trickleEveryMs} ms), once`,
      expected: 'ok after 2 attempts',
      rules: [{ ...assume, fault: { kind: 'trickle', everyMs: trickleEveryMs } }],
      expect: { outcome: 'ok', attempts: 2, minMs: attemptDeadline, maxMs: timeoutBoundMs(2) },
    },
  ],
};
