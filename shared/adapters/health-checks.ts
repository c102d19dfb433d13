import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetAccountCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Heartbeat } from './heartbeat';

/**
 * The health check's parts, each a small read with its client injected. A part answers `up` or
 * `down` with a short detail for staff (counts, flags, times: never an address or a message body).
 */
export interface PartResult { status: 'up' | 'down'; detail?: string }
export type Check = () => Promise<PartResult>;

const up = (detail?: string): PartResult => ({ status: 'up', ...(detail ? { detail } : {}) });
const down = (detail: string): PartResult => ({ status: 'down', detail });

export const tableCheck = (ddb: DynamoDBClient, table: string): Check => async () => {
  const out = await ddb.send(new DescribeTableCommand({ TableName: table }));
  const status = out.Table?.TableStatus;
  // UPDATING (an index being added) still serves reads and writes.
  return status === 'ACTIVE' || status === 'UPDATING' || status === undefined ? up() : down(`table is ${status}`);
};

export const bucketCheck = (s3: S3Client, bucket: string): Check => async () => {
  await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  return up();
};

/**
 * SES: sending must be enabled for the account, and (in AWS) the account out of the sandbox,
 * where every mail to an unverified address fails and requests pile up in the DLQ.
 */
export const mailCheck = (ses: SESv2Client, requireProduction: boolean): Check => async () => {
  const account = await ses.send(new GetAccountCommand({}));
  if (account.SendingEnabled !== true) return down('SES sending is disabled for the account');
  if (requireProduction && account.ProductionAccessEnabled !== true) {
    return down('SES is in the sandbox: request production access (infra/README.md)');
  }
  return up(account.ProductionAccessEnabled ? 'sending, production access' : 'sending (sandbox)');
};

/** A dead-letter queue is healthy when empty: anything in it is work that failed for good (ApproximateNumberOfMessages is the visible count). */
export const deadLetterCheck = (sqs: SQSClient, queueUrl: string): Check => async () => {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  const waiting = Number(out.Attributes?.ApproximateNumberOfMessages ?? 'NaN');
  if (!Number.isFinite(waiting)) return down('queue depth unknown');
  return waiting === 0 ? up('empty') : down(`${waiting} failed message${waiting === 1 ? '' : 's'} waiting: inspect and replay`);
};

/** The scheduled job ran to its end within `maxAgeHours` (its heartbeat, see heartbeat.ts). */
export const scheduleCheck = (heartbeat: Pick<Heartbeat, 'last'>, maxAgeHours: number, now: () => Date = () => new Date()): Check => async () => {
  const last = await heartbeat.last();
  if (!last) return down('no completed run recorded yet');
  const ageHours = (now().getTime() - last.getTime()) / 3_600_000;
  return ageHours <= maxAgeHours ? up(`last run ${last.toISOString()}`) : down(`last run ${last.toISOString()}, over ${maxAgeHours} h ago`);
};
