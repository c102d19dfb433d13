import { CfnOutput, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routes, type FunctionName } from '../../functions/routes';

/**
 * Access logs live under /aws/vendedlogs/: for that prefix CloudWatch Logs authorises the log
 * delivery without adding to the account's log resource policy, whose 5,120-character limit other
 * stacks' log groups would otherwise use up (and API Gateway's log setup would then fail).
 */
export const ACCESS_LOG_PREFIX = '/aws/vendedlogs/apigateway/';

/** The HTTP API: its own $default stage (throttled, JSON access logs without personal data) and one route per row of the route table. */
export class DsrHttpApi extends Construct {
  readonly api: HttpApi;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    // At the stack's scope under its earlier id: the API (and so its address) stays across updates.
    this.api = new HttpApi(stack, 'Api', {
      description: 'Data-subject requests: public form, verification, downloads, staff API',
      // Our own $default stage below, with throttling and access logs.
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(stack, 'ApiAccessLogs', {
      logGroupName: `${ACCESS_LOG_PREFIX}${stack.stackName}-access`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
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
    new CfnOutput(stack, 'ApiUrl', { value: this.api.apiEndpoint, description: 'The HTTP API (form at /, health at /health)' });
  }

  /** Called once the functions exist (their environment needs the API's address first). */
  addRouteTable(functions: Record<FunctionName, IFunction>, staffAuthorizer: IHttpRouteAuthorizer): void {
    // One route per row of the route table; staff rows, and only those, behind the JWT authorizer.
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of routes) {
      if (!integrations.has(route.fn)) integrations.set(route.fn, new HttpLambdaIntegration(`${fnId(route.fn)}Integration`, functions[route.fn]));
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
            'routes serve static pages and the health check (up or degraded, no details). Staff routes use the Cognito JWT authorizer.',
        });
      }
    }
  }
}

export const fnId = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
