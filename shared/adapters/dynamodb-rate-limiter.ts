import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateLimit, RateLimiter } from '../domain/ports';

/**
 * Fixed-window counters in the requests table (pk `RATE#<key>#<window start>`), gone by TTL after
 * the window. Keys carry no personal data: an IP or an email's HMAC.
 */
export const rateWindow = (windowSeconds: number, now: Date) => {
  const nowS = Math.floor(now.getTime() / 1000);
  const start = nowS - (nowS % windowSeconds);
  return { start, end: start + windowSeconds, retryAfterSeconds: Math.max(1, start + windowSeconds - nowS) };
};

/** The counter's update: one more hit, refused (by its condition) once the limit is reached. */
export const rateCounterUpdate = (table: string, l: RateLimit, now: Date) => {
  const w = rateWindow(l.windowSeconds, now);
  return {
    TableName: table,
    Key: { pk: `RATE#${l.key}#${w.start}`, sk: 'RATE' },
    UpdateExpression: 'ADD hits :one SET #ttl = if_not_exists(#ttl, :ttl)',
    ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
    ExpressionAttributeNames: { '#ttl': 'ttl' },
    ExpressionAttributeValues: { ':one': 1, ':ttl': w.end + 3600, ':limit': l.limit },
  };
};

export const dynamoRateLimiter = (ddb: DynamoDBDocumentClient, table: string): RateLimiter => ({
  async hit(key, limit, windowSeconds, now) {
    const { retryAfterSeconds } = rateWindow(windowSeconds, now);
    try {
      await ddb.send(new UpdateCommand(rateCounterUpdate(table, { key, limit, windowSeconds }, now)));
      return { allowed: true, retryAfterSeconds };
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return { allowed: false, retryAfterSeconds };
      throw err;
    }
  },
});
