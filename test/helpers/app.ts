import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startApp, type LocalApp } from '../../shared/local/app';
import { freePort } from '../../shared/local/emulators';
import { readRegisterFile, seedRegister } from '../../shared/local/register-file';
import { wireStores } from '../../shared/wiring';
import type { Customer } from '../../shared/domain/types';

/**
 * One local app per test file, on the emulators the global setup started, with tables of its own
 * (a unique prefix), so test files never see each other's data. Handler modules read the
 * environment when loaded, and jest gives each file a fresh module registry.
 */
export interface TestApp extends LocalApp {
  ddb: DynamoDBDocumentClient;
  sesEndpoint: string;
  /** Every item of a table: tests may Scan to prove what is (not) stored; the product never does. */
  scanAll(table: 'requests' | 'register'): Promise<Record<string, unknown>[]>;
  seed(customers: Customer[]): Promise<void>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  mails(): Promise<SentMail[]>;
  /** Waits until the stream is drained (every processor step done). */
  settle(): Promise<void>;
}

export interface SentMail { to: string[]; subject: string; text: string; html: string; at: number }

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests through jest (global setup starts the emulators)`);
  return v;
};

export const seedFile = join(__dirname, '..', '..', 'shared', 'local', 'seed', 'wellflix-register.json');
export const wellflixRegister = (): Customer[] => readRegisterFile(seedFile);

export const startTestApp = async (opts: { sesEndpoint?: string; env?: Record<string, string> } = {}): Promise<TestApp> => {
  const prefix = `t${randomUUID().slice(0, 8)}-`;
  const sesEndpoint = opts.sesEndpoint ?? env('TEST_SES_ENDPOINT');
  const app = await startApp({
    port: await freePort(),
    dataDir: mkdtempSync(join(tmpdir(), 'dsr-app-')),
    endpoints: { dynamodb: env('TEST_DYNAMODB_ENDPOINT'), s3: env('TEST_S3_ENDPOINT'), ses: sesEndpoint },
    tablePrefix: prefix,
    bucket: env('TEST_EXPORTS_BUCKET'),
    pollIntervalMs: 50,
    // A sender of its own: the SES emulator is shared by the test files running in parallel.
    // Every test client is 127.0.0.1: per-IP limits are raised unless a test sets them (the abuse tests do).
    env: { SENDER_EMAIL: `tietosuoja+${prefix.slice(0, -1)}@wellflix.fi`, RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_TOKEN_TRIES: '100000', ...opts.env },
  });
  const ddb = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'eu-north-1', endpoint: env('TEST_DYNAMODB_ENDPOINT'), credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  const startedAt = Math.floor(Date.now() / 1000) - 1;
  const mailsSince = async (): Promise<SentMail[]> => {
    const res = await fetch(`${sesEndpoint}/store?since=${startedAt}`);
    const body = (await res.json()) as {
      emails: Array<{ from: string; destination: { to: string[] }; subject: string; body: { text?: string; html?: string }; at: number }>;
    };
    return body.emails.filter((e) => e.from === app.config.senderEmail).map((e) => ({ to: e.destination.to, subject: e.subject, text: e.body.text ?? '', html: e.body.html ?? '', at: e.at }));
  };
  return {
    ...app,
    ddb,
    sesEndpoint,
    async scanAll(table) {
      const name = table === 'requests' ? app.config.tables.requests : app.config.tables.register;
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const res = await ddb.send(new ScanCommand({ TableName: name, ExclusiveStartKey: start, ConsistentRead: true }));
        items.push(...(res.Items ?? []));
        start = res.LastEvaluatedKey;
      } while (start);
      return items;
    },
    async seed(customers) {
      await seedRegister(wireStores(app.config).register, customers, app.config.hmacKey, app.config.controller.retentionYears);
    },
    post: (path, body, headers = {}) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path, headers = {}) => fetch(`${app.url}${path}`, { headers, redirect: 'manual' }),
    mails: mailsSince,
    settle: () => app.poller.drain(30_000),
  };
};
