import { readFileSync } from 'node:fs';
import { NODE_OPTIONS } from '../../infra/node-options';
import * as path from 'node:path';
import { App, Stack, Token, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import * as z from 'zod/mini';
import { functionEntries, routes } from '../../functions/routes';
import { buildApp, NonEuRegionError } from '../../infra/build';
import { registerTable, requestsTable } from '../../shared/adapters/tables';
import { EnvSchema } from '../../shared/config';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { BUNDLE_TARGET, RUNTIME } from '../../infra/constructs/app-function';
import { STREAM_MAPPING } from '../../infra/stacks/api-stack';

/**
 * The stacks as `cdk synth` builds them (same feature flags from cdk.json), with bundling skipped
 * (`aws:cdk:bundling-stacks: []`) so no esbuild runs and the tests take seconds.
 */
const cdkJson = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
// An alarm email by default: the warning when it is missing has a test of its own.
const build = (context: Record<string, unknown> = {}) =>
  buildApp(new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], alarmEmail: 'ops@example.fi', ...context } }));

const built = build();
const data = Template.fromStack(built.data);
const api = Template.fromStack(built.api);

// Template JSON is untyped; the assertions below are what checks its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json>; DeletionPolicy?: string };
const resourcesOf = (t: Template, type: string) => Object.entries(t.findResources(type)) as [string, Resource][];
/** The logical id of an L2 construct's CloudFormation resource. */
const idOf = (c: IConstruct) => Stack.of(c).resolve((c.node.defaultChild as CfnElement).logicalId) as string;
const fnProps = (name: keyof typeof functionEntries) => api.toJSON().Resources[idOf(built.api.functions[name])].Properties;

describe('region', () => {
  it.each(['us-east-1', 'eu-west-2', 'ap-northeast-1'])('refuses %s, naming it', (region) => {
    // Prepare / Act / Assess
    const act = () => build({ region });
    expect(act).toThrow(NonEuRegionError);
    expect(act).toThrow(region);
  });

  it('defaults to eu-north-1 and pins both stacks to the region only (no account look-ups)', () => {
    for (const stack of [built.data, built.api]) {
      expect(stack.region).toBe('eu-north-1');
      expect(Token.isUnresolved(stack.account)).toBe(true);
    }
  });

  it('takes another EU region from context', () => {
    expect(build({ region: 'eu-central-1' }).api.region).toBe('eu-central-1');
  });
});

describe('data stack', () => {
  it.each([requestsTable, registerTable])('$id table: on-demand, PITR, deletion protection, encrypted, retained, keys from tables.ts', (def) => {
    const [, table] = resourcesOf(data, 'AWS::DynamoDB::Table').find(([id]) => id.toLowerCase().startsWith(def.id))!;
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
      KeySchema: [
        { AttributeName: def.partitionKey, KeyType: 'HASH' },
        { AttributeName: def.sortKey, KeyType: 'RANGE' },
      ],
    });
    expect(table.Properties.GlobalSecondaryIndexes.map((i: { IndexName: string; Projection: { ProjectionType: string } }) => [i.IndexName, i.Projection.ProjectionType])).toEqual(
      def.indexes.map((i) => [i.name, i.projection === 'keys' ? 'KEYS_ONLY' : 'ALL']),
    );
  });

  it('requests table streams new and old images and expires items by its TTL attribute', () => {
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: requestsTable.ttlAttribute, Enabled: true },
    });
  });

  it('exports bucket: private, owner-enforced, SSE-KMS with bucket key, versioned, lifecycle, retained', () => {
    data.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() } }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({ Prefix: 'exports/', ExpirationInDays: 8, Status: 'Enabled' }),
            Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 1 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
          ]),
        },
      },
    });
  });

  it('exports bucket refuses anything but TLS', () => {
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('seal key is an asymmetric P-256 signing key, never deleted with the stack', () => {
    data.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' } });
  });

  it('exports key rotates', () => {
    data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('HMAC key is a generated, retained 64-character secret', () => {
    data.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } },
    });
  });

  it('SES: a domain identity (from context) whose default configuration set requires TLS', () => {
    data.hasResourceProperties('AWS::SES::ConfigurationSet', { DeliveryOptions: { TlsPolicy: 'REQUIRE' } });
    data.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'wellflix.fi', ConfigurationSetAttributes: Match.anyValue() });
    Template.fromStack(build({ senderDomain: 'example.fi' }).data).hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.fi' });
  });

  it('staff user pool: MFA on (OTP), no self sign-up, strong passwords, threat protection, retained', () => {
    data.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: {
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        Policies: { PasswordPolicy: { MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: 'ACTIVE',
      },
    });
  });
});

describe('functions', () => {
  const functions = resourcesOf(api, 'AWS::Lambda::Function');

  it('one function per entry of the route table, each with its own role', () => {
    expect(functions).toHaveLength(Object.keys(functionEntries).length);
    const roles = new Set(functions.map(([, f]) => JSON.stringify(f.Properties.Role)));
    expect(roles.size).toBe(functions.length);
  });

  it('every function: the newest Node.js runtime aws-cdk-lib offers, arm64, active tracing, its own log group kept a month', () => {
    const newest = Object.keys(Runtime)
      .map((k) => /^NODEJS_(\d+)_X$/.exec(k)?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number)
      .sort((a, b) => b - a)[0];
    expect(RUNTIME.name).toBe(`nodejs${newest}.x`);
    expect(BUNDLE_TARGET).toBe(`node${newest}`);
    const logGroups = api.findResources('AWS::Logs::LogGroup');
    for (const [, f] of functions) {
      expect(f.Properties).toMatchObject({ Runtime: `nodejs${newest}.x`, Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
      const group = logGroups[f.Properties.LoggingConfig.LogGroup.Ref];
      expect(group?.Properties.RetentionInDays).toBe(30);
    }
  });

  it('the processor, which builds exports, runs with the small young generation the export benchmark measures', () => {
    expect(fnProps('processor').Environment.Variables.NODE_OPTIONS).toBe(NODE_OPTIONS.processor);
    expect(fnProps('submit').Environment.Variables.NODE_OPTIONS).toBe(NODE_OPTIONS.default);
  });

  it('timeouts and memory follow the work', () => {
    expect(fnProps('submit')).toMatchObject({ Timeout: 10, MemorySize: 512 });
    expect(fnProps('processor')).toMatchObject({ Timeout: 60, MemorySize: 1024 });
    expect(fnProps('retention')).toMatchObject({ Timeout: 900, MemorySize: 1024 });
  });

  it('every function gets every variable EnvSchema requires, and none it does not know; the HMAC key only by its secret\'s ARN', () => {
    const shape = EnvSchema.shape as Record<string, z.ZodMiniType>;
    // HMAC_KEY is filled in at cold start from HMAC_SECRET_ARN (shared/adapters/secrets.ts).
    const required = Object.keys(shape).filter((k) => !z.safeParse(shape[k]!, undefined).success && k !== 'HMAC_KEY');
    for (const [, f] of functions) {
      const vars = Object.keys(f.Properties.Environment.Variables);
      expect(vars).toEqual(expect.arrayContaining([...required, 'HMAC_SECRET_ARN']));
      expect(vars.filter((v) => !(v in shape) && !['NODE_OPTIONS', 'LOG_LEVEL'].includes(v))).toEqual([]);
      expect(f.Properties.Environment.Variables.NODE_OPTIONS).toMatch(/^--enable-source-maps/);
      expect(vars).not.toContain('HMAC_KEY');
      expect(JSON.stringify(f.Properties.Environment.Variables)).not.toContain('resolve:secretsmanager');
      expect(f.Properties.Environment.Variables.HMAC_SECRET_ARN).toEqual({ 'Fn::GetStackOutput': expect.objectContaining({ StackName: 'DsrData', OutputName: expect.stringMatching(/HmacKey/) }) });
    }
  });

  it('PUBLIC_BASE_URL is the API endpoint unless context publicBaseUrl is given', () => {
    expect(fnProps('processor').Environment.Variables.PUBLIC_BASE_URL).toEqual({ 'Fn::GetAtt': [idOf(built.api.api), 'ApiEndpoint'] });
    const custom = build({ publicBaseUrl: 'https://privacy.example.fi/', senderEmail: 'privacy@example.fi' });
    Template.fromStack(custom.api).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ PUBLIC_BASE_URL: 'https://privacy.example.fi', SENDER_EMAIL: 'privacy@example.fi' }) },
    });
    expect(() => build({ publicBaseUrl: 'http://privacy.example.fi' })).toThrow('https');
  });
});

describe('stream processor', () => {
  it('reads REQUEST items of the requests stream, bisects, retries a bounded number of times, then dead-letters', () => {
    api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: idOf(built.api.functions.processor) },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: STREAM_MAPPING.batchSize,
      MaximumBatchingWindowInSeconds: STREAM_MAPPING.maxBatchingWindowSeconds,
      ParallelizationFactor: STREAM_MAPPING.parallelizationFactor,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [idOf(built.api.streamDlq), 'Arn'] } } },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { sk: { S: ['REQUEST'] } } } }) }] },
    });
  });

  it('dead-letter queues are encrypted and TLS-only', () => {
    const queues = resourcesOf(api, 'AWS::SQS::Queue');
    expect(queues).toHaveLength(2);
    for (const [, q] of queues) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
    expect(resourcesOf(api, 'AWS::SQS::QueuePolicy').filter(([, p]) => JSON.stringify(p).includes('"aws:SecureTransport":"false"'))).toHaveLength(2);
  });
});

describe('HTTP API', () => {
  it('one route per row of the route table, the JWT authorizer exactly on staff rows', () => {
    const routeResources = resourcesOf(api, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    expect(routeResources).toHaveLength(routes.length);
    for (const row of routes) {
      const route = routeResources.find((r) => r.RouteKey === `${row.method} ${row.path}`);
      expect(route).toBeDefined();
      if (row.auth === 'staff') expect(route).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: expect.anything() });
      else expect(route!.AuthorizationType ?? 'NONE').toBe('NONE');
    }
  });

  it('the authorizer trusts the staff user pool and its console client only', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: Match.stringLikeRegexp('^StaffConsole') }], Issuer: Match.anyValue() },
    });
    api.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false, AllowedOAuthFlows: ['code'] });
  });

  it('the console is told where to sign in: the staff pool\'s hosted domain and the console client', () => {
    const vars = fnProps('pages').Environment.Variables;
    expect(JSON.stringify(vars.STAFF_AUTH_DOMAIN)).toMatch(/StaffSignIn/);
    expect(JSON.stringify(vars.STAFF_AUTH_DOMAIN)).toContain('.auth.');
    expect(vars.STAFF_CLIENT_ID).toEqual({ Ref: expect.stringMatching(/^StaffConsole/) });
  });

  it('stage throttles and writes JSON access logs without personal data', () => {
    const [[, stage]] = resourcesOf(api, 'AWS::ApiGatewayV2::Stage') as [[string, Resource]];
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
    });
    const format = stage.Properties.AccessLogSettings.Format as string;
    expect(Object.keys(JSON.parse(format))).toEqual(expect.arrayContaining(['requestId', 'routeKey', 'status', 'latency', 'integrationError']));
    for (const personal of ['sourceIp', 'userAgent', '$context.path', 'querystring', 'claims']) expect(format).not.toContain(personal);
  });
});

describe('retention schedule', () => {
  it('runs daily at 03:15 Helsinki time with retries and a DLQ', () => {
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(15 3 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Helsinki',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [idOf(built.api.functions.retention), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 21600 },
        DeadLetterConfig: { Arn: Match.anyValue() },
      },
    });
    expect(fnProps('retention').DeadLetterConfig).toBeDefined();
  });
});

describe('alarms', () => {
  const alarms = resourcesOf(api, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const count = (namespace: string, metric: string) => alarms.filter((a) => a.Namespace === namespace && a.MetricName === metric).length;
  const fnCount = Object.keys(functionEntries).length;

  it('DLQ depth, errors and throttles per function, API 5xx, overdue requests', () => {
    expect(count('AWS/SQS', 'ApproximateNumberOfMessagesVisible')).toBe(2);
    expect(count('AWS/Lambda', 'Errors')).toBe(fnCount);
    expect(count('AWS/Lambda', 'Throttles')).toBe(fnCount);
    expect(count('AWS/ApiGateway', '5xx')).toBe(1);
    expect(count('Dsr', 'OverdueRequests')).toBe(1);
    expect(alarms).toHaveLength(2 + 2 * fnCount + 2);
  });

  it('every alarm fires above zero and notifies the encrypted, TLS-only topic', () => {
    for (const a of alarms) {
      expect(a).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [{ Ref: expect.stringMatching(/^Alarms/) }] });
    }
    api.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    api.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    Template.fromStack(build({ alarmEmail: undefined }).api).resourceCountIs('AWS::SNS::Subscription', 0);
    api.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.fi',
    });
  });
});

describe('least privilege', () => {
  type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
  const statements = (t: Template): Statement[] => [
    ...resourcesOf(t, 'AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]),
    ...resourcesOf(t, 'AWS::IAM::Role').flatMap(([, r]) =>
      ((r.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((p) => p.PolicyDocument.Statement),
    ),
  ];
  const list = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);
  const all = [...statements(data), ...statements(api)];

  it('no statement allows "*" or a whole service ("dynamodb:*", "s3:*", …)', () => {
    expect(all.length).toBeGreaterThan(0);
    const broad = all.filter((s) => s.Effect === 'Allow').flatMap((s) => list(s.Action)).filter((a) => a === '*' || a.endsWith(':*'));
    expect(broad).toEqual([]);
  });

  it('Resource "*" only for actions that have no resource-level permissions', () => {
    const allowed = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'ses:GetAccount', 'dynamodb:ListStreams']);
    const starActions = all.filter((s) => s.Effect === 'Allow' && list(s.Resource).includes('*')).flatMap((s) => list(s.Action));
    expect(starActions.filter((a) => !allowed.has(a))).toEqual([]);
  });

  it('nothing scans, and only the processor signs seals or sends mail besides the retention job', () => {
    expect(all.flatMap((s) => list(s.Action))).not.toContain('dynamodb:Scan');
    const rolesWith = (action: string) =>
      resourcesOf(api, 'AWS::IAM::Policy')
        .filter(([, p]) => (p.Properties.PolicyDocument.Statement as Statement[]).some((s) => list(s.Action).includes(action)))
        .map(([, p]) => JSON.stringify(p.Properties.Roles));
    const roleOf = (name: keyof typeof functionEntries) => JSON.stringify([{ Ref: idOf(built.api.functions[name].role!) }]);
    expect(rolesWith('kms:Sign')).toEqual([roleOf('processor')]);
    expect(rolesWith('ses:SendEmail').sort()).toEqual([roleOf('processor'), roleOf('retention')].sort());
    expect(rolesWith('s3:PutObject')).toEqual([roleOf('processor')]);
  });
});
