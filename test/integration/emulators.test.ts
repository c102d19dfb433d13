/** Proves the emulators started by globalSetup answer from a worker, and that SES can bounce. */
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { freePort, localAwsCredentials, localRegion, s3ClientConfig, startSes } from '../../shared/local/emulators';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: is test/helpers/global-setup.ts configured?`);
  return value;
}

const aws = (endpoint: string) => ({ endpoint, region: localRegion, credentials: localAwsCredentials });

async function sendMail(endpoint: string, subject: string): Promise<void> {
  const ses = new SESv2Client(aws(endpoint));
  try {
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@example.test',
        Destination: { ToAddresses: ['subject@example.test'] },
        Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: `body of ${subject}` } } } },
      }),
    );
  } finally {
    ses.destroy();
  }
}

async function mailSubjects(endpoint: string): Promise<string[]> {
  const res = await fetch(`${endpoint}/store`);
  const body = (await res.json()) as { emails: { subject: string }[] };
  return body.emails.map((m) => m.subject);
}

test('DynamoDB Local: create table, put and get an item', async () => {
  const ddb = new DynamoDBClient(aws(env('TEST_DYNAMODB_ENDPOINT')));
  const TableName = `emulators-${randomUUID()}`;
  try {
    await ddb.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' }, n: { N: '42' } } }));
    const got = await ddb.send(new GetItemCommand({ TableName, Key: { pk: { S: 'a' } }, ConsistentRead: true }));
    expect(got.Item).toEqual({ pk: { S: 'a' }, n: { N: '42' } });
  } finally {
    await ddb.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
    ddb.destroy();
  }
});

test('s3rver: a streamed upload reads back byte for byte', async () => {
  const s3 = new S3Client(s3ClientConfig(env('TEST_S3_ENDPOINT')));
  const Bucket = env('TEST_EXPORTS_BUCKET');
  const Key = `emulators/${randomUUID()}.json`;
  const bytes = Buffer.from(JSON.stringify({ hello: 'wörld', n: [1, 2, 3] }), 'utf8');
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket,
        Key,
        Body: Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]),
        ContentLength: bytes.length,
        ContentType: 'application/json',
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(Buffer.from((await got.Body?.transformToByteArray()) ?? [])).toEqual(bytes);
    expect(got.ContentType).toBe('application/json');
  } finally {
    s3.destroy();
  }
});

test('SES emulator: a sent mail shows in /store', async () => {
  const endpoint = env('TEST_SES_ENDPOINT');
  expect(endpoint).toBe(`http://127.0.0.1:${env('TEST_SES_PORT')}`);
  const subject = `emulators ${randomUUID()}`;
  await sendMail(endpoint, subject);
  expect(await mailSubjects(endpoint)).toContain(subject);
});

test('SES emulator can be stopped and started again inside a worker', async () => {
  const first = await startSes({ port: await freePort() });
  await sendMail(first.endpoint, 'before the outage');
  await first.stop();
  await expect(fetch(`${first.endpoint}/store`)).rejects.toThrow();

  const second = await startSes({ port: await freePort() });
  try {
    const subject = `after restart ${randomUUID()}`;
    await sendMail(second.endpoint, subject);
    expect(await mailSubjects(second.endpoint)).toEqual(expect.arrayContaining(['before the outage', subject]));
  } finally {
    await second.stop();
  }
});
