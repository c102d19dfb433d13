/**
 * Small helpers the benchmark sections share: statistics, a DynamoDB client that meters the
 * capacity each call consumes, and a fast parallel BatchWrite for seeding large tables.
 */
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localAwsCredentials, localRegion } from '../shared/local/emulators';

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Nearest-rank percentile (p in 0..100) of an unsorted sample. */
export const percentile = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1] as number;
};

export const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

export interface CapacityMeter {
  /** Read and write capacity units consumed, in total and per table, and calls per command. */
  readUnits: number;
  writeUnits: number;
  byTable: Record<string, { readUnits: number; writeUnits: number }>;
  /** Read units of queries on a secondary index, by index name. */
  byIndex: Record<string, number>;
  calls: Record<string, number>;
  reset(): void;
}

interface ConsumedCapacityLike { TableName?: string; CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number }

/**
 * A DynamoDB client that asks every call for `ReturnConsumedCapacity: TOTAL` and adds up what comes
 * back. The document client shares the low-level client's middleware stack, so its calls count too.
 */
export const meteredDynamo = (endpoint: string): { client: DynamoDBClient; doc: DynamoDBDocumentClient; meter: CapacityMeter } => {
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localAwsCredentials, maxAttempts: 5 });
  const meter: CapacityMeter = {
    readUnits: 0,
    writeUnits: 0,
    byTable: {},
    byIndex: {},
    calls: {},
    reset() {
      this.readUnits = 0;
      this.writeUnits = 0;
      this.byTable = {};
      this.byIndex = {};
      this.calls = {};
    },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      const input = args.input as Record<string, unknown>;
      if (READS.has(command) || WRITES.has(command)) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      meter.calls[command] = (meter.calls[command] ?? 0) + 1;
      const out = result.output as { ConsumedCapacity?: ConsumedCapacityLike | ConsumedCapacityLike[] };
      const list = Array.isArray(out.ConsumedCapacity) ? out.ConsumedCapacity : out.ConsumedCapacity ? [out.ConsumedCapacity] : [];
      for (const c of list) {
        const units = c.CapacityUnits ?? 0;
        const table = c.TableName ?? 'unknown';
        const t = (meter.byTable[table] ??= { readUnits: 0, writeUnits: 0 });
        if (WRITES.has(command)) {
          meter.writeUnits += units;
          t.writeUnits += units;
        } else {
          meter.readUnits += units;
          t.readUnits += units;
          if (typeof input.IndexName === 'string') meter.byIndex[input.IndexName] = (meter.byIndex[input.IndexName] ?? 0) + units;
        }
      }
      return result;
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
  return { client, doc, meter };
};

export const plainDoc = (endpoint: string): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: localRegion, credentials: localAwsCredentials, maxAttempts: 10 }), {
    marshallOptions: { removeUndefinedValues: true },
  });

/**
 * Writes `count` items made by `make(i)` with BatchWrite (25 a call) from `concurrency` workers,
 * retrying unprocessed items. Much faster than the adapters' sequential writes, for seeding only.
 */
export const parallelBatchWrite = async (
  doc: DynamoDBDocumentClient,
  table: string,
  count: number,
  make: (i: number) => Record<string, unknown>,
  concurrency = 8,
): Promise<void> => {
  let next = 0;
  const worker = async () => {
    for (;;) {
      const start = next;
      next += 25;
      if (start >= count) return;
      let requests: { PutRequest: { Item: Record<string, unknown> } }[] = [];
      for (let i = start; i < Math.min(count, start + 25); i++) requests.push({ PutRequest: { Item: make(i) } });
      for (let attempt = 0; requests.length > 0; attempt++) {
        const res = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (res.UnprocessedItems?.[table] ?? []) as typeof requests;
        if (requests.length > 0) await sleep(Math.min(1000, 50 * 2 ** attempt));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
};

/** A fixed fake secret for the HMAC of emails in seeded data (never a real key). */
export const BENCH_HMAC_KEY = 'bench-hmac-key-0123456789abcdef0123456789abcdef';

/**
 * Drops a section's tables when it is done. DynamoDB Local keeps everything in one in-memory
 * database and grows slower with what it holds, which would tax the sections that come after.
 */
export const dropTables = async (client: DynamoDBClient, names: string[]): Promise<void> => {
  for (const TableName of names) await client.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
};
