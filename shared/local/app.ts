import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import type { FunctionName } from '../../functions/routes';
import { loadConfig, type Config } from '../config';
import { baseClientConfig } from '../adapters/clients';
import { s3ClientConfig } from '../adapters/s3-client';
import { registerTable, requestsTable } from '../adapters/tables';
import { issueStaffToken, staffVerifier, type StaffTokenOptions } from './auth';
import { startPoller, type Poller } from './poller';
import { ensureBucket, ensureTable } from './provision';
import { ensureLocalSecrets } from './secrets';
import { startServer, type LambdaHttpHandler } from './server';

/**
 * The product on one machine: the environment a Lambda would get (pointing at the emulators),
 * tables and bucket made from the shared definitions, the route table served over HTTP, and the
 * stream poller feeding the processor. Handler modules read the environment when first loaded,
 * so one process runs one app.
 */
export interface AppOptions {
  port: number;
  dataDir: string;
  endpoints: { dynamodb: string; s3: string; ses: string };
  tablePrefix?: string;
  bucket?: string;
  env?: Record<string, string>;
  pollIntervalMs?: number;
}

export interface LocalApp {
  url: string;
  config: Config;
  env: Record<string, string>;
  poller: Poller;
  /** A staff token of the local issuer (default: the contact person, role `decider`). */
  staffToken(email?: string, opts?: StaffTokenOptions): Promise<string>;
  stop(): Promise<void>;
}

const loadHttpHandlers = async (): Promise<Record<FunctionName, LambdaHttpHandler>> => {
  const [health, pages, submit, verify, download, admin, decide] = await Promise.all([
    import('../../functions/health/handler'),
    import('../../functions/pages/handler'),
    import('../../functions/submit/handler'),
    import('../../functions/verify/handler'),
    import('../../functions/download/handler'),
    import('../../functions/admin/handler'),
    import('../../functions/decide/handler'),
  ]);
  return {
    health: health.handler,
    pages: pages.handler,
    submit: submit.handler,
    verify: verify.handler,
    download: download.handler,
    admin: admin.handler,
    decide: decide.handler,
  };
};

export const localEnv = (o: AppOptions): Record<string, string> => {
  const secrets = ensureLocalSecrets(o.dataDir);
  const prefix = o.tablePrefix ?? 'dsr-';
  return {
    AWS_REGION: 'eu-north-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    REQUESTS_TABLE: `${prefix}requests`,
    REGISTER_TABLE: `${prefix}register`,
    EXPORTS_BUCKET: o.bucket ?? 'dsr-exports',
    PUBLIC_BASE_URL: `http://127.0.0.1:${o.port}`,
    HMAC_KEY: secrets.hmacKey,
    SEAL_LOCAL_KEY_PEM: secrets.sealKeyPem,
    DYNAMODB_ENDPOINT: o.endpoints.dynamodb,
    S3_ENDPOINT: o.endpoints.s3,
    SES_ENDPOINT: o.endpoints.ses,
    ...o.env,
  };
};

export const startApp = async (o: AppOptions): Promise<LocalApp> => {
  const env = localEnv(o);
  Object.assign(process.env, env);
  const config = loadConfig(process.env);
  const ddb = new DynamoDBClient(baseClientConfig(config, config.endpoints.dynamodb));
  await Promise.all([
    ensureTable(ddb, config.tables.requests, requestsTable),
    ensureTable(ddb, config.tables.register, registerTable),
    ensureBucket(new S3Client(s3ClientConfig(config)), config.exportsBucket),
  ]);
  const handlers = await loadHttpHandlers();
  const { handler: processor } = await import('../../functions/processor/handler');
  const staffKeyPem = ensureLocalSecrets(o.dataDir).staffKeyPem;
  const server = await startServer({ port: o.port, handlers, verifyStaff: staffVerifier(staffKeyPem) });
  const poller = await startPoller({
    ddb,
    streams: new DynamoDBStreamsClient(baseClientConfig(config, config.endpoints.dynamodb)),
    tableName: config.tables.requests,
    handler: processor,
    intervalMs: o.pollIntervalMs ?? 200,
    onError: (err) => console.error('stream poller:', (err as Error).name, (err as Error).message),
  });
  return {
    url: server.url,
    config,
    env,
    poller,
    staffToken: (email = config.controller.contactPerson.email, opts = {}) => issueStaffToken(staffKeyPem, email, opts),
    async stop() {
      await poller.stop();
      await server.close();
      ddb.destroy();
    },
  };
};
