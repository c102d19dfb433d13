/**
 * The runtime half of the infrastructure work: the HMAC key read from Secrets Manager at cold
 * start, the heartbeat of the scheduled job, and the health check's parts and answers. Clients are
 * mocked (aws-sdk-client-mock); nothing here needs AWS.
 */
import { DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { makeHandler, wire } from '../../functions/health/health';
import { deadLetterCheck, mailCheck, scheduleCheck, type Check } from '../../shared/adapters/health-checks';
import { dynamoHeartbeat, withHeartbeat } from '../../shared/adapters/heartbeat';
import { resolveSecrets, secretsManagerReader } from '../../shared/adapters/secrets';
import { ConfigError, loadConfig } from '../../shared/config';
import { atColdStart } from '../../shared/lambda/cold-start';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-north-1:111111111111:secret:HmacKey-AbCdEf';
const KEY = 'k'.repeat(64);
const baseEnv = {
  AWS_REGION: 'eu-north-1',
  REQUESTS_TABLE: 'requests',
  REGISTER_TABLE: 'register',
  EXPORTS_BUCKET: 'exports',
  PUBLIC_BASE_URL: 'https://privacy.example.fi',
  SEAL_KMS_KEY_ID: 'arn:aws:kms:eu-north-1:111111111111:key/abc',
};
const ctx = {} as Context;
const event = (routeKey: string, claims?: Record<string, string>) =>
  ({
    routeKey,
    rawPath: routeKey.split(' ')[1],
    headers: {},
    requestContext: { http: { method: 'GET' }, ...(claims ? { authorizer: { jwt: { claims } } } : {}) },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

describe('HMAC key from Secrets Manager', () => {
  const sm = mockClient(SecretsManagerClient);
  beforeEach(() => sm.reset());

  it('reads the secret the environment names, once, and fills HMAC_KEY without touching the input', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).resolves({ SecretString: KEY });
    const env = { ...baseEnv, HMAC_SECRET_ARN: SECRET_ARN };
    // Act
    const resolved = await resolveSecrets(env, secretsManagerReader(new SecretsManagerClient({ region: 'eu-north-1' })));
    // Assess
    expect(resolved.HMAC_KEY).toBe(KEY);
    expect(env).not.toHaveProperty('HMAC_KEY');
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(sm).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: SECRET_ARN });
    expect(loadConfig(resolved).hmacKey).toBe(KEY);
  });

  it('with HMAC_KEY given (local stack, tests) reads nothing', async () => {
    const read = jest.fn();
    const env = { ...baseEnv, HMAC_KEY: KEY, HMAC_SECRET_ARN: SECRET_ARN };
    expect(await resolveSecrets(env, read)).toBe(env);
    expect(read).not.toHaveBeenCalled();
  });

  it('atColdStart builds at once when nothing is to be read, so a bad configuration throws at import', () => {
    const build = jest.fn(() => async () => 'ok');
    atColdStart(build, { ...baseEnv, HMAC_KEY: KEY });
    expect(build).toHaveBeenCalledTimes(1);
    expect(() => atColdStart((env) => (loadConfig(env), async () => 'never'), { ...baseEnv })).toThrow(ConfigError);
  });

  it('atColdStart reads the secret while the module loads, builds once, and serves every invocation with that build', async () => {
    // Prepare
    const read = jest.fn(async () => KEY);
    const build = jest.fn((env: Record<string, string | undefined>) => {
      const cfg = loadConfig(env);
      return async (n: number) => `${n}:${cfg.hmacKey.length}`;
    });
    // Act
    const handler = atColdStart(build, { ...baseEnv, HMAC_SECRET_ARN: SECRET_ARN }, read);
    // Assess: the read began before any invocation
    expect(read).toHaveBeenCalledTimes(1);
    expect(await handler(1)).toBe('1:64');
    expect(await handler(2)).toBe('2:64');
    expect(read).toHaveBeenCalledTimes(1);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('a failed read fails the invocation before any request work, and the next invocation reads again', async () => {
    const read = jest.fn<Promise<string>, [string]>().mockRejectedValueOnce(Object.assign(new Error('denied'), { name: 'AccessDeniedException' })).mockResolvedValue(KEY);
    const work = jest.fn(async () => 'done');
    const handler = atColdStart(() => work, { ...baseEnv, HMAC_SECRET_ARN: SECRET_ARN }, read);
    await expect(handler()).rejects.toThrow('denied');
    expect(work).not.toHaveBeenCalled();
    expect(await handler()).toBe('done');
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('a secret too short for HMAC_KEY fails the configuration check, not a request', async () => {
    const handler = atColdStart((env) => (loadConfig(env), async () => 'never'), { ...baseEnv, HMAC_SECRET_ARN: SECRET_ARN }, async () => 'short');
    await expect(handler()).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('heartbeat of the scheduled job', () => {
  const ddb = mockClient(DynamoDBClient);
  beforeEach(() => ddb.reset());

  it('is written after a run that returns, under its own key, with the time only', async () => {
    ddb.on(PutItemCommand).resolves({});
    const at = new Date('2027-01-02T01:15:00.000Z');
    const run = withHeartbeat(async () => ({ erased: 0 }), dynamoHeartbeat(new DynamoDBClient({ region: 'eu-north-1' }), 'requests', 'retention'), () => at);
    expect(await run()).toEqual({ erased: 0 });
    expect(ddb).toHaveReceivedCommandWith(PutItemCommand, {
      TableName: 'requests',
      Item: { pk: { S: 'HEARTBEAT#retention' }, sk: { S: 'HEARTBEAT' }, at: { S: at.toISOString() } },
    });
  });

  it('is not written when the run throws', async () => {
    const beat = jest.fn();
    const run = withHeartbeat(async () => Promise.reject(new Error('boom')), { beat });
    await expect(run()).rejects.toThrow('boom');
    expect(beat).not.toHaveBeenCalled();
  });
});

describe('health checks', () => {
  const ses = mockClient(SESv2Client);
  const sqs = mockClient(SQSClient);
  beforeEach(() => {
    ses.reset();
    sqs.reset();
  });

  it('mail: down when sending is disabled; in AWS also down in the SES sandbox', async () => {
    const client = new SESv2Client({ region: 'eu-north-1' });
    ses.on(GetAccountCommand).resolves({ SendingEnabled: true, ProductionAccessEnabled: false });
    expect(await mailCheck(client, true)()).toMatchObject({ status: 'down', detail: expect.stringContaining('sandbox') });
    // Locally (the emulator is a sandbox) production access is not asked for.
    expect(await mailCheck(client, false)()).toMatchObject({ status: 'up' });
    ses.on(GetAccountCommand).resolves({ SendingEnabled: false, ProductionAccessEnabled: true });
    expect(await mailCheck(client, true)()).toMatchObject({ status: 'down', detail: expect.stringContaining('disabled') });
    ses.on(GetAccountCommand).resolves({ SendingEnabled: true, ProductionAccessEnabled: true });
    expect(await mailCheck(client, true)()).toMatchObject({ status: 'up' });
  });

  it('dead-letter queue: up only when empty, naming how many wait', async () => {
    const client = new SQSClient({ region: 'eu-north-1' });
    const url = 'https://sqs.eu-north-1.amazonaws.com/111111111111/ProcessorDlq';
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '0' } });
    expect(await deadLetterCheck(client, url)()).toEqual({ status: 'up', detail: 'empty' });
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '3' } });
    expect(await deadLetterCheck(client, url)()).toMatchObject({ status: 'down', detail: expect.stringContaining('3 failed messages') });
    expect(sqs).toHaveReceivedCommandWith(GetQueueAttributesCommand, { QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] });
  });

  it('schedule: up while the last completed run is recent enough, down when old or never', async () => {
    const now = () => new Date('2027-01-03T12:00:00Z');
    const at = (iso?: string) => ({ last: async () => (iso ? new Date(iso) : undefined) });
    expect((await scheduleCheck(at('2027-01-03T01:15:00Z'), 26, now)()).status).toBe('up');
    expect((await scheduleCheck(at('2027-01-02T01:15:00Z'), 26, now)()).status).toBe('down');
    expect(await scheduleCheck(at(undefined), 26, now)()).toMatchObject({ status: 'down', detail: expect.stringContaining('no completed run') });
  });

  it('wires the DLQ and schedule checks only where configured: the local stack has neither', () => {
    const local = wire(loadConfig({ ...baseEnv, HMAC_KEY: KEY }));
    expect(Object.keys(local).sort()).toEqual(['exports', 'mail', 'register', 'requests']);
    const aws = wire(
      loadConfig({
        ...baseEnv,
        HMAC_KEY: KEY,
        HEALTH_DLQ_URLS: 'processor=https://sqs.eu-north-1.amazonaws.com/1/P,retention=https://sqs.eu-north-1.amazonaws.com/1/R',
        HEALTH_SCHEDULE_MAX_AGE_HOURS: '26',
      }),
    );
    expect(Object.keys(aws).sort()).toEqual(['dlq-processor', 'dlq-retention', 'exports', 'mail', 'register', 'requests', 'schedule']);
  });
});

describe('GET /health and GET /admin/health', () => {
  const ddb = mockClient(DynamoDBClient);
  const s3 = mockClient(S3Client);
  beforeEach(() => {
    ddb.reset();
    s3.reset();
  });
  const checks = (over: Partial<Record<string, Check>> = {}): Record<string, Check> => ({
    requests: async () => ({ status: 'up' }),
    mail: async () => ({ status: 'up', detail: 'sending, production access' }),
    ...over,
  }) as Record<string, Check>;

  it('public: 200 {status:"ok"} and nothing else when every part is up', async () => {
    const res = await makeHandler(checks(), { cacheSeconds: 60 })(event('GET /health'), ctx);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body as string)).toEqual({ status: 'ok' });
  });

  it('public: 503 {status:"degraded"} without naming the part; staff see which and why', async () => {
    const handler = makeHandler(checks({ mail: async () => ({ status: 'down', detail: 'SES is in the sandbox' }) }), { cacheSeconds: 60 });
    const pub = await handler(event('GET /health'), ctx);
    expect(pub.statusCode).toBe(503);
    expect(JSON.parse(pub.body as string)).toEqual({ status: 'degraded' });
    // A signed-in user in no staff group learns nothing more than the public.
    const noRole = await handler(event('GET /admin/health', { sub: 'abc', email: 'staff@example.fi' }), ctx);
    expect(noRole.statusCode).toBe(403);
    expect(JSON.parse(noRole.body as string)).toMatchObject({ error: { code: 'forbidden' } });
    const staff = await handler(event('GET /admin/health', { sub: 'abc', email: 'staff@example.fi', 'cognito:groups': '[dsr-viewer]' }), ctx);
    expect(staff.statusCode).toBe(503);
    expect(JSON.parse(staff.body as string)).toMatchObject({ status: 'degraded', parts: { mail: { status: 'down', detail: 'SES is in the sandbox' }, requests: { status: 'up' } } });
  });

  it('the details need a staff identity', async () => {
    const res = await makeHandler(checks(), { cacheSeconds: 60 })(event('GET /admin/health'), ctx);
    expect(res.statusCode).toBe(401);
  });

  it('a check that throws or hangs is down with its error name only, never its message', async () => {
    const handler = makeHandler(
      checks({
        requests: async () => Promise.reject(Object.assign(new Error('Requested resource not found: Table: secret-name'), { name: 'ResourceNotFoundException' })),
        mail: () => new Promise(() => undefined),
      }),
      { cacheSeconds: 0, timeoutMs: 20 },
    );
    const body = JSON.parse((await handler(event('GET /admin/health', { sub: 'abc', 'cognito:groups': '[dsr-viewer]' }), ctx)).body as string);
    expect(body.parts).toEqual({ requests: { status: 'down', detail: 'error ResourceNotFoundException' }, mail: { status: 'down', detail: 'no answer in time' } });
  });

  it('one answer serves for the cache time (a minute), a degraded one for a few seconds only', async () => {
    let t = Date.parse('2027-01-01T00:00:00Z');
    const now = () => new Date(t);
    let state: 'up' | 'down' = 'up';
    const probe = jest.fn(async () => ({ status: state }));
    const handler = makeHandler({ requests: probe }, { cacheSeconds: 60, now });
    await handler(event('GET /health'), ctx);
    t += 59_000;
    await handler(event('GET /health'), ctx);
    expect(probe).toHaveBeenCalledTimes(1);
    t += 2_000;
    state = 'down';
    expect((await handler(event('GET /health'), ctx)).statusCode).toBe(503);
    expect(probe).toHaveBeenCalledTimes(2);
    state = 'up';
    t += 6_000;
    expect((await handler(event('GET /health'), ctx)).statusCode).toBe(200);
    expect(probe).toHaveBeenCalledTimes(3);
  });

  it('the wired checks read the tables, the bucket and the heartbeat with the clients given', async () => {
    ddb.on(DescribeTableCommand).resolves({ Table: { TableStatus: 'ACTIVE' } });
    ddb.on(GetItemCommand).resolves({ Item: { at: { S: new Date().toISOString() } } });
    s3.on(HeadBucketCommand).resolves({});
    const all = wire(loadConfig({ ...baseEnv, HMAC_KEY: KEY, HEALTH_SCHEDULE_MAX_AGE_HOURS: '26' }));
    for (const name of ['requests', 'register', 'exports', 'schedule']) expect(await all[name]!()).toMatchObject({ status: 'up' });
    expect(ddb).toHaveReceivedCommandWith(GetItemCommand, { TableName: 'requests', Key: { pk: { S: 'HEARTBEAT#retention' }, sk: { S: 'HEARTBEAT' } } });
  });
});
