import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { functionEntries } from '../../functions/routes';
import { buildApp } from '../../infra/build';

/**
 * Least privilege, function by function: every statement of every function's role, written out
 * (actions, resources by name, conditions). A grant added, widened or lost fails here and has to
 * be reviewed. Resources read as the names of what they are: `Requests` is the requests table's
 * ARN (read from DsrData), `Requests/index/byStatus` one index, `*` a wildcard.
 */
const cdkJson = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
const built = buildApp(new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], alarmEmail: 'ops@example.fi', senderEmail: 'tietosuoja@wellflix.fi' } }));
const template = Template.fromStack(built.api).toJSON() as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
const idOf = (c: IConstruct) => Stack.of(c).resolve((c.node.defaultChild as CfnElement).logicalId) as string;

type Json = unknown;
/** A resource as a readable name: cross-stack outputs by their construct's name, joins spelled out. */
const label = (r: Json): string => {
  if (typeof r === 'string') return r;
  const o = r as Record<string, Json>;
  if (o['Fn::GetStackOutput']) {
    const name = (o['Fn::GetStackOutput'] as { OutputName: string }).OutputName;
    // PublishOutputFnGetAtt<Construct><hash><Attribute><hash> → <Construct><Attribute>, e.g. RequestsStreamArn
    const m = /^PublishOutput(?:FnGetAtt|Ref)([A-Za-z0-9]+?)[0-9A-F]{8}([A-Za-z]*?)(?:Arn)?[0-9A-F]{8}$/.exec(name);
    return m ? `${m[1]}${m[2] === 'Stream' ? 'StreamArn' : ''}` : name;
  }
  if (o['Fn::Join']) return ((o['Fn::Join'] as [string, Json[]])[1]).map(label).join((o['Fn::Join'] as [string, Json[]])[0]);
  if (o['Fn::ImportValue']) return `import:${String(o['Fn::ImportValue'])}`;
  if (o['Fn::GetAtt']) return (o['Fn::GetAtt'] as [string, string])[0].replace(/[0-9A-F]{8}$/, '');
  if (o.Ref) return String(o.Ref).replace(/[0-9A-F]{8}$/, '');
  return JSON.stringify(r);
};
const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
interface Statement { Action: string | string[]; Resource: Json; Condition?: Json; Effect: string }

const statementsOf = (name: keyof typeof functionEntries) => {
  const roleId = idOf(built.api.functions[name].role!);
  const raw = Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .map((s) => ({
      effect: s.Effect,
      actions: list(s.Action).sort(),
      resources: list(s.Resource).map(label).sort(),
      ...(s.Condition ? { condition: s.Condition } : {}),
    }))
  return sorted(raw);
};
const allow = (actions: string[], resources: string[], condition?: Json) => ({
  effect: 'Allow',
  actions: [...actions].sort(),
  resources: [...resources].sort(),
  ...(condition ? { condition } : {}),
});
type Norm = ReturnType<typeof allow>;
/**
 * Every (action, resource, condition) a role allows, one line each: the minimizePolicies feature
 * flag merges statements in the template by action or by resource, so what is compared is who may
 * do what to which, not how the template groups it.
 */
function sorted(statements: Norm[]): string[] {
  const lines = statements.flatMap((s) =>
    s.actions.flatMap((a) => s.resources.map((r) => `${s.effect} ${a} on ${r}${s.condition ? ` if ${JSON.stringify(s.condition)}` : ''}`)),
  );
  return [...new Set(lines)].sort();
}
const logs = (fn: string) => allow(['logs:CreateLogStream', 'logs:PutLogEvents'], [`${fn}Logs`]);
const xray = allow(['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], ['*']);
const hmacSecret = allow(['secretsmanager:GetSecretValue'], ['HmacKey']);
const intake = ['dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const write = [...intake, 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:Query'];
const exportObjects = (...actions: string[]) => allow(actions.map((a) => `s3:${a}`), ['import:DsrData-ExportsBucketArn/exports/*']);
const listExports = allow(['s3:ListBucket'], ['Exports'], { StringLike: { 's3:prefix': ['exports/*'] } });
const sendMail = allow(
  ['ses:SendEmail'],
  ['arn:aws:ses:eu-north-1:AWS::AccountId:identity/Sender', 'arn:aws:ses:eu-north-1:AWS::AccountId:configuration-set/Mail'],
  { StringEquals: { 'ses:FromAddress': 'tietosuoja@wellflix.fi' } },
);
const leadingKeys = (p: string) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [p] } });

describe('each function may do exactly this', () => {
  it('health: describe the tables, read the heartbeat item only, head the bucket, SES account, the two DLQs, the HMAC secret', () => {
    expect(statementsOf('health')).toEqual(
      sorted([
        logs('Health'),
        xray,
        allow(['dynamodb:DescribeTable'], ['Requests']),
        allow(['dynamodb:GetItem'], ['Requests'], leadingKeys('HEARTBEAT#*')),
        allow(['dynamodb:DescribeTable'], ['Register']),
        allow(['s3:ListBucket'], ['Exports']),
        allow(['ses:GetAccount'], ['*']),
        allow(['sqs:GetQueueAttributes'], ['ProcessorDlq', 'RetentionDlq']),
        hmacSecret,
      ]),
    );
  });

  it('pages: nothing but its logs, traces and the HMAC secret (loadConfig needs it)', () => {
    expect(statementsOf('pages')).toEqual(sorted([logs('Pages'), xray, hmacSecret]));
  });

  it.each(['submit', 'verify', 'decide'] as const)('%s: conditional writes on the requests table only', (name) => {
    expect(statementsOf(name)).toEqual(sorted([logs(name.charAt(0).toUpperCase() + name.slice(1)), xray, allow(intake, ['Requests']), hmacSecret]));
  });

  it('download: reads, and updates only its rate counters (RATE#…): it cannot change a request, token or export', () => {
    expect(statementsOf('download')).toEqual(
      sorted([
        logs('Download'),
        xray,
        allow(['dynamodb:GetItem'], ['Requests']),
        allow(['dynamodb:UpdateItem'], ['Requests'], leadingKeys('RATE#*')),
        allow(['kms:Decrypt'], ['ExportsKey']),
        exportObjects('GetObject'),
        hmacSecret,
      ]),
    );
  });

  it('admin: reads requests (and the status index), customer records, and the seal\'s public key', () => {
    expect(statementsOf('admin')).toEqual(
      sorted([
        logs('Admin'),
        xray,
        allow(['dynamodb:GetItem', 'dynamodb:Query'], ['Requests', 'Requests/index/byStatus']),
        allow(['dynamodb:GetItem', 'dynamodb:Query'], ['Register']),
        allow(['kms:GetPublicKey', 'kms:Verify'], ['SealKey']),
        hmacSecret,
      ]),
    );
  });

  it('processor: both tables, exports (multipart abort included), seal signing, mail from the sender only, its stream', () => {
    const statements = statementsOf('processor');
    // The stream event source mapping's own grant (CDK): this table's stream, and ListStreams.
    const stream = statements.filter((line) => /dynamodb:(DescribeStream|GetRecords|GetShardIterator|ListStreams) /.test(line));
    expect(stream).toEqual([
      'Allow dynamodb:DescribeStream on RequestsStreamArn',
      'Allow dynamodb:GetRecords on RequestsStreamArn',
      'Allow dynamodb:GetShardIterator on RequestsStreamArn',
      'Allow dynamodb:ListStreams on *',
    ]);
    expect(statements.filter((line) => !stream.includes(line))).toEqual(
      sorted([
        logs('Processor'),
        xray,
        allow(write, ['Requests', 'Requests/index/byStatus']),
        allow(write, ['Register', 'Register/index/byEmail', 'Register/index/byRetentionDue']),
        allow(['kms:Decrypt', 'kms:GenerateDataKey'], ['ExportsKey']),
        allow(['kms:GetPublicKey', 'kms:Sign'], ['SealKey']),
        listExports,
        sendMail,
        exportObjects('AbortMultipartUpload', 'DeleteObject', 'GetObject', 'PutObject'),
        allow(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], ['ProcessorDlq']),
        hmacSecret,
      ]),
    );
  });

  it('retention: both tables (its heartbeat included), deletes exports, mail from the sender only, its DLQ', () => {
    expect(statementsOf('retention')).toEqual(
      sorted([
        logs('Retention'),
        xray,
        allow(write, ['Requests', 'Requests/index/byStatus']),
        allow(write, ['Register', 'Register/index/byRetentionDue']),
        listExports,
        sendMail,
        exportObjects('DeleteObject'),
        allow(['sqs:SendMessage'], ['RetentionDlq']),
        hmacSecret,
      ]),
    );
  });

  it('mail is sent only from the configured sender address', () => {
    const other = buildApp(new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], alarmEmail: 'ops@example.fi', senderEmail: 'privacy@example.fi', senderDomain: 'example.fi' } }));
    expect(JSON.stringify(Template.fromStack(other.api).toJSON())).toContain('"ses:FromAddress":"privacy@example.fi"');
  });
});
