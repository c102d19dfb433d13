/**
 * An access export (data.json + report.html) of one customer with 100, 10,000 and 100,000 orders,
 * each in a fresh node process (bench/export-child.ts, bundled), measuring wall time and peak RSS.
 * One customer is grown between runs, so the 100,000-order register costs 100,000 writes, not 110,100.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dynamoRegisterStore } from '../shared/adapters/dynamodb-register';
import { registerTable, requestsTable } from '../shared/adapters/tables';
import { ensureTable } from '../shared/local/provision';
import { BENCH_HMAC_KEY, dropTables, meteredDynamo, nowMs, parallelBatchWrite, round } from './util';

export const SIZES = [100, 10_000, 100_000] as const;
export const PEAK_RSS_GOAL_MB = 128;

export interface ExportRun {
  orders: number;
  ms: number;
  /** Of which waiting for the orders queries (DynamoDB Local's share, plus the SDK's parsing). */
  queryMs: number;
  queries: number;
  peakRssMB: number;
  /** RSS once the SDK and the code are loaded, before the export starts. */
  rssBeforeMB: number;
  /** Where the memory was at the sampled peak: V8 heap (reserved) and off-heap buffers. */
  heapAtPeakMB: number;
  externalAtPeakMB: number;
  msPerOrder: number;
  fileMB: number;
}
export interface ExportResult {
  runs: Record<string, ExportRun>;
  /** ms at 100,000 orders over ms at 10,000, divided by 10: 1.0 is linear growth. */
  growth: number;
  /** The same without the time spent waiting for the orders queries: how our own code grows. */
  growthWithoutQueries: number;
  seedSeconds: number;
  ok: boolean;
}

const CUSTOMER = 'bench-export-subject';

const order = (i: number): Record<string, unknown> => {
  const orderId = `o-${String(i).padStart(7, '0')}`;
  const orderedAt = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000).toISOString();
  return {
    pk: `CUST#${CUSTOMER}`,
    sk: `ORDER#${orderId}`,
    customerId: CUSTOMER,
    orderId,
    orderedAt,
    total: 59.8,
    currency: 'EUR',
    items: [
      { name: 'Wellflix kuukausijäsenyys', quantity: 1, unitPrice: 29.9 },
      { name: 'Lisäpalvelu: elokuvapaketti', quantity: 1, unitPrice: 29.9 },
    ],
    invoice: { invoiceId: `INV-${orderId}`, issuedAt: orderedAt, dueDate: orderedAt.slice(0, 10), status: 'paid' },
  };
};

const runChild = (script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<{ ms: number; queryMs: number; queries: number; peakRssMB: number; rssBeforeMB: number; heapAtPeakMB: number; externalAtPeakMB: number; files: { name: string; bytes: number }[] }> =>
  new Promise((ok, fail) => {
    const child = spawn(process.execPath, [...nodeArgs, script], { env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`export child exited ${code}: ${err.slice(0, 800)}`));
      try {
        ok(JSON.parse(out.trim().split('\n').pop() ?? ''));
      } catch {
        fail(new Error(`export child: unexpected output ${out.slice(0, 300)} ${err.slice(0, 300)}`));
      }
    });
  });

export const measureExport = async (
  endpoints: { dynamodb: string; s3: string },
  bucket: string,
  opts: { sizes?: readonly number[]; log?: (s: string) => void; nodeArgs?: string[] } = {},
): Promise<ExportResult> => {
  const sizes = opts.sizes ?? SIZES;
  const log = opts.log ?? (() => undefined);
  const tables = { register: 'bench-export-register', requests: 'bench-export-requests' };
  const dir = mkdtempSync(join(tmpdir(), 'dsr-bench-export-'));
  const script = join(dir, 'export-child.cjs');
  await build({
    entryPoints: [resolve(__dirname, 'export-child.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });

  const { client, doc } = meteredDynamo(endpoints.dynamodb);
  try {
    await ensureTable(client, tables.register, registerTable);
    await ensureTable(client, tables.requests, requestsTable);
    await dynamoRegisterStore(doc, tables.register).upsert(
      { customerId: CUSTOMER, firstName: 'Maija', lastName: 'Meikäläinen', email: 'maija@example.fi', phone: '+358401234567' },
      { emailHash: BENCH_HMAC_KEY.slice(0, 8) },
    );
    const runs: Record<string, ExportRun> = {};
    let seeded = 0;
    let seedMs = 0;
    for (const [k, n] of sizes.entries()) {
      const t = nowMs();
      const from = seeded;
      await parallelBatchWrite(doc, tables.register, n - from, (i) => order(from + i), 8);
      seeded = n;
      seedMs += nowMs() - t;
      const r = await runChild(script, {
        BENCH_DYNAMODB: endpoints.dynamodb,
        BENCH_S3: endpoints.s3,
        BENCH_BUCKET: bucket,
        BENCH_REGISTER_TABLE: tables.register,
        BENCH_REQUESTS_TABLE: tables.requests,
        BENCH_CUSTOMER_ID: CUSTOMER,
        BENCH_REQUEST_ID: `bench-export-${k}-${n}`,
      }, opts.nodeArgs);
      runs[String(n)] = {
        orders: n,
        ms: round(r.ms, 0),
        queryMs: round(r.queryMs, 0),
        queries: r.queries,
        peakRssMB: round(r.peakRssMB, 1),
        rssBeforeMB: round(r.rssBeforeMB, 1),
        heapAtPeakMB: round(r.heapAtPeakMB, 1),
        externalAtPeakMB: round(r.externalAtPeakMB, 1),
        msPerOrder: round(r.ms / n, 3),
        fileMB: round(r.files.reduce((s, f) => s + f.bytes, 0) / 1024 / 1024, 1),
      };
      log(`${n} orders: ${runs[String(n)]?.ms} ms, peak RSS ${runs[String(n)]?.peakRssMB} MB`);
    }
    const big = runs[String(sizes[sizes.length - 1])];
    const mid = runs[String(sizes[sizes.length - 2])];
    const growth = big && mid ? big.ms / mid.ms / (big.orders / mid.orders) : NaN;
    const growthWithoutQueries = big && mid ? (big.ms - big.queryMs) / (mid.ms - mid.queryMs) / (big.orders / mid.orders) : NaN;
    return {
      runs,
      growth: round(growth),
      growthWithoutQueries: round(growthWithoutQueries),
      seedSeconds: round(seedMs / 1000, 0),
      ok: (big?.peakRssMB ?? Infinity) <= PEAK_RSS_GOAL_MB && growth <= 1.5,
    };
  } finally {
    await dropTables(client, Object.values(tables));
    client.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
};
