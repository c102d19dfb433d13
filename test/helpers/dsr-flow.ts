import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { loadConfig } from '../../shared/config';
import { s3ClientConfig, s3ExportFiles } from '../../shared/adapters/s3-exports';
import { systemClock, type ExportFiles } from '../../shared/domain/ports';
import type { Customer, DsrRequest } from '../../shared/domain/types';
import { makeLogger } from '../../shared/logger';
import { flows } from '../../shared/services/flows';
import type { ProcessorDeps } from '../../shared/services/processor';
import { wireMailer, wireSigner, wireStores } from '../../shared/wiring';
import type { SentMail, TestApp } from './app';
import { registerPii } from './capture-logs';

/**
 * The subject's side of a request, through HTTP and the SES emulator only: file it, open the
 * mailed confirmation link, confirm. And the processor's side for tests that drive it themselves.
 */

export interface Person { email: string; firstName: string; lastName: string }

export const personOf = (c: Customer): Person => ({ email: c.email, firstName: c.firstName, lastName: c.lastName });

/** A register record of our own, with an address no other test uses; its personal data is registered for the log scan. */
export const uniqueCustomer = (tag: string, overrides: Partial<Customer> = {}): Customer => {
  const id = randomUUID().slice(0, 8);
  const c: Customer = {
    customerId: `c-${tag}-${id}`,
    firstName: 'Testi',
    lastName: `Henkilö${id}`,
    email: `${tag}.${id}@example.test`,
    phone: `+35840${id.replace(/[^0-9]/g, '0').slice(0, 7)}`,
    postalAddress: { street: `Testikatu ${id}`, postalCode: '02150', city: 'Espoo', country: 'FI' },
    relationshipEndedAt: null,
    orders: [],
    ...overrides,
  };
  registerPii(c.email, c.lastName, c.postalAddress?.street ?? '', c.phone ?? '');
  return c;
};

export interface FileOptions {
  type: DsrRequest['type'];
  language?: 'fi' | 'en';
  details?: string;
  changes?: Array<{ field: string; value: string; reason?: string }>;
  objections?: string[];
}

export const requestBody = (p: Person, o: FileOptions) => ({
  type: o.type,
  language: o.language ?? 'fi',
  email: p.email,
  firstName: p.firstName,
  lastName: p.lastName,
  ...(o.details ? { details: o.details } : {}),
  ...(o.changes ? { changes: o.changes } : {}),
  ...(o.objections ? { objections: o.objections } : {}),
  signature: { fullName: `${p.firstName} ${p.lastName}`, declaration: true },
});

const TOKEN_IN = (path: string) => new RegExp(`${path.replace(/[/?]/g, '\\$&')}token=([A-Za-z0-9_-]+)`);

export const mailsTo = async (app: TestApp, email: string): Promise<SentMail[]> => (await app.mails()).filter((m) => m.to.includes(email));

/** Files a request and waits for its confirmation mail; returns the request id and the mailed token. */
export const fileRequest = async (app: TestApp, p: Person, o: FileOptions): Promise<{ requestId: string; verifyToken: string }> => {
  const before = (await mailsTo(app, p.email)).length;
  const res = await app.post('/requests', requestBody(p, o));
  expect(res.status).toBe(202);
  const { requestId } = (await res.json()) as { requestId: string };
  await app.settle();
  // Mails come back in the order they were sent; the newest confirmation to this address is ours.
  const fresh = (await mailsTo(app, p.email)).slice(before).filter((m) => m.text.includes('/requests/verify?token='));
  const verifyToken = TOKEN_IN('/requests/verify?').exec(fresh.at(-1)?.text ?? '')?.[1];
  expect(verifyToken).toBeDefined();
  return { requestId, verifyToken: verifyToken! };
};

/** Confirms as the subject would: opens the link (GET changes nothing), then confirms (POST). */
export const verify = async (app: TestApp, token: string, opts: { settle?: boolean } = {}): Promise<void> => {
  const page = await app.get(`/requests/verify?token=${token}`);
  expect(page.status).toBe(200);
  const res = await app.post('/requests/verify', { token });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { status: string }).status).toBe('verified');
  if (opts.settle !== false) await app.settle();
};

export const fileAndVerify = async (app: TestApp, p: Person, o: FileOptions): Promise<string> => {
  const { requestId, verifyToken } = await fileRequest(app, p, o);
  await verify(app, verifyToken);
  return requestId;
};

/** The mailed export link: its export id and token. */
export const exportLink = (mail: SentMail | undefined): { exportId: string; token: string } | undefined => {
  const m = /\/exports\/([a-f0-9]+)\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '');
  return m?.[1] && m[2] ? { exportId: m[1], token: m[2] } : undefined;
};

export const staffHeaders = async (app: TestApp): Promise<Record<string, string>> => ({ authorization: `Bearer ${await app.staffToken()}` });

export interface AdminRequest {
  requestId: string;
  type: string;
  status: string;
  receivedAt: string;
  dueAt: string;
  holds: Array<{ basis: string; until?: string }>;
  audit: Array<{ type: string; actor: string; data?: Record<string, unknown> }>;
  rectification?: { before: Record<string, unknown>; after: Record<string, unknown> };
  [k: string]: unknown;
}

export const adminRequest = async (app: TestApp, requestId: string): Promise<AdminRequest> => {
  const res = await app.get(`/admin/requests/${requestId}`, await staffHeaders(app));
  expect(res.status).toBe(200);
  return (await res.json()) as AdminRequest;
};

export const adminCustomer = async (app: TestApp, customerId: string): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await app.get(`/admin/customers/${customerId}`, await staffHeaders(app));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

export const decide = async (app: TestApp, requestId: string, body: unknown, headers?: Record<string, string>): Promise<Response> =>
  app.post(`/admin/requests/${requestId}/decision`, body, headers ?? (await staffHeaders(app)));

/** The stored request item itself (what the table holds, not what the admin API shows). */
export const storedRequest = async (app: TestApp, requestId: string): Promise<Record<string, unknown> | undefined> =>
  (await app.ddb.send(new GetCommand({ TableName: app.config.tables.requests, Key: { pk: `REQ#${requestId}`, sk: 'REQUEST' }, ConsistentRead: true }))).Item;

/** The real export files of the app's bucket (what functions/processor/handler.ts wires). */
export const realExportFiles = (): ExportFiles => {
  const cfg = loadConfig(process.env);
  return s3ExportFiles(new S3Client(s3ClientConfig(cfg)), cfg.exportsBucket);
};

/**
 * Processor dependencies wired as functions/processor/handler.ts wires them (call after
 * startTestApp, which sets the environment), with any adapter replaced.
 */
export const processorDeps = (over: { files?: ExportFiles; register?: ProcessorDeps['register'] } = {}): ProcessorDeps => {
  const cfg = loadConfig(process.env);
  const stores = wireStores(cfg);
  return {
    ...stores,
    ...(over.register ? { register: over.register } : {}),
    mailer: wireMailer(cfg),
    signer: wireSigner(cfg),
    clock: systemClock,
    config: cfg,
    logger: makeLogger('processor'),
    ...flows(over.files ?? realExportFiles()),
  };
};

/** A stream batch as Lambda would hand it over: records that only name the request's key. */
export const streamEvent = (requestId: string, names: Array<'INSERT' | 'MODIFY'> = ['MODIFY']): DynamoDBStreamEvent => ({
  Records: names.map((eventName, i) => ({
    eventID: randomUUID(),
    eventName,
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-north-1',
    dynamodb: { Keys: { pk: { S: `REQ#${requestId}` }, sk: { S: 'REQUEST' } }, SequenceNumber: String(1000 + i), StreamViewType: 'KEYS_ONLY' },
  })),
});

/** Adds calendar months to an ISO time: same day, clamped to the month's end (as DESIGN.md counts them). */
export const plusCalendarMonths = (iso: string, months: number): string => {
  const d = new Date(iso);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target.toISOString();
};
