/** SSM Parameter Store: the forwarder's configuration at cold start. */
import { GetParameterCommand, GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { defineService } from './service-types';

interface Fixture {
  name: string;
  value: string;
}

export const ssmService = defineService<Fixture>({
  service: 'ssm',
  label: 'SSM',
  signingName: 'ssm',
  actions: ['ssm:GetParameter', 'ssm:GetParameters'],
  async setup({ clientConfig, prefix }) {
    const fixture = { name: `/${prefix}/setting`, value: `${prefix}-value` };
    await new SSMClient(clientConfig).send(new PutParameterCommand({ Name: fixture.name, Value: fixture.value, Type: 'String', Overwrite: true }));
    return fixture;
  },
  operations: [
    {
      name: 'GetParameter',
      call: async (t, f) => (await t.client(SSMClient).send(new GetParameterCommand({ Name: f.name }))).Parameter?.Value,
      check: (value, f) => (value === f.value ? undefined : 'wrong parameter value'),
    },
    {
      name: 'GetParameters',
      call: async (t, f) => (await t.client(SSMClient).send(new GetParametersCommand({ Names: [f.name] }))).Parameters?.map((p) => p.Value),
      check: (values, f) => (JSON.stringify(values) === JSON.stringify([f.value]) ? undefined : 'wrong parameter values'),
    },
  ],
});
