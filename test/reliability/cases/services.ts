/** The services of the library-driven fault matrix (services.test.ts), one entry per `cases/<service>.ts`. */
import { customerProfilesService } from './customer-profiles';
import { dynamodbService } from './dynamodb';
import { iotDataService } from './iot-data';
import { kmsService } from './kms';
import { pinpointService } from './pinpoint';
import { s3Service } from './s3';
import type { ServiceEntry } from './service-types';
import { sqsService } from './sqs';
import { ssmService } from './ssm';

export const services: readonly ServiceEntry[] = [ssmService, kmsService, sqsService, dynamodbService, s3Service, iotDataService, customerProfilesService, pinpointService];
