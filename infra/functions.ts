import { Fn } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { BackgroundFunctionName, FunctionName } from '../functions/routes';
import { registerTable, requestsTable, type TableDef } from '../shared/adapters/tables';
import type { AppFunctionProps } from './constructs/app-function';
import { EXPORTS_PREFIX, type DataStack } from './stacks/data-stack';

export type FnName = FunctionName | BackgroundFunctionName;

/**
 * One row per function: what it is for, how much it gets, how it fails, and exactly what it may do.
 * The API stack turns each row into an AppFunction; the infra tests read the template back and
 * compare every role's statements with these rows' intent, action by action.
 */
export interface FunctionSpec extends Omit<AppFunctionProps, 'entry' | 'environment' | 'deadLetterQueue' | 'define'> {
  /** `retention` dead-letters to its own queue; the others say why they have none. */
  deadLetterQueue?: 'retention';
  grants: iam.PolicyStatement[];
  /** S3 actions on the objects under exports/ (the one grant that needs a prefix wildcard). */
  exportObjects?: string[];
}

export interface SpecResources {
  data: DataStack;
  senderEmail: string;
  deadLetterQueues: IQueue[];
}

const HTTP_NO_DLQ =
  'Invoked synchronously by API Gateway: a failure goes back to the caller as a 5xx (alarmed), there is no event to keep.';

/** DynamoDB actions on a table and, by name, on its indexes: never `dynamodb:*`, never `index/*`. */
const tableAccess = (table: ITable, def: TableDef, actions: string[], indexes: string[] = [], conditions?: Record<string, unknown>) => {
  for (const name of indexes) {
    if (!def.indexes.some((i) => i.name === name)) throw new Error(`${def.id} has no index ${name}`);
  }
  return new iam.PolicyStatement({
    actions: actions.map((a) => `dynamodb:${a}`),
    resources: [table.tableArn, ...indexes.map((name) => `${table.tableArn}/index/${name}`)],
    ...(conditions ? { conditions } : {}),
  });
};

/** Only items whose partition key starts with one of these (IAM's dynamodb:LeadingKeys). */
const leadingKeys = (...patterns: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': patterns } });

export const exportObjectsArn = (data: DataStack) => `${Fn.importValue(data.exportsBucketArnExport)}/${EXPORTS_PREFIX}*`;

export const functionSpecs = ({ data, senderEmail, deadLetterQueues }: SpecResources): Record<FnName, FunctionSpec> => {
  const requests = (actions: string[], indexes: string[] = [], conditions?: Record<string, unknown>) =>
    tableAccess(data.requests, requestsTable, actions, indexes, conditions);
  const register = (actions: string[], indexes: string[] = []) => tableAccess(data.register, registerTable, actions, indexes);
  const exportsKey = (...actions: string[]) => new iam.PolicyStatement({ actions: actions.map((a) => `kms:${a}`), resources: [data.exportsKey.keyArn] });
  const sealKey = (...actions: string[]) => new iam.PolicyStatement({ actions: actions.map((a) => `kms:${a}`), resources: [data.sealKey.keyArn] });
  // The HMAC key, read once per cold start (shared/adapters/secrets.ts): this one secret only.
  const hmacSecret = new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [data.hmacKey.secretArn] });
  // Mail only from the configured sender, through our identity and configuration set.
  const sendMail = new iam.PolicyStatement({
    actions: ['ses:SendEmail'],
    resources: [data.emailIdentity.emailIdentityArn, data.configurationSetArn],
    conditions: { StringEquals: { 'ses:FromAddress': senderEmail } },
  });
  // Erasure and the purge delete an export by listing its prefix (ListObjectsV2), then each object.
  const listExports = new iam.PolicyStatement({
    actions: ['s3:ListBucket'],
    resources: [data.exportsBucket.bucketArn],
    conditions: { StringLike: { 's3:prefix': [`${EXPORTS_PREFIX}*`] } },
  });
  const write = ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem', 'BatchWriteItem'];
  // Request + first audit event in one transaction; rate counters and idempotency keys by conditional writes.
  const intake = ['GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'];

  return {
    health: {
      description: 'GET /health and GET /admin/health: tables, bucket, SES account, DLQs, the schedule\'s heartbeat',
      size: 'http',
      noDeadLetterQueueReason: HTTP_NO_DLQ,
      starResourceReason: 'ses:GetAccount (the mail check) has no resource-level permissions',
      grants: [
        requests(['DescribeTable']),
        // The retention job's heartbeat item, and nothing else of the requests table.
        requests(['GetItem'], [], leadingKeys('HEARTBEAT#*')),
        register(['DescribeTable']),
        // HeadBucket is authorised as s3:ListBucket.
        new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [data.exportsBucket.bucketArn] }),
        new iam.PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }),
        new iam.PolicyStatement({ actions: ['sqs:GetQueueAttributes'], resources: deadLetterQueues.map((q) => q.queueArn) }),
        hmacSecret,
      ],
    },
    pages: {
      description: 'The public form, the confirm page and the staff console (static)',
      size: 'http',
      noDeadLetterQueueReason: HTTP_NO_DLQ,
      grants: [hmacSecret],
    },
    submit: { description: 'POST /requests: files a request', size: 'http', noDeadLetterQueueReason: HTTP_NO_DLQ, grants: [requests(intake), hmacSecret] },
    verify: {
      description: 'POST /requests/verify: consumes the token, marks the request verified',
      size: 'http',
      noDeadLetterQueueReason: HTTP_NO_DLQ,
      grants: [requests(intake), hmacSecret],
    },
    download: {
      description: 'GET /exports/{exportId}: checks the link, redirects to a short-lived presigned URL',
      size: 'http',
      noDeadLetterQueueReason: HTTP_NO_DLQ,
      // A presigned GET is authorised with the signer's permissions when it is used.
      exportObjects: ['GetObject'],
      grants: [
        // Reads the token and the export record.
        requests(['GetItem']),
        // Its only write: the per-IP try counter (RATE#…). It can change no request, token or export.
        requests(['UpdateItem'], [], leadingKeys('RATE#*')),
        exportsKey('Decrypt'),
        hmacSecret,
      ],
    },
    admin: {
      description: 'Staff reads: request list, one request with its audit trail, a customer record',
      size: 'http',
      noDeadLetterQueueReason: HTTP_NO_DLQ,
      grants: [
        requests(['GetItem', 'Query'], ['byStatus']),
        // A customer record is its profile item plus a query of its orders: no index needed.
        register(['GetItem', 'Query']),
        // Seals are verified locally with the public key; kms:Verify is the fallback check.
        sealKey('GetPublicKey', 'Verify'),
        hmacSecret,
      ],
    },
    decide: {
      description: 'POST /admin/requests/{id}/decision: approve, refuse or extend',
      size: 'http',
      noDeadLetterQueueReason: HTTP_NO_DLQ,
      // Records the decision (request update + audit event, one transaction); the processor applies it.
      grants: [requests(intake), hmacSecret],
    },
    processor: {
      description: 'Requests table stream: mails, seals, exports, applies decisions',
      size: 'processor',
      noDeadLetterQueueReason:
        "Invoked by a DynamoDB stream event source mapping, not asynchronously: failed batches go to the mapping's on-failure SQS queue (ProcessorDlq, alarmed), which a function DLQ would never see.",
      starResourceReason: 'dynamodb:ListStreams, added by the stream event source mapping, has no resource-level permissions',
      // Large exports are multipart uploads (lib-storage): PutObject covers create/part/complete,
      // AbortMultipartUpload lets a failed upload clean up its parts.
      exportObjects: ['PutObject', 'GetObject', 'DeleteObject', 'AbortMultipartUpload'],
      grants: [
        requests(write, ['byStatus']),
        register(write, ['byEmail', 'byRetentionDue']),
        exportsKey('GenerateDataKey', 'Decrypt'),
        sealKey('Sign', 'GetPublicKey'),
        listExports,
        sendMail,
        hmacSecret,
      ],
    },
    retention: {
      description: 'Daily: erases customers due for erasure, reminds of deadlines, purges expired requests and exports',
      size: 'job',
      deadLetterQueue: 'retention',
      exportObjects: ['DeleteObject'],
      // write includes the PutItem of its heartbeat (HEARTBEAT#retention).
      grants: [requests(write, ['byStatus']), register(write, ['byRetentionDue']), listExports, sendMail, hmacSecret],
    },
  };
};
