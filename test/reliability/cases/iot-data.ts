/** IoT data plane: the Kinesis->IoT function publishes to a topic in the target account. */
import { IoTDataPlaneClient, PublishCommand } from '@aws-sdk/client-iot-data-plane';
import { defineService } from './service-types';

interface Fixture {
  topic: string;
}

export const iotDataService = defineService<Fixture>({
  service: 'iot-data',
  label: 'IoT data',
  signingName: 'iotdata',
  actions: ['iot:Publish'],
  setup: ({ prefix }) => Promise.resolve({ topic: `${prefix}/events` }),
  operations: [
    {
      name: 'Publish',
      call: async (t, f) =>
        (await t.client(IoTDataPlaneClient).send(new PublishCommand({ topic: f.topic, qos: 1, payload: Buffer.from('{"n":1}') }))).$metadata.httpStatusCode,
      check: (status) => (status === 200 ? undefined : `HTTP ${String(status)}`),
    },
  ],
});
