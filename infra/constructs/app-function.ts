import * as path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** The repository root: entries in functions/routes.ts are relative to it. */
export const projectRoot = path.resolve(__dirname, '..', '..');

/** How much a function gets, by the kind of work it does. */
export const sizes = {
  /** An HTTP handler: a few DynamoDB calls, well inside API Gateway's 30 s limit. */
  http: { timeout: Duration.seconds(10), memorySize: 512 },
  /** The stream processor builds exports (JSON + CSV of a whole order history) and sends mail. */
  processor: { timeout: Duration.seconds(60), memorySize: 1024 },
  /** The daily retention sweep; it checkpoints, so a timeout resumes where it stopped. */
  job: { timeout: Duration.minutes(15), memorySize: 1024 },
} as const;

export interface AppFunctionProps {
  /** Entry file relative to the repository root (from `functionEntries`). */
  entry: string;
  description: string;
  size: keyof typeof sizes;
  environment: Record<string, string>;
  /** Queue for failed asynchronous invocations; only functions that are invoked asynchronously have one. */
  deadLetterQueue?: IQueue;
  /** Why a function has no dead-letter queue (cdk-nag Serverless-LambdaDLQ); required without `deadLetterQueue`. */
  noDeadLetterQueueReason?: string;
  /** Extra reason for `Resource::*` grants beyond X-Ray (e.g. an API without resource-level permissions). */
  starResourceReason?: string;
  /**
   * Values compiled into the bundle (esbuild `define`): the controller's configuration, validated
   * at synth, lives here rather than in the 4 KB environment.
   */
  define?: Record<string, string>;
}

/**
 * The newest Node.js runtime this aws-cdk-lib offers (Node.js 22 leaves Lambda's standard support
 * in April 2027); the bundles target the same version.
 */
export const RUNTIME = Runtime.NODEJS_24_X;
export const BUNDLE_TARGET = 'node24';

/**
 * Every function's defaults in one place: the newest Node.js runtime (24) on arm64, esbuild (minified, source maps,
 * SDK v3 bundled so it tree-shakes), X-Ray, its own log group with a month's retention, and its
 * own role that starts with nothing but writing its logs. Stacks add exact grants per function.
 */
export class AppFunction extends NodejsFunction {
  /** What esbuild compiles into this function's bundle (tests read it; bundling is skipped there). */
  readonly define: Record<string, string>;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    // Created here, not by Lambda on first use, so retention is set and the stack owns it.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of the default one, which would carry the AWSLambdaBasicExecutionRole
    // managed policy (logs:CreateLogGroup/PutLogEvents on every log group in the account).
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${id}: ${props.description}`,
    });
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );

    super(scope, id, {
      entry: path.join(projectRoot, props.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      description: props.description,
      runtime: RUNTIME,
      architecture: Architecture.ARM_64,
      ...sizes[props.size],
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      environment: props.environment,
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      bundling: {
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: BUNDLE_TARGET,
        ...(props.define ? { define: props.define } : {}),
        // CommonJS output keeps `require` of Node built-ins working inside the bundle; reading
        // the packages' ESM builds first ('module' before 'main') is what lets esbuild tree-shake
        // the SDK v3 and middy 6 (ESM-only) is bundled all the same.
        format: OutputFormat.CJS,
        mainFields: ['module', 'main'],
        // Bundle the SDK v3 too, instead of using the runtime's copy: a pinned, tree-shaken SDK.
        externalModules: [],
        logLevel: LogLevel.WARNING,
      },
    });

    this.define = props.define ?? {};
    if (!props.deadLetterQueue) {
      Validations.of(this).acknowledge({ id: 'Serverless-LambdaDLQ', reason: props.noDeadLetterQueueReason ?? missing(id) });
    }
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Resource "*" only for actions that have no resource-level permissions: X-Ray PutTraceSegments/PutTelemetryRecords (active tracing)' +
        (props.starResourceReason ? `; ${props.starResourceReason}` : '') +
        '. Every other statement names its exact resource.',
    });
  }
}

const missing = (id: string): never => {
  throw new Error(`${id}: give a deadLetterQueue or say why it has none (noDeadLetterQueueReason)`);
};
