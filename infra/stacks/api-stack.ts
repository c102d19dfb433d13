import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, TimeZone, Validations, type StackProps } from 'aws-cdk-lib';
import { NODE_OPTIONS } from '../node-options';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { functionEntries, routes, type BackgroundFunctionName, type FunctionName } from '../../functions/routes';
import { registerTable, requestsTable, type TableDef } from '../../shared/adapters/tables';
import { AppFunction, type AppFunctionProps } from '../constructs/app-function';
import { EXPORTS_PREFIX, type DataStack } from './data-stack';

export interface ApiStackProps extends StackProps {
  data: DataStack;
  /** Base of every mailed link; defaults to the HTTP API's own endpoint. */
  publicBaseUrl?: string;
  senderEmail: string;
  /** Overrides the controller's contact person (CONTACT_EMAIL). */
  contactEmail?: string;
  /** Where alarm notifications go; without it, alarms show in the console only. */
  alarmEmail?: string;
  logLevel?: string;
}

type FnName = FunctionName | BackgroundFunctionName;

/** Custom metric the retention job publishes (embedded metric format, no dimensions); alarmed here. */
export const OVERDUE_METRIC = { namespace: 'Dsr', metricName: 'OverdueRequests' } as const;

type Spec = Omit<AppFunctionProps, 'entry' | 'environment'> & {
  grants: iam.PolicyStatement[];
  /** S3 actions on the objects under exports/ (the one grant that needs a wildcard). */
  exportObjects?: string[];
};

const HTTP_NO_DLQ =
  'Invoked synchronously by API Gateway: a failure goes back to the caller as a 5xx (alarmed), there is no event to keep.';

/**
 * Everything stateless: the functions (one per entry of the route table), the HTTP API, the
 * stream wiring, the daily schedule and the alarms. It can be destroyed and redeployed freely.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions: Record<FnName, AppFunction>;
  readonly streamDlq: sqs.Queue;
  readonly retentionDlq: sqs.Queue;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { data } = props;

    this.api = new HttpApi(this, 'Api', {
      description: 'Data-subject requests: public form, verification, downloads, staff API',
      // Our own $default stage below, with throttling and access logs.
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No personal data: no source IP or user agent (identify a person), no path or query
        // string (carry request ids and one-time tokens). routeKey is the path template.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            responseLength: '$context.responseLength',
            integrationStatus: '$context.integrationStatus',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    const baseUrl = props.publicBaseUrl ?? this.api.apiEndpoint;

    // The staff console signs in with the authorization code grant and PKCE: a public client, no secret.
    const staffConsole = new cognito.UserPoolClient(this, 'StaffConsole', {
      userPool: data.staffPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [`${baseUrl}/admin`],
        logoutUrls: [`${baseUrl}/admin`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.hours(12),
    });
    const staffAuthorizer = new HttpUserPoolAuthorizer('Staff', data.staffPool, { userPoolClients: [staffConsole] });
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'The HTTP API (form at /, health at /health)' });
    new CfnOutput(this, 'StaffConsoleClientId', { value: staffConsole.userPoolClientId });
    new CfnOutput(this, 'StaffSignInUrl', {
      value: data.staffDomain.signInUrl(staffConsole, { redirectUri: `${baseUrl}/admin` }),
      description: 'Hosted sign-in for staff: first sign-in sets the password and the authenticator app (MFA)',
    });

    // Every function reads the same, complete environment: loadConfig checks all of it at cold start.
    const environment: Record<string, string> = {
      REQUESTS_TABLE: data.requests.tableName,
      REGISTER_TABLE: data.register.tableName,
      EXPORTS_BUCKET: data.exportsBucket.bucketName,
      PUBLIC_BASE_URL: baseUrl,
      SENDER_EMAIL: props.senderEmail,
      SES_CONFIGURATION_SET: data.configurationSet.configurationSetName,
      SEAL_KMS_KEY_ID: data.sealKey.keyArn,
      // A CloudFormation dynamic reference, resolved at deploy time into the function's
      // configuration, which Lambda encrypts at rest with KMS. The trade-off: anyone allowed
      // lambda:GetFunctionConfiguration can read it. Reading the secret at cold start
      // (secretsmanager:GetSecretValue) closes that gap and is the planned next step.
      HMAC_KEY: data.hmacKey.secretValue.unsafeUnwrap(),
      NODE_OPTIONS: NODE_OPTIONS.default,
      LOG_LEVEL: props.logLevel ?? 'INFO',
      // The console's hosted sign-in: where to send staff, and the public (PKCE) client it signs in to.
      STAFF_AUTH_DOMAIN: data.staffDomain.baseUrl(),
      STAFF_CLIENT_ID: staffConsole.userPoolClientId,
      ...(props.contactEmail ? { CONTACT_EMAIL: props.contactEmail } : {}),
    };

    // Exact grants, per function. Tables and indexes are named one by one (no `index/*`).
    const requests = (actions: string[], indexes: string[] = []) => tableAccess(data.requests, requestsTable, actions, indexes);
    const register = (actions: string[], indexes: string[] = []) => tableAccess(data.register, registerTable, actions, indexes);
    const exportObjectsArn = `${Fn.importValue(data.exportsBucketArnExport)}/${EXPORTS_PREFIX}*`;
    const exportObjectsFinding = `AwsSolutions-IAM5[Resource::${data.exportsBucketArnExport}/${EXPORTS_PREFIX}*]`;
    const exportsKey = (...actions: string[]) => new iam.PolicyStatement({ actions: actions.map((a) => `kms:${a}`), resources: [data.exportsKey.keyArn] });
    const sealKey = (...actions: string[]) => new iam.PolicyStatement({ actions: actions.map((a) => `kms:${a}`), resources: [data.sealKey.keyArn] });
    const sendMail = new iam.PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [data.emailIdentity.emailIdentityArn, data.configurationSetArn],
    });
    // Erasure and the purge delete an export by listing its prefix (ListObjectsV2), then each object.
    const listExports = new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [data.exportsBucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${EXPORTS_PREFIX}*`] } },
    });
    const write = ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem', 'BatchWriteItem'];

    this.streamDlq = queue(this, 'ProcessorDlq');
    this.retentionDlq = queue(this, 'RetentionDlq');

    const specs: Record<FnName, Spec> = {
      health: {
        description: 'GET /health: probes the tables, the bucket and SES',
        size: 'http',
        noDeadLetterQueueReason: HTTP_NO_DLQ,
        starResourceReason: 'ses:GetAccount (the mail probe) has no resource-level permissions',
        grants: [
          requests(['DescribeTable']),
          register(['DescribeTable']),
          // HeadBucket is authorised as s3:ListBucket.
          new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [data.exportsBucket.bucketArn] }),
          new iam.PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }),
        ],
      },
      pages: { description: 'The public form, the confirm page and the staff console (static)', size: 'http', noDeadLetterQueueReason: HTTP_NO_DLQ, grants: [] },
      submit: {
        description: 'POST /requests: files a request',
        size: 'http',
        noDeadLetterQueueReason: HTTP_NO_DLQ,
        // Request + first audit event in one transaction; rate counters by conditional update.
        grants: [requests(['GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'])],
      },
      verify: {
        description: 'POST /requests/verify: consumes the token, marks the request verified',
        size: 'http',
        noDeadLetterQueueReason: HTTP_NO_DLQ,
        grants: [requests(['GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'])],
      },
      download: {
        description: 'GET /exports/{exportId}: checks the link, redirects to a short-lived presigned URL',
        size: 'http',
        noDeadLetterQueueReason: HTTP_NO_DLQ,
        // A presigned GET is authorised with the signer's permissions when it is used.
        exportObjects: ['GetObject'],
        // Token and export records; the per-IP try counter is an atomic UpdateItem.
        grants: [requests(['GetItem', 'UpdateItem']), exportsKey('Decrypt')],
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
        ],
      },
      decide: {
        description: 'POST /admin/requests/{id}/decision: approve, refuse or extend',
        size: 'http',
        noDeadLetterQueueReason: HTTP_NO_DLQ,
        // Records the decision (request update + audit event, one transaction); the processor applies it.
        grants: [requests(['GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'])],
      },
      processor: {
        description: 'Requests table stream: mails, seals, exports, applies decisions',
        size: 'processor',
        noDeadLetterQueueReason:
          'Invoked by a DynamoDB stream event source mapping, not asynchronously: failed batches go to the mapping\'s on-failure SQS queue (ProcessorDlq, alarmed), which a function DLQ would never see.',
        starResourceReason: 'dynamodb:ListStreams, added by the stream event source mapping, has no resource-level permissions',
        exportObjects: ['PutObject', 'GetObject', 'DeleteObject'],
        grants: [
          requests(write, ['byStatus']),
          register(write, ['byEmail', 'byRetentionDue']),
          exportsKey('GenerateDataKey', 'Decrypt'),
          sealKey('Sign', 'GetPublicKey'),
          listExports,
          sendMail,
        ],
      },
      retention: {
        description: 'Daily: erases customers due for erasure, reminds of deadlines, purges expired requests and exports',
        size: 'job',
        deadLetterQueue: this.retentionDlq,
        exportObjects: ['DeleteObject'],
        grants: [requests(write, ['byStatus']), register(write, ['byRetentionDue']), listExports, sendMail],
      },
    };

    const fns = {} as Record<FnName, AppFunction>;
    for (const [name, { grants, exportObjects, ...spec }] of Object.entries(specs) as [FnName, Spec][]) {
      const env = name === 'processor' ? { ...environment, NODE_OPTIONS: NODE_OPTIONS.processor } : environment;
      const fn = new AppFunction(this, fnId(name), { ...spec, entry: functionEntries[name], environment: env });
      for (const statement of grants) fn.addToRolePolicy(statement);
      if (exportObjects) {
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: exportObjects.map((a) => `s3:${a}`), resources: [exportObjectsArn] }));
        Validations.of(fn.role!).acknowledge({
          id: exportObjectsFinding,
          reason: 'Export objects are named by random export ids, so the grant is a prefix: only exports/ of the one exports bucket.',
        });
      }
      fns[name] = fn;
    }
    this.functions = fns;

    // One route per row of the route table; staff rows, and only those, behind the JWT authorizer.
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of routes) {
      if (!integrations.has(route.fn)) integrations.set(route.fn, new HttpLambdaIntegration(`${fnId(route.fn)}Integration`, fns[route.fn]));
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations.get(route.fn)!,
        ...(route.auth === 'staff' ? { authorizer: staffAuthorizer } : {}),
      });
      if (route.auth === 'public') {
        Validations.of(httpRoute!).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'Public by design: data subjects have no account. Their requests are proven by single-use tokens mailed to the ' +
            'address (verify, export download), POST /requests is rate-limited per IP and per email, and the other public ' +
            'routes serve static pages and the health check. Staff routes use the Cognito JWT authorizer.',
        });
      }
    }

    // The processor reads REQUEST items only (not audit events, tokens or counters), in order, per request.
    fns.processor.addEventSource(
      new DynamoEventSource(data.requests, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        retryAttempts: 10,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.streamDlq),
        filters: [FilterCriteria.filter({ dynamodb: { Keys: { sk: { S: FilterRule.isEqual('REQUEST') } } } })],
      }),
    );
    Validations.of(this.streamDlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the on-failure destination (DLQ) of the processor\'s stream event source mapping.',
    });

    // Daily at 03:15 Helsinki time. Scheduler retries delivery; Lambda retries the run twice more
    // (it checkpoints); what still fails lands in the DLQ, which alarms.
    const schedulerRole = new iam.Role(this, 'RetentionScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
      description: 'EventBridge Scheduler: invokes the retention function, dead-letters to RetentionDlq',
    });
    new Schedule(this, 'RetentionSchedule', {
      description: 'Daily retention sweep',
      schedule: ScheduleExpression.cron({ minute: '15', hour: '3', timeZone: TimeZone.EUROPE_HELSINKI }),
      target: new LambdaInvoke(fns.retention, {
        role: schedulerRole,
        deadLetterQueue: this.retentionDlq,
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
      }),
    });
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.resolve((fns.retention.node.defaultChild as CfnFunction).logicalId)}.Arn>:*]`,
      reason: "grantInvoke also covers the function's versions and aliases (`:*`); the role can still invoke the retention function only.",
    });

    for (const [queueId, dlq] of [['ProcessorDlq', this.streamDlq], ['RetentionDlq', this.retentionDlq]] as const) {
      Validations.of(dlq).acknowledge({
        id: 'Serverless-SQSRedrivePolicy',
        reason: `${queueId} is a dead-letter queue; messages stay here for inspection and replay, a DLQ of a DLQ would add nothing.`,
      });
    }

    this.alarms(props.alarmEmail);
  }

  private alarms(alarmEmail: string | undefined): void {
    // CloudWatch must be able to use the topic's key, which the AWS-managed SNS key does not allow.
    const key = new kms.Key(this, 'AlarmsKey', { description: 'Encrypts the alarm topic', enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    const topic = new sns.Topic(this, 'Alarms', { displayName: 'DSR processor alarms', masterKey: key, enforceSSL: true });
    new CfnOutput(this, 'AlarmTopicArn', { value: topic.topicArn, description: 'Subscribe on-call here (or deploy with -c alarmEmail=...)' });
    if (alarmEmail) {
      topic.addSubscription(new EmailSubscription(alarmEmail));
      const subscription = topic.node.findAll().find((c) => c instanceof sns.Subscription);
      if (subscription) {
        Validations.of(subscription).acknowledge({
          id: 'Serverless-SNSRedrivePolicy',
          reason: 'An email subscription to the alarm topic: SNS retries delivery itself, and a missed mail leaves the alarm visible in CloudWatch.',
        });
      }
    }
    const action = new SnsAction(topic);
    const alarm = (id: string, metric: cloudwatch.IMetric, description: string) => {
      const a = new cloudwatch.Alarm(this, id, {
        metric,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
    };
    const fiveMinutes = Duration.minutes(5);

    for (const [id, dlq] of [['ProcessorDlq', this.streamDlq], ['RetentionDlq', this.retentionDlq]] as const) {
      alarm(`${id}Depth`, dlq.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }), `${id} holds failed work: inspect and replay`);
    }
    for (const [name, fn] of Object.entries(this.functions)) {
      alarm(`${fnId(name)}Errors`, fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }), `${name} function errors`);
      alarm(`${fnId(name)}Throttles`, fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }), `${name} function throttled`);
    }
    alarm('Api5xx', this.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }), 'HTTP API answered 5xx');
    alarm(
      'OverdueRequests',
      new cloudwatch.Metric({ ...OVERDUE_METRIC, period: Duration.days(1), statistic: 'Maximum' }),
      'Requests past their due date (published daily by the retention job): answer them now',
    );
  }
}

const fnId = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

const queue = (scope: Construct, id: string) =>
  new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });

/** DynamoDB actions on a table and, by name, on its indexes: never `dynamodb:*`, never `index/*`. */
const tableAccess = (table: ITable, def: TableDef, actions: string[], indexes: string[]) => {
  for (const name of indexes) {
    if (!def.indexes.some((i) => i.name === name)) throw new Error(`${def.id} has no index ${name}`);
  }
  return new iam.PolicyStatement({
    actions: actions.map((a) => `dynamodb:${a}`),
    resources: [table.tableArn, ...indexes.map((name) => `${table.tableArn}/index/${name}`)],
  });
};
