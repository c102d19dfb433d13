/**
 * One export in a process of its own, so its peak RSS is the export's alone: the real register
 * store over DynamoDB Local and the real S3 export files over s3rver, through `buildExport`.
 * Bundled by bench/export.ts and run with plain node; prints one JSON line.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoRegisterStore } from '../shared/adapters/dynamodb-register';
import { dynamoRequestStore } from '../shared/adapters/dynamodb-requests';
import { s3ExportFiles } from '../shared/adapters/s3-exports';
import { wellflix } from '../shared/config';
import type { DsrRequest } from '../shared/domain/types';
import { buildExport } from '../shared/services/exports';

// Not imported from shared/local/emulators: that module loads the emulators themselves.
const localRegion = 'eu-north-1';
const localAwsCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
/** As the local stack configures S3 for s3rver (path style, checksums only when required). */
const s3ClientConfig = (endpoint: string) => ({
  endpoint,
  region: localRegion,
  credentials: localAwsCredentials,
  forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED' as const,
  responseChecksumValidation: 'WHEN_REQUIRED' as const,
});

const need = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

const main = async () => {
  const mb = (bytes: number) => bytes / 1024 / 1024;
  let peak = process.memoryUsage().rss;
  let atPeak = process.memoryUsage();
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak) [peak, atPeak] = [m.rss, m];
  }, 20);

  const ddb = new DynamoDBClient({ endpoint: need('BENCH_DYNAMODB'), region: localRegion, credentials: localAwsCredentials, maxAttempts: 5 });
  // Time spent waiting for DynamoDB (Local) to answer the order queries, to tell ours from the emulator's.
  let queryMs = 0;
  let queries = 0;
  ddb.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'QueryCommand') return next(args);
      const t = process.hrtime.bigint();
      try {
        return await next(args);
      } finally {
        queryMs += Number(process.hrtime.bigint() - t) / 1e6;
        queries++;
      }
    },
    { step: 'initialize', name: 'benchQueryTime' },
  );
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
  const files = s3ExportFiles(new S3Client(s3ClientConfig(need('BENCH_S3'))), need('BENCH_BUCKET'));
  const type = (process.env.BENCH_TYPE ?? 'access') as 'access' | 'portability';
  const request = {
    requestId: need('BENCH_REQUEST_ID'),
    type,
    language: 'fi',
    status: 'verified',
    emailHash: 'bench',
  } as DsrRequest;
  const deps = {
    requests: dynamoRequestStore(doc, need('BENCH_REQUESTS_TABLE')),
    register: dynamoRegisterStore(doc, need('BENCH_REGISTER_TABLE')),
    files,
    clock: { now: () => new Date() },
    config: { controller: wellflix, publicBaseUrl: 'http://127.0.0.1', verifyLinkHours: 72, exportLinkDays: 7, hmacKey: 'bench' },
    mailer: { send: async () => undefined },
    signer: { sign: async () => ({ keyId: 'bench', signature: '' }), verify: async () => true },
    logger: { info: () => undefined, warn: () => undefined },
  };
  const rssBefore = process.memoryUsage().rss;
  const t = process.hrtime.bigint();
  const e = await buildExport(deps, request, need('BENCH_CUSTOMER_ID'));
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  process.stdout.write(
    `${JSON.stringify({ ms, queryMs, queries, peakRssMB: mb(peak), rssBeforeMB: mb(rssBefore), heapAtPeakMB: mb(atPeak.heapTotal), externalAtPeakMB: mb(atPeak.external), files: e.files.map((f) => ({ name: f.name, bytes: f.bytes })) })}\n`,
  );
};

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`export child failed: ${(err as Error).name}: ${(err as Error).message}`);
    process.exit(1);
  },
);
