/**
 * `POST /requests` through the local stack (HTTP server, middy chain, zod, the submit handler, a
 * DynamoDB transaction) under 20 concurrent clients, beside a bare PutItem to the same DynamoDB
 * Local from 20 concurrent workers. Rounds alternate baseline and submit so noise hits both.
 * Afterwards every accepted request id is looked up: an accepted answer must mean a stored request.
 */
import { BatchGetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { ensureTable } from '../shared/local/provision';
import { requestsTable } from '../shared/adapters/tables';
import { dropTables, median, nowMs, percentile, round } from './util';

/** autocannon ships no types; this is the part of its API used here. */
interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  setupRequest(req: Record<string, unknown>): Record<string, unknown>;
  onResponse(status: number, body: string): void;
}
interface AutocannonResult { requests: { total: number }; errors: number; timeouts: number; non2xx: number; statusCodeStats: Record<string, { count: number }> }
interface AutocannonInstance {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
  then: Promise<AutocannonResult>['then'];
}
type Autocannon = (opts: { url: string; connections: number; duration: number; requests: AutocannonRequest[] }) => AutocannonInstance;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

export const CONNECTIONS = 20;
export const P99_GOAL = 3;

export interface SubmitResult {
  p50Ratio: number;
  p99Ratio: number;
  lost: number;
  accepted: number;
  non202: number;
  errors: number;
  rounds: number;
  secondsPerRound: number;
  /** Per round, in ms: inputs of the ratios (the ratios are medians of the per-round ratios). */
  perRound: { submitP50: number; submitP99: number; putP50: number; putP99: number; submitRps: number; putRps: number }[];
  ok: boolean;
}

const body = (n: number) =>
  JSON.stringify({
    type: 'access',
    language: n % 2 ? 'fi' : 'en',
    email: `bench.subject+${n}@example.com`,
    firstName: 'Bench',
    lastName: `Subject ${n}`,
    signature: { fullName: `Bench Subject ${n}`, declaration: true },
  });

/** 20 workers doing PutItem back to back for `seconds`; latency of each call by hrtime. */
const putLoop = async (ddb: DynamoDBClient, table: string, seconds: number): Promise<{ latencies: number[]; rps: number }> => {
  const latencies: number[] = [];
  const end = nowMs() + seconds * 1000;
  const worker = async () => {
    while (nowMs() < end) {
      const id = randomUUID();
      const t = nowMs();
      await ddb.send(
        new PutItemCommand({
          TableName: table,
          Item: {
            pk: { S: `BENCH#${id}` },
            sk: { S: 'PUT' },
            type: { S: 'access' },
            language: { S: 'en' },
            receivedAt: { S: new Date().toISOString() },
            emailHash: { S: 'f'.repeat(64) },
            subject: { M: { email: { S: `bench.subject+${id}@example.com` }, firstName: { S: 'Bench' }, lastName: { S: 'Subject' } } },
          },
        }),
      );
      latencies.push(nowMs() - t);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return { latencies, rps: latencies.length / seconds };
};

const submitLoad = async (url: string, seconds: number, counter: { n: number }, ids: string[]) => {
  const latencies: number[] = [];
  let non202 = 0;
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/requests',
        headers: { 'content-type': 'application/json', 'user-agent': 'dsr-bench' },
        setupRequest: (req) => ({ ...req, body: body(counter.n++) }),
        onResponse: (status, text) => {
          if (status !== 202) {
            non202++;
            return;
          }
          try {
            ids.push((JSON.parse(text) as { requestId: string }).requestId);
          } catch {
            non202++;
          }
        },
      },
    ],
  });
  // autocannon's own histogram has 1 ms resolution; its response event carries the exact time.
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status === 202) latencies.push(ms);
  });
  const result = await instance;
  return { latencies, rps: latencies.length / seconds, non202, errors: result.errors + result.timeouts };
};

/** Requests ids that have no REQUEST item, looked up 100 at a time with consistent reads. */
const countMissing = async (ddb: DynamoDBClient, table: string, ids: string[]): Promise<number> => {
  let found = 0;
  for (let i = 0; i < ids.length; i += 100) {
    let keys = ids.slice(i, i + 100).map((id) => ({ pk: { S: `REQ#${id}` }, sk: { S: 'REQUEST' } }));
    while (keys.length > 0) {
      const res = await ddb.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'pk' } } }));
      found += res.Responses?.[table]?.length ?? 0;
      keys = (res.UnprocessedKeys?.[table]?.Keys ?? []) as typeof keys;
    }
  }
  return ids.length - found;
};

export const measureSubmit = async (
  endpoints: { dynamodb: string; s3: string; ses: string },
  bucket: string,
  ddb: DynamoDBClient,
  opts: { rounds?: number; seconds?: number } = {},
): Promise<SubmitResult> => {
  const rounds = opts.rounds ?? 5;
  const seconds = opts.seconds ?? 3;
  const prefix = 'bench-submit-';
  const table = `${prefix}requests`;
  // Made here first, so the baseline can write to it before the app is up.
  await ensureTable(ddb, table, requestsTable);
  const app = await startAppProcess({ ...endpoints, bucket, prefix });
  const counter = { n: 0 };
  const ids: string[] = [];
  let non202 = 0;
  let errors = 0;
  try {
    // Warm-up: JIT, connection pools and DynamoDB Local's own caches. Not counted.
    await putLoop(ddb, table, 3);
    await submitLoad(app.url, 3, counter, ids);
    const perRound: SubmitResult['perRound'] = [];
    for (let r = 0; r < rounds; r++) {
      const put = await putLoop(ddb, table, seconds);
      const sub = await submitLoad(app.url, seconds, counter, ids);
      non202 += sub.non202;
      errors += sub.errors;
      perRound.push({
        submitP50: round(percentile(sub.latencies, 50)),
        submitP99: round(percentile(sub.latencies, 99)),
        putP50: round(percentile(put.latencies, 50)),
        putP99: round(percentile(put.latencies, 99)),
        submitRps: round(sub.rps, 0),
        putRps: round(put.rps, 0),
      });
    }
    const lost = await countMissing(ddb, table, ids);
    const p50Ratio = median(perRound.map((x) => x.submitP50 / x.putP50));
    const p99Ratio = median(perRound.map((x) => x.submitP99 / x.putP99));
    return {
      p50Ratio: round(p50Ratio),
      p99Ratio: round(p99Ratio),
      lost,
      accepted: ids.length,
      non202,
      errors,
      rounds,
      secondsPerRound: seconds,
      perRound,
      ok: p99Ratio <= P99_GOAL && lost === 0,
    };
  } finally {
    await app.stop();
    await dropTables(ddb, [table, `${prefix}register`]);
  }
};

/** bench/submit-app.ts under tsx in a child process; resolves once it prints its URL. */
export const startAppProcess = (o: { dynamodb: string; s3: string; ses: string; bucket: string; prefix: string; hmacKey?: string }) =>
  new Promise<{ url: string; stop(): Promise<void> }>((ok, fail) => {
    const root = resolve(__dirname, '..');
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'submit-app.ts')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_NO_WARNINGS: '1',
        BENCH_DYNAMODB: o.dynamodb,
        BENCH_S3: o.s3,
        BENCH_SES: o.ses,
        BENCH_BUCKET: o.bucket,
        BENCH_TABLE_PREFIX: o.prefix,
        ...(o.hmacKey ? { BENCH_HMAC_KEY: o.hmacKey } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const exited = new Promise<void>((done) => child.once('close', () => done()));
    const stop = async () => {
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(hard);
    };
    child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /READY (\S+)/.exec(out);
      if (m?.[1]) ok({ url: m[1], stop });
    });
    child.once('close', (code) => fail(new Error(`submit app exited (${code}) before it was ready: ${err}`)));
  });
