import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../domain/ports';

/**
 * Fixed-window counters in the requests table (pk `RATE#<key>#<window start>`), one atomic ADD
 * per hit, gone by TTL after the window. Keys carry no personal data: an IP or an email's HMAC.
 */
export const dynamoRateLimiter = (ddb: DynamoDBDocumentClient, table: string): RateLimiter => ({
  async hit(key, limit, windowSeconds, now) {
    const nowS = Math.floor(now.getTime() / 1000);
    const windowStart = nowS - (nowS % windowSeconds);
    const windowEnd = windowStart + windowSeconds;
    const res = await ddb.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: `RATE#${key}#${windowStart}`, sk: 'RATE' },
        UpdateExpression: 'ADD hits :one SET #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':ttl': windowEnd + 3600 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const hits = Number(res.Attributes?.hits ?? 0);
    return { allowed: hits <= limit, retryAfterSeconds: Math.max(1, windowEnd - nowS) };
  },
});
