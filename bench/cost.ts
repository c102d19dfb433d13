/**
 * What 1,000 access requests cost in eu-north-1, from what one request measurably does: every
 * HTTP call a subject makes (form, assets, submit, confirm page, verify, download), the processor
 * invocations the table's stream causes, the DynamoDB capacity consumed, S3 calls and mails.
 * The handlers are the real ones (makeHandler) with the real adapters, over the emulators; only
 * the SDK clients are ours, so their calls can be counted.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { dynamoRateLimiter } from '../shared/adapters/dynamodb-rate-limiter';
import { dynamoRegisterStore } from '../shared/adapters/dynamodb-register';
import { dynamoRequestStore } from '../shared/adapters/dynamodb-requests';
import { s3ExportFiles } from '../shared/adapters/s3-exports';
import { s3ExportLinks } from '../shared/adapters/s3-export-links';
import { sesMailer } from '../shared/adapters/ses-mailer';
import { localSigner } from '../shared/adapters/signer-local';
import { registerTable, requestsTable } from '../shared/adapters/tables';
import { loadConfig } from '../shared/config';
import type { Mail } from '../shared/domain/ports';
import { normaliseEmail } from '../shared/domain/email';
import { emailHmac } from '../shared/domain/token';
import { BUILT_ASSETS, type AssetName } from '../shared/http/pages/assets.generated';
import type { HttpEvent } from '../shared/http/edge';
import { localAwsCredentials, localRegion, s3ClientConfig } from '../shared/local/emulators';
import { startPoller } from '../shared/local/poller';
import { ensureTable } from '../shared/local/provision';
import { flows } from '../shared/services/flows';
import { dropTables, meteredDynamo, median, nowMs, round } from './util';

/**
 * List prices used, eu-north-1 (Stockholm), USD. Written down 2026-11 from AWS's public price pages
 * as remembered, not fetched: CHECK CURRENT PRICES before quoting the result.
 */
export const PRICES = {
  asOf: '2026-11 (assumed list prices; check current)',
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  httpApiPerMillionRequests: 1.0,
  dynamoPerMillionWriteUnits: 0.6625,
  dynamoPerMillionReadUnits: 0.1325,
  sesPerThousandMails: 0.1,
  s3PutPerThousand: 0.005,
  s3GetPerThousand: 0.0004,
  kmsAsymmetricSignPerTenThousand: 0.15,
} as const;

/** Memory sizes of the CDK stack (infra/constructs/app-function.ts). */
export const MEMORY_MB = { http: 512, processor: 1024 } as const;

type HttpFn = 'pages' | 'submit' | 'verify' | 'download';

export interface CostResult {
  per1000Requests: number;
  /** USD per 1,000 access requests, by part. */
  breakdown: Record<string, number>;
  inputs: {
    flows: number;
    /** Per access request (medians over the flows). */
    httpCalls: number;
    lambdaInvocations: { http: number; processor: number };
    /** Median warm duration per invocation, ms, measured locally against the emulators. */
    durationMs: Record<HttpFn | 'processor', number>;
    billedGbSeconds: number;
    readUnits: number;
    writeUnits: number;
    s3Puts: number;
    s3Gets: number;
    mails: number;
    kmsSigns: number;
    memoryMB: typeof MEMORY_MB;
    prices: typeof PRICES;
    assumptions: string[];
  };
}

const context = (fn: string): Context => ({ functionName: fn, getRemainingTimeInMillis: () => 30_000 }) as unknown as Context;

const httpEvent = (
  method: 'GET' | 'POST',
  routePath: string,
  path: string,
  o: { body?: unknown; query?: Record<string, string>; pathParameters?: Record<string, string>; accept?: string } = {},
): HttpEvent => ({
  version: '2.0',
  routeKey: `${method} ${routePath}`,
  rawPath: path,
  rawQueryString: new URLSearchParams(o.query ?? {}).toString(),
  headers: {
    host: 'privacy.example.eu',
    'user-agent': 'dsr-bench',
    accept: o.accept ?? 'text/html',
    ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
  },
  ...(o.query ? { queryStringParameters: o.query } : {}),
  ...(o.pathParameters ? { pathParameters: o.pathParameters } : {}),
  requestContext: {
    accountId: '000000000000',
    apiId: 'bench',
    domainName: 'privacy.example.eu',
    domainPrefix: 'privacy',
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.10', userAgent: 'dsr-bench' },
    requestId: randomUUID(),
    routeKey: `${method} ${routePath}`,
    stage: '$default',
    time: new Date().toUTCString(),
    timeEpoch: Date.now(),
  },
  ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
  isBase64Encoded: false,
});

const tokenIn = (mail: Mail | undefined, path: RegExp): { token: string; id?: string } => {
  const m = mail ? path.exec(mail.text) : null;
  if (!m?.groups?.token) throw new Error(`cost flow: no link matching ${path} in the mail`);
  return { token: m.groups.token, ...(m.groups.id ? { id: m.groups.id } : {}) };
};

/** GET of an asset under its content-hashed name, as the page links it. */
const assetEvent = (name: AssetName) => {
  const file = BUILT_ASSETS[name].file;
  return httpEvent('GET', '/assets/{asset}', `/assets/${file}`, { pathParameters: { asset: file } });
};

export const measureCost = async (
  endpoints: { dynamodb: string; s3: string; ses: string },
  bucket: string,
  opts: { flows?: number } = {},
): Promise<CostResult> => {
  const flowsToRun = opts.flows ?? 5;
  const tables = { requests: 'bench-cost-requests', register: 'bench-cost-register' };
  const env = {
    AWS_REGION: localRegion,
    REQUESTS_TABLE: tables.requests,
    REGISTER_TABLE: tables.register,
    EXPORTS_BUCKET: bucket,
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    HMAC_KEY: 'bench-cost-hmac-key-0123456789abcdef0123456789',
    SEAL_LOCAL_KEY_PEM: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    SENDER_EMAIL: 'tietosuoja+cost@wellflix.fi',
    DYNAMODB_ENDPOINT: endpoints.dynamodb,
    S3_ENDPOINT: endpoints.s3,
    SES_ENDPOINT: endpoints.ses,
    LOG_LEVEL: 'ERROR',
  };
  // Handler modules wire themselves from the environment when first imported.
  for (const [k, v] of Object.entries(env)) process.env[k] ??= v;
  const cfg = loadConfig(env);
  const [pages, submit, verify, download, processor] = await Promise.all([
    import('../functions/pages/handler'),
    import('../functions/submit/handler'),
    import('../functions/verify/handler'),
    import('../functions/download/handler'),
    import('../functions/processor/handler'),
  ]);

  const { client, doc, meter } = meteredDynamo(endpoints.dynamodb);
  await ensureTable(client, tables.requests, requestsTable);
  await ensureTable(client, tables.register, registerTable);

  const s3Calls: Record<string, number> = {};
  const s3 = new S3Client(s3ClientConfig(endpoints.s3));
  s3.middlewareStack.add(
    (next, ctx) => async (args) => {
      const name = ctx.commandName ?? 'unknown';
      s3Calls[name] = (s3Calls[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchS3Calls' },
  );
  const files = s3ExportFiles(s3, bucket);
  const ses = sesMailer(new SESv2Client({ endpoint: endpoints.ses, region: localRegion, credentials: localAwsCredentials }), cfg.senderEmail);
  const mailbox = new Map<string, Mail>();
  let mails = 0;
  let signs = 0;
  const signer = localSigner(env.SEAL_LOCAL_KEY_PEM);

  const requests = dynamoRequestStore(doc, tables.requests);
  const register = dynamoRegisterStore(doc, tables.register);
  const limiter = dynamoRateLimiter(doc, tables.requests);
  const clock = { now: () => new Date() };
  const intakeDeps = { requests, limiter, limits: cfg.rateLimits, clock, hmacKey: cfg.hmacKey };
  const handlers = {
    pages: pages.makeHandler({ config: cfg }),
    submit: submit.makeHandler(intakeDeps),
    verify: verify.makeHandler(intakeDeps),
    download: download.makeHandler({ requests, limiter, limits: cfg.rateLimits, hmacKey: cfg.hmacKey, links: s3ExportLinks(s3, bucket), clock, config: cfg }),
  };
  const processorHandler = processor.makeHandler({
    requests,
    register,
    mailer: {
      async send(to, mail) {
        mails++;
        mailbox.set(to, mail);
        await ses.send(to, mail);
      },
    },
    signer: {
      sign: (d) => {
        signs++;
        return signer.sign(d);
      },
      verify: (d, s) => signer.verify(d, s),
    },
    clock,
    config: cfg,
    logger: { info: () => undefined, warn: () => undefined },
    ...flows(files),
  });

  const durations: Record<HttpFn | 'processor', number[]> = { pages: [], submit: [], verify: [], download: [], processor: [] };
  let httpCalls = 0;
  let processorInvocations = 0;
  const call = async (fn: HttpFn, event: HttpEvent) => {
    const t = nowMs();
    const res = await handlers[fn](event, context(fn));
    durations[fn].push(nowMs() - t);
    httpCalls++;
    return res;
  };
  // The event source mapping's filter passes REQUEST items only (infra/stacks/api-stack.ts).
  const poller = await startPoller({
    ddb: client,
    streams: new DynamoDBStreamsClient({ endpoint: endpoints.dynamodb, region: localRegion, credentials: localAwsCredentials }),
    tableName: tables.requests,
    intervalMs: 50,
    handler: async (event: DynamoDBStreamEvent) => {
      const Records = event.Records.filter((r) => r.dynamodb?.Keys?.sk?.S === 'REQUEST');
      if (Records.length === 0) return { batchItemFailures: [] };
      const t = nowMs();
      const out = await processorHandler({ Records });
      durations.processor.push(nowMs() - t);
      processorInvocations++;
      return out;
    },
  });

  /** One access request as a subject makes it, with a register record of 20 orders. */
  const flow = async (n: number) => {
    const email = `cost.subject+${n}@example.fi`;
    await register.upsert(
      {
        customerId: `cost-${n}`,
        firstName: 'Kaisa',
        lastName: 'Kustannus',
        email,
        orders: Array.from({ length: 20 }, (_, i) => ({
          orderId: `c${n}-${i}`,
          orderedAt: '2024-03-01T10:00:00.000Z',
          total: 29.9,
          currency: 'EUR',
          items: [{ name: 'Wellflix kuukausijäsenyys', quantity: 1, unitPrice: 29.9 }],
          invoice: { invoiceId: `INV-c${n}-${i}`, issuedAt: '2024-03-01', dueDate: '2024-03-15', status: 'paid' as const },
        })),
      },
      { emailHash: emailHmac(cfg.hmacKey, normaliseEmail(email)) },
    );
    meter.reset();
    for (const k of Object.keys(s3Calls)) delete s3Calls[k];
    [mails, signs, httpCalls, processorInvocations] = [0, 0, 0, 0];

    await call('pages', httpEvent('GET', '/', '/'));
    await call('pages', assetEvent('site.css'));
    await call('pages', assetEvent('form.js'));
    const body = { type: 'access', language: 'fi', email, firstName: 'Kaisa', lastName: 'Kustannus', signature: { fullName: 'Kaisa Kustannus', declaration: true } };
    const filed = await call('submit', httpEvent('POST', '/requests', '/requests', { body, accept: 'application/json' }));
    if (filed.statusCode !== 202) throw new Error(`cost flow: submit answered ${filed.statusCode}`);
    await poller.drain(60_000);
    const v = tokenIn(mailbox.get(email), /\/requests\/verify\?token=(?<token>[A-Za-z0-9_-]+)/);
    await call('pages', httpEvent('GET', '/requests/verify', '/requests/verify', { query: { token: v.token } }));
    await call('pages', assetEvent('confirm.js'));
    const verified = await call('verify', httpEvent('POST', '/requests/verify', '/requests/verify', { body: { token: v.token }, accept: 'application/json' }));
    if (verified.statusCode !== 200) throw new Error(`cost flow: verify answered ${verified.statusCode}`);
    await poller.drain(60_000);
    const d = tokenIn(mailbox.get(email), /\/exports\/(?<id>[a-f0-9]{32})\?token=(?<token>[A-Za-z0-9_-]+)/);
    const got = await call('download', httpEvent('GET', '/exports/{exportId}', `/exports/${d.id}`, { query: { token: d.token }, pathParameters: { exportId: d.id ?? '' } }));
    if (got.statusCode !== 302) throw new Error(`cost flow: download answered ${got.statusCode}`);
    const s3Puts = Object.entries(s3Calls)
      .filter(([k]) => /Put|Upload|Multipart|Copy|List|Delete/.test(k))
      .reduce((s, [, v]) => s + v, 0);
    return {
      readUnits: meter.readUnits,
      writeUnits: meter.writeUnits,
      s3Puts,
      // The subject follows the presigned link once: one S3 GET, not made here (presigning calls nothing).
      s3Gets: 1,
      mails,
      signs,
      httpCalls,
      processorInvocations,
    };
  };

  try {
    await flow(0); // warm-up: JIT, connections; not counted
    for (const k of Object.keys(durations) as (keyof typeof durations)[]) durations[k] = [];
    const results: Awaited<ReturnType<typeof flow>>[] = [];
    for (let i = 1; i <= flowsToRun; i++) results.push(await flow(i));
    const med = (f: (r: (typeof results)[number]) => number) => median(results.map(f));

    const durationMs = Object.fromEntries(Object.entries(durations).map(([k, v]) => [k, round(median(v), 1)])) as CostResult['inputs']['durationMs'];
    // Billed per invocation, rounded up to 1 ms, at the function's memory size.
    const httpGbS = (Object.entries(durations) as [keyof typeof durations, number[]][])
      .filter(([k]) => k !== 'processor')
      .reduce((s, [, v]) => s + v.reduce((a, ms) => a + Math.ceil(ms), 0), 0) / flowsToRun / 1000 * (MEMORY_MB.http / 1024);
    const procGbS = durations.processor.reduce((a, ms) => a + Math.ceil(ms), 0) / flowsToRun / 1000 * (MEMORY_MB.processor / 1024);
    const httpCallsPer = med((r) => r.httpCalls);
    const procPer = med((r) => r.processorInvocations);
    const readUnits = med((r) => r.readUnits);
    const writeUnits = med((r) => r.writeUnits);
    const s3Puts = med((r) => r.s3Puts);
    const s3Gets = med((r) => r.s3Gets);
    const mailsPer = med((r) => r.mails);
    const signsPer = med((r) => r.signs);

    const k = 1000;
    const breakdown = {
      lambdaCompute: (httpGbS + procGbS) * PRICES.lambdaArmPerGbSecond * k,
      lambdaRequests: ((httpCallsPer + procPer) * PRICES.lambdaPerMillionRequests * k) / 1e6,
      httpApi: (httpCallsPer * PRICES.httpApiPerMillionRequests * k) / 1e6,
      dynamoWrites: (writeUnits * PRICES.dynamoPerMillionWriteUnits * k) / 1e6,
      dynamoReads: (readUnits * PRICES.dynamoPerMillionReadUnits * k) / 1e6,
      ses: (mailsPer * PRICES.sesPerThousandMails * k) / 1000,
      s3: ((s3Puts * PRICES.s3PutPerThousand + s3Gets * PRICES.s3GetPerThousand) * k) / 1000,
      kms: (signsPer * PRICES.kmsAsymmetricSignPerTenThousand * k) / 10_000,
    };
    const total = Object.values(breakdown).reduce((a, b) => a + b, 0);
    return {
      per1000Requests: round(total, 4),
      breakdown: Object.fromEntries(Object.entries(breakdown).map(([n, v]) => [n, round(v, 5)])),
      inputs: {
        flows: flowsToRun,
        httpCalls: httpCallsPer,
        lambdaInvocations: { http: httpCallsPer, processor: procPer },
        durationMs,
        billedGbSeconds: round(httpGbS + procGbS, 4),
        readUnits,
        writeUnits,
        s3Puts,
        s3Gets,
        mails: mailsPer,
        kmsSigns: signsPer,
        memoryMB: MEMORY_MB,
        prices: PRICES,
        assumptions: [
          'durations are warm invocations measured on this machine against the emulators, not in AWS; cold starts (init is billed) are left out',
          'one processor invocation per stream batch the local poller delivers (REQUEST items only, as the event source filter); AWS batching (up to 25, 1 s window) can only lower it',
          'the subject loads the form with its 2 assets, the confirm page with 1 new asset, and downloads the export once (one S3 GET through the presigned URL)',
          'the seal is signed by KMS in AWS (one asymmetric Sign per request); S3 SSE-KMS uses a bucket key, so per-object KMS calls are left out',
          'left out: storage (DynamoDB, S3: exports live 7 days), CloudWatch Logs and X-Ray, data transfer, the daily retention run, the KMS key and Cognito monthly fees',
        ],
      },
    };
  } finally {
    await poller.stop();
    await dropTables(client, Object.values(tables));
    client.destroy();
  }
};
