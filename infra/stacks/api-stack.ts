import { Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { functionEntries, type FunctionName } from '../../functions/routes';
import { Alarms } from '../constructs/alarms';
import { AppFunction } from '../constructs/app-function';
import { DsrHttpApi, fnId } from '../constructs/http-api';
import { RetentionSchedule, SCHEDULE_MAX_AGE_HOURS } from '../constructs/retention-schedule';
import { StaffConsoleClient } from '../constructs/staff-console-client';
import { exportObjectsArn, functionSpecs, type FnName } from '../functions';
import { NODE_OPTIONS } from '../node-options';
import { EXPORTS_PREFIX, type DataStack } from './data-stack';

export { OVERDUE_METRIC } from '../constructs/alarms';

export interface ApiStackProps extends StackProps {
  data: DataStack;
  /** Base of every mailed link and of the staff sign-in; defaults to the HTTP API's own endpoint. */
  publicBaseUrl?: string;
  senderEmail: string;
  /** Overrides the controller's contact person (CONTACT_EMAIL). */
  contactEmail?: string;
  /** Where alarm notifications go; without it, alarms show in the console only (and synth warns). */
  alarmEmail?: string;
  logLevel?: string;
  /** The controller's configuration (JSON text, validated at synth), compiled into every bundle. */
  controllerJson?: string;
}

/**
 * The processor's stream mapping, chosen on purpose (infra/README.md, "Stream processor"):
 * requests are independent and the records of one request share its partition key, so Lambda
 * keeps their order per key even with several batches of one shard in flight.
 */
export const STREAM_MAPPING = { batchSize: 10, maxBatchingWindowSeconds: 1, parallelizationFactor: 4, retryAttempts: 10 } as const;

/**
 * Everything stateless: the functions (one per row of the spec table in infra/functions.ts), the
 * HTTP API, the stream wiring, the daily schedule and the alarms. It can be destroyed and
 * redeployed freely. Constructs keep their resources at the stack's scope under the logical ids
 * they had before the split, so an update changes nothing in place that was not meant to change.
 */
export class ApiStack extends Stack {
  readonly httpApi: DsrHttpApi;
  readonly functions: Record<FnName, AppFunction>;
  readonly streamDlq: sqs.Queue;
  readonly retentionDlq: sqs.Queue;
  readonly staffConsole: StaffConsoleClient;
  readonly alarms: Alarms;

  /** The HTTP API itself (tests and outputs). */
  get api() {
    return this.httpApi.api;
  }

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { data } = props;

    this.httpApi = new DsrHttpApi(this, 'HttpApi');
    const baseUrl = props.publicBaseUrl ?? this.httpApi.api.apiEndpoint;
    this.staffConsole = new StaffConsoleClient(this, 'StaffConsoleClient', { pool: data.staffPool, domain: data.staffDomain, baseUrl });

    this.streamDlq = queue(this, 'ProcessorDlq');
    this.retentionDlq = queue(this, 'RetentionDlq');
    const deadLetterQueues = { ProcessorDlq: this.streamDlq, RetentionDlq: this.retentionDlq };
    for (const [queueId, dlq] of Object.entries(deadLetterQueues)) {
      Validations.of(dlq).acknowledge({
        id: 'Serverless-SQSRedrivePolicy',
        reason: `${queueId} is a dead-letter queue; messages stay here for inspection and replay, a DLQ of a DLQ would add nothing.`,
      });
    }
    Validations.of(this.streamDlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the on-failure destination (DLQ) of the processor's stream event source mapping.",
    });

    // Every function reads the same environment (loadConfig checks all of it at cold start). It
    // holds names and addresses only: the HMAC key is read from its secret at cold start and the
    // controller is in the bundle, so the environment stays far below Lambda's 4 KB.
    const environment: Record<string, string> = {
      REQUESTS_TABLE: data.requests.tableName,
      REGISTER_TABLE: data.register.tableName,
      EXPORTS_BUCKET: data.exportsBucket.bucketName,
      PUBLIC_BASE_URL: baseUrl,
      SENDER_EMAIL: props.senderEmail,
      SES_CONFIGURATION_SET: data.configurationSet.configurationSetName,
      SEAL_KMS_KEY_ID: data.sealKey.keyArn,
      HMAC_SECRET_ARN: data.hmacKey.secretArn,
      NODE_OPTIONS: NODE_OPTIONS.default,
      LOG_LEVEL: props.logLevel ?? 'INFO',
      // The console's hosted sign-in: where to send staff, and the public (PKCE) client it signs in to.
      STAFF_AUTH_DOMAIN: data.staffDomain.baseUrl(),
      STAFF_CLIENT_ID: this.staffConsole.client.userPoolClientId,
      ...(props.contactEmail ? { CONTACT_EMAIL: props.contactEmail } : {}),
    };
    // Only the health function looks at the queues and the schedule.
    const healthEnvironment: Record<string, string> = {
      HEALTH_DLQ_URLS: `processor=${this.streamDlq.queueUrl},retention=${this.retentionDlq.queueUrl}`,
      HEALTH_REQUIRE_SES_PRODUCTION: 'true',
      HEALTH_SCHEDULE_MAX_AGE_HOURS: String(SCHEDULE_MAX_AGE_HOURS),
    };
    const extraEnvironment: Partial<Record<FnName, Record<string, string>>> = {
      health: healthEnvironment,
      processor: { NODE_OPTIONS: NODE_OPTIONS.processor },
    };
    const define = props.controllerJson ? { DSR_BUNDLED_CONTROLLER_JSON: JSON.stringify(props.controllerJson) } : undefined;

    const specs = functionSpecs({ data, senderEmail: props.senderEmail, deadLetterQueues: Object.values(deadLetterQueues) });
    const functions = {} as Record<FnName, AppFunction>;
    for (const [name, { grants, exportObjects, deadLetterQueue, ...spec }] of Object.entries(specs) as [FnName, (typeof specs)[FnName]][]) {
      const fn = new AppFunction(this, fnId(name), {
        ...spec,
        entry: functionEntries[name],
        environment: { ...environment, ...extraEnvironment[name] },
        ...(deadLetterQueue === 'retention' ? { deadLetterQueue: this.retentionDlq } : {}),
        ...(define ? { define } : {}),
      });
      for (const statement of grants) fn.addToRolePolicy(statement);
      if (exportObjects) {
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: exportObjects.map((a) => `s3:${a}`), resources: [exportObjectsArn(data)] }));
        Validations.of(fn.role!).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${data.exportsBucketArnExport}/${EXPORTS_PREFIX}*]`,
          reason: 'Export objects are named by random export ids, so the grant is a prefix: only exports/ of the one exports bucket.',
        });
      }
      functions[name] = fn;
    }
    this.functions = functions;
    this.httpApi.addRouteTable(functions as Record<FunctionName, AppFunction>, this.staffConsole.authorizer);

    // The processor reads REQUEST items only (not audit events, tokens, counters or heartbeats).
    functions.processor.addEventSource(
      new DynamoEventSource(data.requests, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: STREAM_MAPPING.batchSize,
        maxBatchingWindow: Duration.seconds(STREAM_MAPPING.maxBatchingWindowSeconds),
        parallelizationFactor: STREAM_MAPPING.parallelizationFactor,
        bisectBatchOnError: true,
        retryAttempts: STREAM_MAPPING.retryAttempts,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.streamDlq),
        filters: [FilterCriteria.filter({ dynamodb: { Keys: { sk: { S: FilterRule.isEqual('REQUEST') } } } })],
      }),
    );

    new RetentionSchedule(this, 'Scheduling', { fn: functions.retention, deadLetterQueue: this.retentionDlq });
    this.alarms = new Alarms(this, 'Alarming', { alarmEmail: props.alarmEmail, functions, deadLetterQueues, api: this.httpApi.api });
  }
}

const queue = (scope: Construct, id: string) =>
  new sqs.Queue(scope, id, { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
