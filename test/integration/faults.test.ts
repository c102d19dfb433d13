import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Readable } from 'node:stream';
import { dynamoRateLimiter } from '../../shared/adapters/dynamodb-rate-limiter';
import { dynamoRequestStore } from '../../shared/adapters/dynamodb-requests';
import { verifyChain } from '../../shared/domain/audit';
import { systemClock } from '../../shared/domain/ports';
import type { Customer, DsrRequest, RequestType } from '../../shared/domain/types';
import { reconcile } from '../../shared/services/processor';
import { submitRequest } from '../../shared/services/intake';
import { wireStores } from '../../shared/wiring';
import { startTestApp, type TestApp } from '../helpers/app';
import { registerPii } from '../helpers/capture-logs';
import { crashAt, InjectedCrash, processorDeps } from '../helpers/processor-deps';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  // These tests drive the processor themselves, one step and one crash at a time.
  await app.poller.stop();
});
afterAll(() => app?.stop());

const clean = () => processorDeps(app.config);
const stores = () => wireStores(app.config);

let n = 0;
const customer = (): Customer => {
  n++;
  const c: Customer = {
    customerId: `fault-${n}`,
    firstName: 'Testi',
    lastName: `Henkilö${n}`,
    email: `fault-${n}@example.test`,
    website: 'https://example.test',
    ipAddresses: ['192.0.2.1'],
    relationshipEndedAt: null,
    orders: [
      { orderId: `fo-${n}-1`, orderedAt: '2010-01-01T10:00:00Z', total: 10, currency: 'EUR', items: [{ name: 'Perus', quantity: 1, unitPrice: 10 }], invoice: { invoiceId: `fi-${n}-1`, issuedAt: '2010-01-01', dueDate: '2010-01-15', status: 'paid' } },
      { orderId: `fo-${n}-2`, orderedAt: '2010-02-01T10:00:00Z', total: 10, currency: 'EUR', items: [{ name: 'Perus', quantity: 1, unitPrice: 10 }] },
    ],
  };
  registerPii(c.email, c.lastName);
  return c;
};

const body = (type: RequestType, c: Customer) => ({
  type,
  language: 'fi',
  email: c.email,
  firstName: c.firstName,
  lastName: c.lastName,
  ...(type === 'rectification' ? { changes: [{ field: 'lastName', value: `Uusi${n}` }] } : {}),
  ...(type === 'objection' ? { objections: ['directMarketing', 'publication'] } : {}),
  signature: { fullName: `${c.firstName} ${c.lastName}`, declaration: true },
});

const mailsTo = async (to: string) => (await app.mails()).filter((m) => m.to.includes(to));

/** Files and verifies a request, running the processor cleanly up to the point a test wants to break. */
const verified = async (type: RequestType, c: Customer): Promise<string> => {
  const res = await app.post('/requests', body(type, c));
  expect(res.status).toBe(202);
  const { requestId } = (await res.json()) as { requestId: string };
  await reconcile(clean(), requestId);
  const mail = (await mailsTo(c.email)).at(-1);
  const token = /token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  expect((await app.post('/requests/verify', { token })).status).toBe(200);
  return requestId;
};

const get = async (requestId: string): Promise<DsrRequest> => (await stores().requests.get(requestId))!;

/** Recorded mails to the subject (the contact person's and recipients' go elsewhere). */
const subjectMailEffects = (r: DsrRequest) =>
  (r.effects ?? []).filter((e) => e.startsWith('mail:') && e !== 'mail:contact' && !e.startsWith('mail:art19')).length;

/**
 * Crashes the processor before each of its I/O calls in turn (k = 1, 2, …) on a fresh request, then
 * lets a clean redelivery finish it, until a run passes every call without reaching the crash.
 * Every time the end state must equal a clean run's, with the same mails.
 */
const crashEverywhere = async (
  setup: () => Promise<{ requestId: string; customer: Customer }>,
  check: (r: DsrRequest, c: Customer) => Promise<void>,
) => {
  const crashedAt: string[] = [];
  for (let k = 1; k < 60; k++) {
    const { requestId, customer: c } = await setup();
    const before = (await mailsTo(c.email)).length;
    const effectsBefore = subjectMailEffects(await get(requestId));
    const { wrap, hit } = crashAt(k);
    let crashed = false;
    try {
      await reconcile(processorDeps(app.config, wrap), requestId);
    } catch (err) {
      expect(err).toBeInstanceOf(InjectedCrash);
      crashed = true;
    }
    if (crashed) {
      crashedAt.push(hit.at ?? '?');
      await reconcile(clean(), requestId);
    }
    const r = await get(requestId);
    expect(verifyChain(await stores().requests.audit(requestId))).toBeNull();
    await check(r, c);
    // A crash anywhere but between a send and its record sends nothing twice. In that one window
    // (SES has no idempotency key) the redelivery sends again: at least once, never lost.
    const window = hit.at === 'requests.transition' && hit.after === 'mailer.send';
    const sent = (await mailsTo(c.email)).length - before;
    // Mails to the subject recorded after setup (those before it went out before `before`).
    const subjectMails = subjectMailEffects(r) - effectsBefore;
    if (crashed && window) expect([subjectMails, subjectMails + 1]).toContain(sent);
    else expect(sent).toBe(subjectMails);
    if (!crashed) return crashedAt;
  }
  throw new Error('the flow never finished without reaching the crash point');
};

describe('the processor crashing at each step, then redelivered', () => {
  test('access: one export, one link mail, completed', async () => {
    const points = await crashEverywhere(
      async () => {
        const c = customer();
        await app.seed([c]);
        return { requestId: await verified('access', c), customer: c };
      },
      async (r) => {
        expect(r.status).toBe('completed');
        const exports = (await app.scanAll('requests')).filter((i) => i.pk === `REQ#${r.requestId}` && String(i.sk).startsWith('EXPORT#'));
        expect(exports).toHaveLength(1);
      },
    );
    expect(points.length).toBeGreaterThan(5);
  });

  test('erasure approved: the record is gone, vouchers kept once, nothing half-erased', async () => {
    const points = await crashEverywhere(
      async () => {
        const c = customer();
        await app.seed([c]);
        const requestId = await verified('erasure', c);
        await reconcile(clean(), requestId);
        const token = await app.staffToken();
        const res = await app.post(`/admin/requests/${requestId}/decision`, { decision: 'approve' }, { authorization: `Bearer ${token}` });
        expect(res.status).toBe(200);
        return { requestId, customer: c };
      },
      async (r, c) => {
        expect(r.status).toBe('completed');
        expect(r.subject).toBeUndefined();
        const left = (await app.scanAll('register')).filter((i) => i.pk === `CUST#${c.customerId}`);
        expect(left).toEqual([]);
      },
    );
    expect(points).toEqual(expect.arrayContaining(['register.deleteOrders', 'register.deleteProfile']));
  });

  test('rectification approved: applied once, recipients told, outcome mailed', async () => {
    await crashEverywhere(
      async () => {
        const c = customer();
        await app.seed([c]);
        const requestId = await verified('rectification', c);
        await reconcile(clean(), requestId);
        const res = await app.post(`/admin/requests/${requestId}/decision`, { decision: 'approve' }, { authorization: `Bearer ${await app.staffToken()}` });
        expect(res.status).toBe(200);
        return { requestId, customer: c };
      },
      async (r, c) => {
        expect(r.status).toBe('completed');
        const rec = await stores().register.getProfile(c.customerId);
        expect(rec?.customer.lastName).toBe(r.changes?.[0]?.value);
        expect(r.effects?.filter((e) => e === 'applied')).toHaveLength(1);
      },
    );
  });
});

describe('the processor crashing at each step of the other flows', () => {
  const decided = (type: RequestType, decision: object) => async () => {
    const c = customer();
    await app.seed([c]);
    const requestId = await verified(type, c);
    await reconcile(clean(), requestId);
    const res = await app.post(`/admin/requests/${requestId}/decision`, decision, { authorization: `Bearer ${await app.staffToken()}` });
    expect(res.status).toBe(200);
    return { requestId, customer: c };
  };

  test('portability: one export, completed', async () => {
    await crashEverywhere(
      async () => {
        const c = customer();
        await app.seed([c]);
        return { requestId: await verified('portability', c), customer: c };
      },
      async (r) => expect(r.status).toBe('completed'),
    );
  });

  test('verified objection: direct marketing suppressed at once, once, and the request waits', async () => {
    await crashEverywhere(
      async () => {
        const c = customer();
        await app.seed([c]);
        return { requestId: await verified('objection', c), customer: c };
      },
      async (r, c) => {
        expect(r.status).toBe('awaiting_decision');
        expect((await stores().register.getProfile(c.customerId))?.flags.suppressions).toEqual(['directMarketing']);
      },
    );
  });

  test('restriction approved: restricted, completed', async () => {
    await crashEverywhere(decided('restriction', { decision: 'approve' }), async (r, c) => {
      expect(r.status).toBe('completed');
      expect((await stores().register.getProfile(c.customerId))?.flags.restricted).toBe(true);
    });
  });

  test('objection approved: every objection in force', async () => {
    await crashEverywhere(decided('objection', { decision: 'approve' }), async (r, c) => {
      expect(r.status).toBe('completed');
      expect([...((await stores().register.getProfile(c.customerId))?.flags.suppressions ?? [])].sort()).toEqual(['directMarketing', 'publication']);
    });
  });

  test('refused: one refusal letter, the register untouched', async () => {
    await crashEverywhere(decided('erasure', { decision: 'refuse', reason: 'Avoin perintäasia' }), async (r, c) => {
      expect(r.status).toBe('refused');
      expect(await stores().register.getProfile(c.customerId)).toBeDefined();
    });
  });

  test('extended: one extension letter, still waiting', async () => {
    await crashEverywhere(decided('restriction', { decision: 'extend', reason: 'Selvitämme asiaa' }), async (r) => {
      expect(r.status).toBe('awaiting_decision');
      expect(r.effects).toContain('mail:extension');
    });
  });
});

describe('DynamoDB throttling', () => {
  test('the SDK retries carry the write: two throttled answers, then exactly one request stored', async () => {
    // Prepare: a request handler that answers the first two calls as DynamoDB does when throttling.
    const real = new NodeHttpHandler();
    let throttled = 0;
    const handler = {
      handle: async (request: Parameters<NodeHttpHandler['handle']>[0], options?: Parameters<NodeHttpHandler['handle']>[1]) => {
        if (throttled < 2) {
          throttled++;
          const payload = JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'Rate exceeded' });
          return { response: { statusCode: 400, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([payload]) } };
        }
        return real.handle(request, options);
      },
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
    } as unknown as NodeHttpHandler;
    const ddb = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: 'eu-north-1',
        endpoint: process.env.TEST_DYNAMODB_ENDPOINT,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        requestHandler: handler,
        maxAttempts: 5,
      }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
    const c = customer();
    const deps = {
      requests: dynamoRequestStore(ddb, app.config.tables.requests),
      limiter: dynamoRateLimiter(ddb, app.config.tables.requests),
      limits: { perIp: 1000, perEmail: 1000, tokenTries: 1000 },
      clock: systemClock,
      hmacKey: app.config.hmacKey,
    };

    // Act
    const out = await submitRequest(deps, body('access', c) as never, { ip: '192.0.2.50', userAgent: 'test' });

    // Assess
    expect(throttled).toBe(2);
    const items = (await app.scanAll('requests')).filter((i) => i.pk === `REQ#${out.requestId}` && i.sk === 'REQUEST');
    expect(items).toHaveLength(1);
  });
});

describe('many at once', () => {
  test('200 concurrent submissions: every 202 has its stored request, none lost, none duplicated', async () => {
    const bodies = Array.from({ length: 200 }, (_, i) => ({
      type: 'access', language: 'en', email: `burst-${i}@example.test`, firstName: 'Burst', lastName: `Tester${i}`,
      signature: { fullName: `Burst Tester${i}`, declaration: true },
    }));
    registerPii(...bodies.map((b) => b.email));
    const answers = await Promise.all(bodies.map((b) => app.post('/requests', b)));
    const ids = await Promise.all(answers.map(async (r) => (r.status === 202 ? ((await r.json()) as { requestId: string }).requestId : `status ${r.status}`)));
    expect(ids.filter((id) => id.startsWith('status'))).toEqual([]);
    expect(new Set(ids).size).toBe(200);
    const stored = (await app.scanAll('requests')).filter((i) => i.sk === 'REQUEST' && ids.includes(String(i.requestId)));
    expect(stored).toHaveLength(200);
  });
});
