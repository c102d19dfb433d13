import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { localSigner, verifyDigest } from '../../shared/adapters/signer-local';
import { chainEvent, GENESIS, verifyChain, type NewAuditEvent } from '../../shared/domain/audit';
import { canonicalJson } from '../../shared/domain/canonical';
import { sealContent, sealDigest } from '../../shared/domain/seal';
import { sha256Hex } from '../../shared/domain/token';
import type { AuditEvent, DsrRequest } from '../../shared/domain/types';

const newSealKeyPem = (): string =>
  generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;

/** A verified erasure request as the processor seals it. */
const verifiedRequest = (): DsrRequest => ({
  requestId: 'r-0001',
  type: 'rectification',
  language: 'fi',
  status: 'verified',
  receivedAt: '2025-03-01T10:00:00.000Z',
  dueAt: '2025-04-01T10:00:00.000Z',
  emailHash: 'e'.repeat(64),
  subject: { email: 'maija@example.fi', firstName: 'Maija', lastName: 'Meikäläinen' },
  details: 'Sukunimi muuttui.',
  changes: [{ field: 'lastName', value: 'Uusinimi', reason: 'Avioliitto' }],
  objections: undefined,
  signature: { fullName: 'Maija Meikäläinen', declaration: true, signedAt: '2025-03-01T10:00:00.000Z' },
  client: { ip: '192.0.2.10', userAgent: 'Mozilla/5.0' },
  verification: { verifiedAt: '2025-03-01T10:05:00.000Z', ip: '192.0.2.11', userAgent: 'Mozilla/5.0 (mail)' },
  auditSeq: 2,
  auditHead: 'a'.repeat(64),
  updatedAt: '2025-03-01T10:05:00.000Z',
});

describe('canonicalJson', () => {
  test('the same content in any key order gives the same bytes', () => {
    // Prepare
    const a = { type: 'access', subject: { lastName: 'M', firstName: 'Maija' }, n: 1 };
    const b = { n: 1, subject: { firstName: 'Maija', lastName: 'M' }, type: 'access' };

    // Act
    const [ca, cb] = [canonicalJson(a), canonicalJson(b)];

    // Assess
    expect(ca).toBe(cb);
    expect(ca).toBe('{"n":1,"subject":{"firstName":"Maija","lastName":"M"},"type":"access"}');
  });

  test('drops undefined members, writes undefined array slots as null, and has no whitespace', () => {
    // Act
    const out = canonicalJson({ b: undefined, a: [1, undefined, [2, [3, {}]], []], c: null, d: { e: undefined } });

    // Assess
    expect(out).toBe('{"a":[1,null,[2,[3,{}]],[]],"c":null,"d":{}}');
  });

  test('keeps unicode as it is and escapes only what JSON must', () => {
    // Act
    const out = canonicalJson({ nimi: 'Äänekoski ÖÅ 山田 😀', quote: 'say "hi"\n\\', ctl: '\u0001' });

    // Assess
    expect(out).toBe('{"ctl":"\\u0001","nimi":"Äänekoski ÖÅ 山田 😀","quote":"say \\"hi\\"\\n\\\\"}');
  });

  test('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    // Act
    const out = canonicalJson({ '\u00e9': 1, z: 2, '\ud83d\ude00': 3, '\uff61': 4, A: 5, '': 6 });

    // Assess
    expect(out).toBe('{"":6,"A":5,"z":2,"é":1,"😀":3,"｡":4}');
  });

  test.each([
    ['a string', 'x', '"x"'],
    ['a number', 19.9, '19.9'],
    ['negative zero', -0, '0'],
    ['true', true, 'true'],
    ['null', null, 'null'],
    ['an empty object', {}, '{}'],
  ])('serialises %s', (_what, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  test.each([NaN, Infinity, -Infinity])('refuses the non-finite number %p', (n) => {
    expect(() => canonicalJson({ total: n })).toThrow(TypeError);
  });

  test('round-trips through JSON.parse to the same bytes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        const once = canonicalJson(x);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  test('is valid JSON of the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        expect(JSON.parse(canonicalJson(x))).toEqual(JSON.parse(JSON.stringify(x)));
      }),
    );
  });

  test('does not depend on the order keys were inserted in', () => {
    const reversed = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(reversed);
      if (v === null || typeof v !== 'object') return v;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).reverse()) Object.defineProperty(out, k, { value: reversed((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
      return out;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        expect(canonicalJson(reversed(x))).toBe(canonicalJson(x));
      }),
    );
  });
});

describe('sealDigest', () => {
  test('is the SHA-256 of the canonical sealed content', () => {
    // Prepare
    const request = verifiedRequest();

    // Act
    const digest = sealDigest(request);

    // Assess
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).toBe(sha256Hex(canonicalJson(sealContent(request))));
  });

  /** Each sealed field, and a change to it that an attacker might make. */
  const TAMPERS: Array<[string, (r: DsrRequest) => void]> = [
    ['requestId', (r) => { r.requestId = 'r-0002'; }],
    ['type', (r) => { r.type = 'erasure'; }],
    ['language', (r) => { r.language = 'en'; }],
    ['receivedAt', (r) => { r.receivedAt = '2025-03-01T10:00:00.001Z'; }],
    ['subject.email', (r) => { r.subject = { ...r.subject!, email: 'other@example.fi' }; }],
    // A Cyrillic а: a homoglyph that looks unchanged to a reader.
    ['subject.firstName', (r) => { r.subject = { ...r.subject!, firstName: 'Maijа' }; }],
    ['subject.lastName', (r) => { r.subject = { ...r.subject!, lastName: 'Meikalainen' }; }],
    ['details', (r) => { r.details = 'Sukunimi muuttui!'; }],
    ['details removed', (r) => { delete r.details; }],
    ['changes.value', (r) => { r.changes = [{ field: 'lastName', value: 'Toinen', reason: 'Avioliitto' }]; }],
    ['changes.field', (r) => { r.changes = [{ field: 'firstName', value: 'Uusinimi', reason: 'Avioliitto' }]; }],
    ['changes added', (r) => { r.changes = [...r.changes!, { field: 'phone', value: '+358401234567' }]; }],
    ['objections', (r) => { r.objections = ['publication']; }],
    ['signature.fullName', (r) => { r.signature = { ...r.signature!, fullName: 'Matti Meikäläinen' }; }],
    ['signature.signedAt', (r) => { r.signature = { ...r.signature!, signedAt: '2025-03-02T10:00:00.000Z' }; }],
    ['client.ip', (r) => { r.client = { ...r.client!, ip: '198.51.100.1' }; }],
    ['client.userAgent', (r) => { r.client = { ...r.client!, userAgent: 'curl/8' }; }],
    ['verification.verifiedAt', (r) => { r.verification = { ...r.verification!, verifiedAt: '2025-03-01T10:05:01.000Z' }; }],
    ['verification.ip', (r) => { r.verification = { ...r.verification!, ip: '198.51.100.2' }; }],
    ['verification.userAgent', (r) => { r.verification = { ...r.verification!, userAgent: 'x' }; }],
  ];

  test.each(TAMPERS)('changes when %s changes', (_field, tamper) => {
    // Prepare
    const original = verifiedRequest();
    const tampered = verifiedRequest();
    tamper(tampered);

    // Act
    const [before, after] = [sealDigest(original), sealDigest(tampered)];

    // Assess
    expect(after).not.toBe(before);
  });

  test('stays the same when only the unsealed workflow fields change', () => {
    // Prepare
    const original = verifiedRequest();
    const progressed: DsrRequest = {
      ...verifiedRequest(),
      status: 'awaiting_decision',
      dueAt: '2025-06-01T10:00:00.000Z',
      auditSeq: 5,
      auditHead: 'b'.repeat(64),
      updatedAt: '2025-03-05T00:00:00.000Z',
      effects: ['mail:contact'],
      holds: [{ basis: 'open_invoice', invoiceIds: ['i-1'] }],
    };

    // Act
    const [before, after] = [sealDigest(original), sealDigest(progressed)];

    // Assess
    expect(after).toBe(before);
  });
});

describe('localSigner (ECDSA P-256, as KMS ECDSA_SHA_256)', () => {
  const pem = newSealKeyPem();
  const signer = localSigner(pem);
  const digest = sealDigest(verifiedRequest());

  test('signs a digest and verifies its own signature', async () => {
    // Act
    const { keyId, signature } = await signer.sign(digest);

    // Assess
    expect(keyId).toBe('local-seal-key');
    expect(Buffer.from(signature, 'base64')[0]).toBe(0x30); // DER SEQUENCE
    await expect(signer.verify(digest, signature)).resolves.toBe(true);
  });

  test('names the key it was given', async () => {
    await expect(localSigner(pem, 'seal-2025').sign(digest)).resolves.toMatchObject({ keyId: 'seal-2025' });
  });

  test('the public key alone verifies the seal', async () => {
    // Prepare
    const { signature } = await signer.sign(digest);
    const publicKey = createPublicKey(pem);

    // Act
    const ok = verifyDigest(publicKey, digest, signature);

    // Assess
    expect(ok).toBe(true);
  });

  test('rejects the signature over a tampered digest', async () => {
    // Prepare
    const { signature } = await signer.sign(digest);
    const tamperedRequest = verifiedRequest();
    tamperedRequest.details = 'Poista kaikki.';

    // Act
    const ok = await signer.verify(sealDigest(tamperedRequest), signature);

    // Assess
    expect(ok).toBe(false);
  });

  test('rejects a digest differing in one character', async () => {
    // Prepare
    const { signature } = await signer.sign(digest);
    const flipped = (digest[0] === '0' ? '1' : '0') + digest.slice(1);

    // Act
    const ok = await signer.verify(flipped, signature);

    // Assess
    expect(ok).toBe(false);
  });

  test('rejects a signature made with another key', async () => {
    // Prepare
    const other = localSigner(newSealKeyPem());
    const { signature } = await other.sign(digest);

    // Act
    const ok = await signer.verify(digest, signature);

    // Assess
    expect(ok).toBe(false);
  });

  test('rejects a signature with a changed byte', async () => {
    // Prepare
    const { signature } = await signer.sign(digest);
    const bytes = Buffer.from(signature, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;

    // Act
    const ok = await signer.verify(digest, bytes.toString('base64'));

    // Assess
    expect(ok).toBe(false);
  });

  test('any digest it signs verifies, and no other digest does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[0-9a-f]{64}$/), fc.stringMatching(/^[0-9a-f]{64}$/), async (d, other) => {
        const { signature } = await signer.sign(d);
        expect(await signer.verify(d, signature)).toBe(true);
        if (other !== d) expect(await signer.verify(other, signature)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });
});

describe('audit chain', () => {
  const REQUEST_ID = 'r-0001';

  /** The audit trail of one request, chained as the request store appends it. */
  const chain = (events: NewAuditEvent[], requestId = REQUEST_ID): AuditEvent[] => {
    const out: AuditEvent[] = [];
    events.forEach((e, i) => {
      const at = new Date(Date.UTC(2025, 2, 1, 10, i)).toISOString();
      out.push(chainEvent(requestId, i + 1, out[i - 1]?.hash ?? GENESIS, at, e));
    });
    return out;
  };

  const TRAIL: NewAuditEvent[] = [
    { type: 'submitted', actor: 'subject', data: { type: 'rectification' } },
    { type: 'verified', actor: 'subject' },
    { type: 'sealed', actor: 'system', data: { digest: 'd'.repeat(64) } },
    { type: 'decided', actor: 'erno.polus', data: { decision: 'approve' } },
    { type: 'completed', actor: 'system', data: { applied: ['lastName'] } },
  ];

  test('the first event chains to GENESIS and each later one to the one before', () => {
    // Act
    const events = chain(TRAIL);

    // Assess
    expect(GENESIS).toBe('0'.repeat(64));
    expect(events[0]?.prevHash).toBe(GENESIS);
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(events.map((e) => e.hash)).size).toBe(5);
  });

  test('the hash covers every field but itself', () => {
    // Prepare
    const [e] = chain([TRAIL[0]!]);
    const { hash, ...body } = e!;

    // Act
    const expected = sha256Hex(canonicalJson(body));

    // Assess
    expect(hash).toBe(expected);
  });

  test('a whole chain verifies, and so does an empty one', () => {
    expect(verifyChain(chain(TRAIL))).toBeNull();
    expect(verifyChain([])).toBeNull();
  });

  test.each([
    ['data', (e: AuditEvent) => ({ ...e, data: { decision: 'refuse' } })],
    ['data removed', (e: AuditEvent) => ({ ...e, data: undefined })],
    ['type', (e: AuditEvent) => ({ ...e, type: 'refused' })],
    ['actor', (e: AuditEvent) => ({ ...e, actor: 'someone.else' })],
    ['time', (e: AuditEvent) => ({ ...e, at: '2025-03-01T09:00:00.000Z' })],
    ['request id', (e: AuditEvent) => ({ ...e, requestId: 'r-0002' })],
    ['hash', (e: AuditEvent) => ({ ...e, hash: 'f'.repeat(64) })],
    ['previous hash', (e: AuditEvent) => ({ ...e, prevHash: GENESIS })],
  ])('an edited %s in the fourth event is found at seq 4', (_what, edit) => {
    // Prepare
    const events = chain(TRAIL);
    events[3] = edit(events[3]!);

    // Act
    const brokenAt = verifyChain(events);

    // Assess
    expect(brokenAt).toBe(4);
  });

  test('a dropped event is found where the gap is', () => {
    // Prepare
    const events = chain(TRAIL);
    events.splice(1, 1);

    // Act
    const brokenAt = verifyChain(events);

    // Assess: the event now second is seq 3, out of place.
    expect(brokenAt).toBe(3);
  });

  test('two swapped events are found at the first of them', () => {
    // Prepare
    const events = chain(TRAIL);
    [events[1], events[2]] = [events[2]!, events[1]!];

    // Act
    const brokenAt = verifyChain(events);

    // Assess
    expect(brokenAt).toBe(3);
  });

  test('a rewritten tail verifies on its own, so the stored head is what catches it', () => {
    // Prepare: an attacker edits event 3 and re-hashes everything after it.
    const honest = chain(TRAIL);
    const forged = chain([TRAIL[0]!, TRAIL[1]!, { ...TRAIL[2]!, data: { digest: 'f'.repeat(64) } }, TRAIL[3]!, TRAIL[4]!]);

    // Act
    const brokenAt = verifyChain(forged);

    // Assess
    expect(brokenAt).toBeNull();
    expect(forged.at(-1)?.hash).not.toBe(honest.at(-1)?.hash);
  });

  const trailArb = fc.array(
    fc.record(
      { type: fc.constantFrom('submitted', 'verified', 'sealed', 'held', 'decided', 'completed'), actor: fc.constantFrom('subject', 'system', 'staff'), data: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }) },
      { requiredKeys: ['type', 'actor'] },
    ),
    { minLength: 1, maxLength: 12 },
  );

  test('any untouched chain verifies', () => {
    fc.assert(
      fc.property(trailArb, (trail) => {
        expect(verifyChain(chain(trail))).toBeNull();
      }),
    );
  });

  test('editing any one event\'s data breaks the chain at that event', () => {
    fc.assert(
      fc.property(trailArb, fc.nat(), fc.string({ minLength: 1, maxLength: 8 }), (trail, pick, marker) => {
        const events = chain(trail);
        const i = pick % events.length;
        const e = events[i]!;
        events[i] = { ...e, data: { ...e.data, tampered: `${marker}${String(e.data?.tampered ?? '')}` } };
        expect(verifyChain(events)).toBe(i + 1);
      }),
    );
  });

  test('dropping any event but the last breaks the chain at the event after it', () => {
    fc.assert(
      fc.property(trailArb.filter((t) => t.length >= 2), fc.nat(), (trail, pick) => {
        const events = chain(trail);
        const i = pick % (events.length - 1);
        events.splice(i, 1);
        // The event now at position i is the one that was after the gap.
        expect(verifyChain(events)).toBe(i + 2);
      }),
    );
  });

  test('dropping the last event leaves a whole but shorter chain (the request\'s auditSeq and auditHead catch it)', () => {
    fc.assert(
      fc.property(trailArb.filter((t) => t.length >= 2), (trail) => {
        const events = chain(trail);
        const head = events.at(-1)!;
        events.pop();
        expect(verifyChain(events)).toBeNull();
        expect(events.length).toBeLessThan(head.seq);
        expect(events.at(-1)?.hash).not.toBe(head.hash);
      }),
    );
  });

  test('moving any event to another place breaks the chain at the first misplaced one', () => {
    fc.assert(
      fc.property(trailArb.filter((t) => t.length >= 2), fc.nat(), fc.nat(), (trail, a, b) => {
        const events = chain(trail);
        const from = a % events.length;
        let to = b % events.length;
        if (to === from) to = (from + 1) % events.length;
        const [moved] = events.splice(from, 1);
        events.splice(to, 0, moved!);
        const first = Math.min(from, to);
        expect(verifyChain(events)).toBe(events[first]!.seq);
        expect(events[first]!.seq).not.toBe(first + 1);
      }),
    );
  });

  test('an event copied from another request\'s chain does not fit after the first', () => {
    fc.assert(
      fc.property(trailArb.filter((t) => t.length >= 2), fc.nat(), (trail, pick) => {
        const events = chain(trail);
        const others = chain(trail, 'r-9999');
        const i = 1 + (pick % (events.length - 1));
        events[i] = others[i]!;
        expect(verifyChain(events)).toBe(i + 1);
      }),
    );
  });

  test('a foreign first event is caught at the second, whose link no longer matches', () => {
    // Prepare: the first event carries its own request id and chains to GENESIS, so on its own it looks whole.
    const events = chain(TRAIL);
    events[0] = chain(TRAIL, 'r-9999')[0]!;

    // Act
    const brokenAt = verifyChain(events);

    // Assess
    expect(brokenAt).toBe(2);
  });
});
