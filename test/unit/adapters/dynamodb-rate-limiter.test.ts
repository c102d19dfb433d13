/**
 * The rate limiter's DynamoDB writes, against a mocked client: each hit and each release is one
 * conditional UpdateItem on the counter of one window, and a refused condition is an answer,
 * not an error.
 */
import { ConditionalCheckFailedException, DynamoDBClient, InternalServerError } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { dynamoRateLimiter, rateCounterRelease, rateWindow } from '../../../shared/adapters/dynamodb-rate-limiter';

const TABLE = 'dsr-requests';
const DAY = 86_400;
const ddbMock = mockClient(DynamoDBDocumentClient);
const limiter = dynamoRateLimiter(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-north-1' })), TABLE);
const KEY = 'submit:email:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

beforeEach(() => ddbMock.reset());

describe('hit', () => {
  test('counts one hit in the window the time falls in, on the condition that the limit is not reached', async () => {
    // Prepare
    ddbMock.on(UpdateCommand).resolves({});
    const now = new Date('2026-12-02T13:45:00Z');
    const start = Date.UTC(2026, 11, 2) / 1000;

    // Act
    const res = await limiter.hit(KEY, 5, DAY, now);

    // Assess
    expect(res).toEqual({ allowed: true, retryAfterSeconds: start + DAY - now.getTime() / 1000 });
    expect(ddbMock).toHaveReceivedCommandTimes(UpdateCommand, 1);
    expect(ddbMock).toReceiveCommandWith(UpdateCommand, {
      TableName: TABLE,
      Key: { pk: `RATE#${KEY}#${start}`, sk: 'RATE' },
      UpdateExpression: 'ADD hits :one SET #ttl = if_not_exists(#ttl, :ttl)',
      ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
      ExpressionAttributeValues: { ':one': 1, ':ttl': start + DAY + 3600, ':limit': 5 },
    });
  });

  test('a refused condition is "not allowed", with the seconds left in the window', async () => {
    ddbMock.on(UpdateCommand).rejects(conditionFailed());
    const res = await limiter.hit(KEY, 5, 600, new Date('2026-12-02T13:45:10Z'));
    expect(res).toEqual({ allowed: false, retryAfterSeconds: 290 });
  });
});

describe('release', () => {
  test('takes one hit back from the counter of the window the hit was counted in, only from an existing counter above zero', async () => {
    // Prepare: the hit was counted yesterday evening; the release comes today
    ddbMock.on(UpdateCommand).resolves({});
    const countedAt = new Date('2026-12-01T23:59:59.999Z');
    const start = Date.UTC(2026, 11, 1) / 1000;

    // Act
    const released = await limiter.release(KEY, DAY, countedAt);

    // Assess: yesterday's window, a decrement, and a condition that neither creates a counter nor goes below 0
    expect(released).toBe(true);
    expect(ddbMock).toHaveReceivedCommandTimes(UpdateCommand, 1);
    expect(ddbMock).toReceiveCommandWith(UpdateCommand, {
      TableName: TABLE,
      Key: { pk: `RATE#${KEY}#${start}`, sk: 'RATE' },
      UpdateExpression: 'ADD hits :minusOne',
      ConditionExpression: 'attribute_exists(hits) AND hits > :zero',
      ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
    });
    // The TTL the hit set is left alone: the counter still goes when its window has passed.
    const input = ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.UpdateExpression).not.toContain('ttl');
    expect(input.ExpressionAttributeNames).toBeUndefined();
  });

  test('a counter that is gone or at zero gives nothing back and is not an error', async () => {
    ddbMock.on(UpdateCommand).rejects(conditionFailed());
    await expect(limiter.release(KEY, DAY, new Date('2026-12-02T10:00:00Z'))).resolves.toBe(false);
  });

  test('any other failure is thrown, not taken for "nothing to give back"', async () => {
    ddbMock.on(UpdateCommand).rejects(new InternalServerError({ message: 'boom', $metadata: {} }));
    await expect(limiter.release(KEY, DAY, new Date('2026-12-02T10:00:00Z'))).rejects.toThrow('boom');
  });

  test('the release and the hit address the same counter item for any time in one window', () => {
    const w = rateWindow(600, new Date('2026-12-02T13:45:10Z'));
    const a = rateCounterRelease(TABLE, KEY, 600, new Date(w.start * 1000));
    const b = rateCounterRelease(TABLE, KEY, 600, new Date(w.end * 1000 - 1));
    const next = rateCounterRelease(TABLE, KEY, 600, new Date(w.end * 1000));
    expect(a.Key).toEqual(b.Key);
    expect(next.Key).not.toEqual(a.Key);
  });
});
