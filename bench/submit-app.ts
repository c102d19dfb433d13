/**
 * The local app (HTTP server, handlers, stream poller feeding the processor) in a process of its
 * own for the submit benchmark, as a Lambda is apart from its callers: the load generator's work
 * then does not share an event loop with the handler it measures. Started by bench/submit.ts;
 * prints `READY <url>` and stops on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../shared/local/app';
import { freePort } from '../shared/local/emulators';

const need = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dsr-bench-app-'));
  const app = await startApp({
    port: await freePort(),
    dataDir,
    endpoints: { dynamodb: need('BENCH_DYNAMODB'), s3: need('BENCH_S3'), ses: need('BENCH_SES') },
    tablePrefix: need('BENCH_TABLE_PREFIX'),
    bucket: need('BENCH_BUCKET'),
    // Every benchmark client is 127.0.0.1: the per-IP limit would answer 429 after 60. The limiter's
    // writes still happen (they are part of the path); only the ceiling is lifted. Logs off: a line a request.
    // The enumeration benchmark files hundreds of requests for one address, so the per-address
    // ceiling is lifted too, and it seeds the register with a key the app must share.
    env: {
      SENDER_EMAIL: 'tietosuoja+bench@wellflix.fi',
      RATE_LIMIT_PER_IP: '100000000',
      RATE_LIMIT_PER_EMAIL: '100000000',
      LOG_LEVEL: 'ERROR',
      ...(process.env.BENCH_HMAC_KEY ? { HMAC_KEY: process.env.BENCH_HMAC_KEY } : {}),
    },
  });
  process.stdout.write(`READY ${app.url}\n`);
  const stop = () => {
    app.stop().then(
      () => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
};

main().catch((err: unknown) => {
  console.error(`submit app failed: ${(err as Error).message}`);
  process.exit(1);
});
