import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/**
 * Feeds a table's stream to a handler as Lambda's event source mapping would: batches in shard
 * order, ReportBatchItemFailures honoured (the batch is retried from the first failed record),
 * retries with backoff for as long as it takes, so a mail outage delays work but loses none.
 * The checkpoint is kept in memory: after a restart the stream is read from its start again,
 * which only re-runs idempotent work (DynamoDB Local keeps 24 hours of stream).
 */
export interface PollerOptions {
  ddb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  tableName: string;
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;
  intervalMs?: number;
  batchSize?: number;
  maxBackoffMs?: number;
  onError?: (err: unknown) => void;
}

export interface Poller { stop(): Promise<void>; /** Resolves once every record written so far has been handled. */ drain(timeoutMs?: number): Promise<void> }

interface ShardState { shardId: string; iterator?: string; after?: string; closed: boolean; parent?: string }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const toLambdaRecord = (r: StreamRecord, arn: string, region: string): DynamoDBRecord => ({
  eventID: r.eventID,
  eventName: r.eventName as DynamoDBRecord['eventName'],
  eventVersion: r.eventVersion,
  eventSource: 'aws:dynamodb',
  awsRegion: region,
  eventSourceARN: arn,
  dynamodb: {
    ...(r.dynamodb as DynamoDBRecord['dynamodb']),
    ApproximateCreationDateTime: r.dynamodb?.ApproximateCreationDateTime
      ? Math.floor(new Date(r.dynamodb.ApproximateCreationDateTime).getTime() / 1000)
      : undefined,
  } as DynamoDBRecord['dynamodb'],
});

export const startPoller = async (opts: PollerOptions): Promise<Poller> => {
  const { ddb, streams, tableName, handler } = opts;
  const intervalMs = opts.intervalMs ?? 250;
  const batchSize = opts.batchSize ?? 100;
  const maxBackoff = opts.maxBackoffMs ?? 5000;
  const table = await ddb.send(new DescribeTableCommand({ TableName: tableName }));
  const arn = table.Table?.LatestStreamArn;
  if (!arn) throw new Error(`Table ${tableName} has no stream`);
  const region = await ddb.config.region();

  const shards = new Map<string, ShardState>();
  let running = true;
  let idleRounds = 0;
  let backoff = 0;

  const refreshShards = async () => {
    let start: string | undefined;
    do {
      const res = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }));
      for (const s of res.StreamDescription?.Shards ?? []) {
        if (s.ShardId && !shards.has(s.ShardId)) {
          shards.set(s.ShardId, { shardId: s.ShardId, closed: false, ...(s.ParentShardId ? { parent: s.ParentShardId } : {}) });
        }
      }
      start = res.StreamDescription?.LastEvaluatedShardId;
    } while (start);
  };

  const iteratorFor = async (s: ShardState): Promise<string | undefined> => {
    if (s.iterator) return s.iterator;
    const res = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: arn,
        ShardId: s.shardId,
        ...(s.after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: s.after } : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return res.ShardIterator;
  };

  /** One pass over the open shards whose parents are done. Returns how many records it handled. */
  const pass = async (): Promise<number> => {
    let handled = 0;
    for (const s of shards.values()) {
      if (s.closed || (s.parent && shards.has(s.parent) && !shards.get(s.parent)?.closed)) continue;
      const iterator = await iteratorFor(s);
      if (!iterator) {
        s.closed = true;
        continue;
      }
      const res = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
      const records = res.Records ?? [];
      if (records.length === 0) {
        s.iterator = res.NextShardIterator;
        if (!res.NextShardIterator) s.closed = true;
        continue;
      }
      const out = await handler({ Records: records.map((r) => toLambdaRecord(r, arn, region)) });
      const failed = out?.batchItemFailures?.[0]?.itemIdentifier;
      if (failed !== undefined) {
        // Retry from the failed record, as Lambda does: forget the iterator, restart after the last success.
        const idx = records.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
        const lastOk = idx > 0 ? records[idx - 1]?.dynamodb?.SequenceNumber : undefined;
        if (lastOk) s.after = lastOk;
        s.iterator = undefined;
        handled += Math.max(idx, 0);
        throw Object.assign(new Error('batch item failure'), { name: 'BatchItemFailure' });
      }
      s.after = records[records.length - 1]?.dynamodb?.SequenceNumber ?? s.after;
      s.iterator = res.NextShardIterator;
      if (!res.NextShardIterator) s.closed = true;
      handled += records.length;
    }
    return handled;
  };

  const loop = (async () => {
    let round = 0;
    while (running) {
      try {
        if (round++ % 20 === 0 || shards.size === 0) await refreshShards();
        const n = await pass();
        backoff = 0;
        idleRounds = n === 0 ? idleRounds + 1 : 0;
        if (n === 0) await sleep(intervalMs);
      } catch (err) {
        idleRounds = 0;
        const name = (err as Error).name;
        // DynamoDB Local sometimes reports a fresh table's shard as trimmed: start it over (the work is idempotent).
        if (name === 'TrimmedDataAccessException') for (const s of shards.values()) delete s.after;
        else if (name !== 'BatchItemFailure') opts.onError?.(err);
        // Iterators go stale after errors and after 15 minutes; ask for fresh ones.
        for (const s of shards.values()) s.iterator = undefined;
        backoff = Math.min(maxBackoff, backoff ? backoff * 2 : 200);
        await sleep(backoff);
      }
    }
  })();

  return {
    async stop() {
      running = false;
      await loop;
    },
    async drain(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      // Two idle rounds in a row: every shard was read to its end with nothing left and no failure pending.
      idleRounds = 0;
      while (idleRounds < 2) {
        if (Date.now() > deadline) throw new Error('Stream not drained in time');
        await sleep(50);
      }
    },
  };
};
