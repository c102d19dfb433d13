/**
 * What intake writes as limit and idempotency keys, with a store that records the guards it is
 * given: keyed hashes only, one budget per mailbox, the Idempotency-Key scoped to its client.
 */
import fc from 'fast-check';
import type { CreateGuards, RateLimiter, RequestStore } from '../../shared/domain/ports';
import { emailHmac } from '../../shared/domain/token';
import type { RequestInput } from '../../shared/domain/types';
import { emailLimitKey, releaseEmailBudget, submitRequest, type IntakeDeps } from '../../shared/services/intake';

const KEY = 'k'.repeat(32);
const input = (email: string): RequestInput => ({
  type: 'access', language: 'en', email, firstName: 'Keys', lastName: 'Tester', signature: { fullName: 'Keys Tester', declaration: true },
});

/** A request store that records each create's guards and answers "created". */
const recordingDeps = () => {
  const guards: CreateGuards[] = [];
  const requests = { create: async (_r: unknown, _e: unknown, g: CreateGuards = {}) => { guards.push(g); return { created: true as const }; } } as unknown as RequestStore;
  const released: Array<[string, number, Date]> = [];
  const limiter: RateLimiter = {
    hit: async () => ({ allowed: true, retryAfterSeconds: 1 }),
    release: async (key, windowSeconds, at) => { released.push([key, windowSeconds, at]); return true; },
  };
  const deps: IntakeDeps = { requests, limiter, clock: { now: () => new Date('2026-12-02T12:00:00Z') }, hmacKey: KEY, limits: { perIp: 60, perEmail: 5, tokenTries: 30 } };
  return { deps, guards, released };
};

describe('the per-address limit key', () => {
  test('is one key for every spelling of a mailbox, and another for another mailbox', () => {
    const keys = ['x.y+1@gmail.com', 'X.Y@gmail.com', 'xy@googlemail.com', ' XY+spam@GoogleMail.com '].map((e) => emailLimitKey(KEY, e));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^submit:email:[0-9a-f]{64}$/);
    expect(emailLimitKey(KEY, 'x.z@gmail.com')).not.toBe(keys[0]);
    expect(emailLimitKey(KEY, 'x.y@example.fi')).not.toBe(emailLimitKey(KEY, 'xy@example.fi'));
  });

  test('depends on the key and is not the register look-up hash (another purpose, another hash)', () => {
    expect(emailLimitKey('K'.repeat(32), 'xy@gmail.com')).not.toBe(emailLimitKey(KEY, 'xy@gmail.com'));
    expect(emailLimitKey(KEY, 'xy@gmail.com')).not.toContain(emailHmac(KEY, 'xy@gmail.com'));
  });
});

describe('submitRequest guards', () => {
  test('the counters are keyed by hashes: no IP, no address (fast-check over IPs and addresses)', async () => {
    const ip = fc.oneof(fc.ipV4(), fc.ipV6());
    const email = fc.emailAddress();
    await fc.assert(
      fc.asyncProperty(ip, email, fc.stringMatching(/^[A-Za-z0-9_.:-]{1,32}$/), async (addr, mail, idem) => {
        const { deps, guards } = recordingDeps();
        await submitRequest(deps, input(mail), { ip: addr, userAgent: 'ua' }, idem);
        const g = guards[0]!;
        expect(g.limits?.map((l) => l.key)).toEqual([expect.stringMatching(/^submit:ip:[0-9a-f]{64}$/), emailLimitKey(KEY, mail)]);
        expect(g.idempotency?.keyHash).toMatch(/^[0-9a-f]{64}$/);
        expect(g.idempotency?.bodyDigest).toMatch(/^[0-9a-f]{64}$/);
        const text = JSON.stringify(g);
        expect(text).not.toContain(addr);
        expect(text).not.toContain(mail.toLowerCase());
      }),
      { numRuns: 200 },
    );
  });

  test('the Idempotency-Key is the client\'s own: the same key from another IP is another key; from the same IP the same', async () => {
    const { deps, guards } = recordingDeps();
    await submitRequest(deps, input('a@example.fi'), { ip: '192.0.2.1', userAgent: 'ua' }, 'key-1');
    await submitRequest(deps, input('a@example.fi'), { ip: '192.0.2.2', userAgent: 'ua' }, 'key-1');
    await submitRequest(deps, input('a@example.fi'), { ip: '192.0.2.1', userAgent: 'another browser' }, 'key-1');
    const [a, b, c] = guards.map((g) => g.idempotency!);
    expect(b!.keyHash).not.toBe(a!.keyHash);
    expect(c!.keyHash).toBe(a!.keyHash);
    expect(b!.bodyDigest).toBe(a!.bodyDigest);
    expect(a!.expiresAt).toBe('2026-12-03T12:00:00.000Z');
  });
});

describe('releaseEmailBudget', () => {
  test('gives back a unit of the mailbox\'s daily budget, in the window of the time it was counted', async () => {
    const { deps, released } = recordingDeps();
    await expect(releaseEmailBudget(deps, 'X.Y+tag@GoogleMail.com', '2026-12-01T23:59:59.000Z')).resolves.toBe(true);
    expect(released).toEqual([[emailLimitKey(KEY, 'xy@gmail.com'), 86_400, new Date('2026-12-01T23:59:59.000Z')]]);
  });
});
