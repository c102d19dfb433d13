import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * A scheduled job's last completed run, one item in the requests table (pk `HEARTBEAT#<job>`,
 * sk `HEARTBEAT`): the job writes it when a run ends, the health check reads it. It holds a time
 * and nothing else; the processor's stream filter (sk = REQUEST) never sees it.
 */
export interface Heartbeat {
  beat(at: Date): Promise<void>;
  last(): Promise<Date | undefined>;
}

const key = (job: string) => ({ pk: { S: `HEARTBEAT#${job}` }, sk: { S: 'HEARTBEAT' } });

export const dynamoHeartbeat = (ddb: DynamoDBClient, table: string, job: string): Heartbeat => ({
  async beat(at) {
    await ddb.send(new PutItemCommand({ TableName: table, Item: { ...key(job), at: { S: at.toISOString() } } }));
  },
  async last() {
    const out = await ddb.send(new GetItemCommand({ TableName: table, Key: key(job), ConsistentRead: true }));
    const at = out.Item?.at?.S;
    return at ? new Date(at) : undefined;
  },
});

/** The job's handler, followed by a heartbeat once it returns (a run that throws leaves the last one as it was). */
export const withHeartbeat =
  <A extends unknown[], R>(handler: (...args: A) => Promise<R>, heartbeat: Pick<Heartbeat, 'beat'>, now: () => Date = () => new Date()) =>
  async (...args: A): Promise<R> => {
    const out = await handler(...args);
    await heartbeat.beat(now());
    return out;
  };
