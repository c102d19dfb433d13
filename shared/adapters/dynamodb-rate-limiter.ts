import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateLimit, RateLimiter } from '../domain/ports';

/**
 * Fixed-window counters in the requests table (pk `RATE#<key>#<window start>`), gone by TTL after
 * the window. Keys carry no personal data: callers pass keyed hashes (of an IP address or of a
 * canonical mailbox), never the IP or the address itself.
 */
export const rateWindow = (windowSeconds: number, now: Date) => {
  const nowS = Math.floor(now.getTime() / 1000);
  const start = nowS - (nowS % windowSeconds);
  return { start, end: start + windowSeconds, retryAfterSeconds: Math.max(1, start + windowSeconds - nowS) };
};

const counterKey = (key: string, windowSeconds: number, at: Date) => ({ pk: `RATE#${key}#${rateWindow(windowSeconds, at).start}`, sk: 'RATE' });

/** The counter's update: one more hit, refused (by its condition) once the limit is reached. */
export const rateCounterUpdate = (table: string, l: RateLimit, now: Date) => {
  const w = rateWindow(l.windowSeconds, now);
  return {
    TableName: table,
    Key: counterKey(l.key, l.windowSeconds, now),
    UpdateExpression: 'ADD hits :one SET #ttl = if_not_exists(#ttl, :ttl)',
    ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
    ExpressionAttributeNames: { '#ttl': 'ttl' },
    ExpressionAttributeValues: { ':one': 1, ':ttl': w.end + 3600, ':limit': l.limit },
  };
};

/**
 * One hit taken back from the counter of the window `at` falls in. The condition keeps it from
 * making a counter (an update without one would create the item) and from going below zero; the
 * TTL is left as the hit set it.
 */
export const rateCounterRelease = (table: string, key: string, windowSeconds: number, at: Date) => ({
  TableName: table,
  Key: counterKey(key, windowSeconds, at),
  UpdateExpression: 'ADD hits :minusOne',
  ConditionExpression: 'attribute_exists(hits) AND hits > :zero',
  ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
});

const isConditionFailure = (err: unknown) => (err as Error).name === 'ConditionalCheckFailedException';

export const dynamoRateLimiter = (ddb: DynamoDBDocumentClient, table: string): RateLimiter => ({
  async hit(key, limit, windowSeconds, now) {
    const { retryAfterSeconds } = rateWindow(windowSeconds, now);
    try {
      await ddb.send(new UpdateCommand(rateCounterUpdate(table, { key, limit, windowSeconds }, now)));
      return { allowed: true, retryAfterSeconds };
    } catch (err) {
      if (isConditionFailure(err)) return { allowed: false, retryAfterSeconds };
      throw err;
    }
  },

  async release(key, windowSeconds, at) {
    try {
      await ddb.send(new UpdateCommand(rateCounterRelease(table, key, windowSeconds, at)));
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },
});
