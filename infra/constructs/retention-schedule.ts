import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The job runs daily; the health check calls it late once its last completed run is older than this. */
export const SCHEDULE_MAX_AGE_HOURS = 26;

/**
 * Daily at 03:15 Helsinki time. Scheduler retries delivery; Lambda retries the run twice more (it
 * checkpoints); what still fails lands in the DLQ, which alarms. Each run that ends writes a
 * heartbeat the health check reads.
 */
export class RetentionSchedule extends Construct {
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: { fn: IFunction; deadLetterQueue: IQueue }) {
    super(scope, id);
    const stack = Stack.of(this);
    const role = new iam.Role(stack, 'RetentionScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: 'EventBridge Scheduler: invokes the retention function, dead-letters to RetentionDlq',
    });
    this.schedule = new Schedule(stack, 'RetentionSchedule', {
      description: 'Daily retention sweep',
      schedule: ScheduleExpression.cron({ minute: '15', hour: '3', timeZone: TimeZone.EUROPE_HELSINKI }),
      target: new LambdaInvoke(props.fn, { role, deadLetterQueue: props.deadLetterQueue, retryAttempts: 3, maxEventAge: Duration.hours(6) }),
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.resolve((props.fn.node.defaultChild as CfnFunction).logicalId)}.Arn>:*]`,
      reason: "grantInvoke also covers the function's versions and aliases (`:*`); the role can still invoke the retention function only.",
    });
  }
}
