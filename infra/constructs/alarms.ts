import { Annotations, ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Custom metric the retention job publishes (embedded metric format, no dimensions); alarmed here. */
export const OVERDUE_METRIC = { namespace: 'Dsr', metricName: 'OverdueRequests' } as const;

export interface AlarmsProps {
  /** Where notifications go; without it the alarms show in the console only (and synth warns). */
  alarmEmail?: string;
  functions: Record<string, IFunction>;
  deadLetterQueues: Record<string, IQueue>;
  api: HttpApi;
}

const fnId = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * Every alarm, and the encrypted topic they notify. CloudWatch publishes to the topic as a service
 * principal, so the topic's policy must allow it: `enforceSSL` makes a topic policy, and a topic
 * policy replaces SNS's default one (which would have allowed the account), so without the Allow
 * below no alarm would ever reach anyone.
 *
 * Its resources sit at the stack's scope, under the logical ids they had before this construct
 * existed, so an update changes them in place (a replaced topic would drop the confirmed mail
 * subscription).
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Alarms in this account and region, and only those, may publish (confused-deputy guard).
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
    };
    // CloudWatch must be able to use the topic's key, which the AWS-managed SNS key does not allow.
    const key = new kms.Key(stack, 'AlarmsKey', { description: 'Encrypts the alarm topic', enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromOurAlarms,
      }),
    );
    this.topic = new sns.Topic(stack, 'Alarms', { displayName: 'DSR processor alarms', masterKey: key, enforceSSL: true });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromOurAlarms,
      }),
    );
    new CfnOutput(stack, 'AlarmTopicArn', { value: this.topic.topicArn, description: 'Subscribe on-call here (or set alarmEmail in cdk.json)' });
    if (props.alarmEmail) {
      const subscription = this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason: 'An email subscription to the alarm topic: SNS retries delivery itself, and a missed mail leaves the alarm visible in CloudWatch.',
      });
    } else {
      Annotations.of(stack).addWarningV2(
        'dsr:noAlarmEmail',
        'No alarmEmail: alarms notify nobody, and a deploy without it removes an earlier subscription. Set "alarmEmail" in cdk.json\'s context (infra/README.md).',
      );
    }

    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, metric: cloudwatch.IMetric, description: string) => {
      const a = new cloudwatch.Alarm(stack, alarmId, {
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
    for (const [queueId, dlq] of Object.entries(props.deadLetterQueues)) {
      alarm(`${queueId}Depth`, dlq.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }), `${queueId} holds failed work: inspect and replay`);
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${fnId(name)}Errors`, fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }), `${name} function errors`);
      alarm(`${fnId(name)}Throttles`, fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }), `${name} function throttled`);
    }
    alarm('Api5xx', props.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }), 'HTTP API answered 5xx');
    alarm(
      'OverdueRequests',
      new cloudwatch.Metric({ ...OVERDUE_METRIC, period: Duration.days(1), statistic: 'Maximum' }),
      'Requests past their due date (published daily by the retention job): answer them now',
    );
  }
}
