import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { emailHmac, hashToken, newToken, sha256Hex } from '../../shared/domain/token';

const KEY_A = 'k'.repeat(32);
const KEY_B = 'K'.repeat(32);

describe('newToken', () => {
  test('is 32 random bytes in base64url: 43 characters, no padding', () => {
    // Act
    const token = newToken();

    // Assess
    expect(token).toHaveLength(43);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(Buffer.from(token, 'base64url').toString('base64url')).toBe(token);
  });

  test('is distinct across 1000 calls', () => {
    // Act
    const tokens = Array.from({ length: 1000 }, () => newToken());

    // Assess
    expect(new Set(tokens).size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('looks random: every base64url character shows up and no byte value dominates', () => {
    // Prepare
    const bytes = Buffer.concat(Array.from({ length: 1000 }, () => Buffer.from(newToken(), 'base64url')));
    const text = Array.from({ length: 200 }, () => newToken()).join('');

    // Act
    const counts = new Array<number>(256).fill(0);
    for (const b of bytes) counts[b] = (counts[b] ?? 0) + 1;

    // Assess: 32000 bytes give about 125 of each value; a fixed or biased source would not.
    expect(new Set(text).size).toBe(64);
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(220);
  });
});

describe('hashToken', () => {
  test('is the hex SHA-256 of the token text', () => {
    // Prepare
    const token = newToken();

    // Act
    const hash = hashToken(token);

    // Assess
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash('sha256').update(token, 'utf8').digest('hex'));
    expect(hash).not.toContain(token);
  });

  test('matches the known SHA-256 of "abc"', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('is stable, and distinct tokens get distinct hashes', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(hashToken(a)).toBe(hashToken(a));
        if (a !== b) expect(hashToken(a)).not.toBe(hashToken(b));
      }),
    );
  });
});

describe('emailHmac', () => {
  const address = 'maija@example.fi';

  test('is the hex HMAC-SHA-256 of the normalised address under the key', () => {
    // Act
    const mac = emailHmac(KEY_A, address);

    // Assess
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(mac).toBe(createHmac('sha256', KEY_A).update(address, 'utf8').digest('hex'));
    expect(mac).not.toBe(sha256Hex(address));
  });

  test('differs per key, so a leaked table cannot be matched against a list of addresses without the key', () => {
    // Act
    const [a, b] = [emailHmac(KEY_A, address), emailHmac(KEY_B, address)];

    // Assess
    expect(a).not.toBe(b);
  });

  test('is stable for a key and address, and differs across keys and addresses', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{32,64}$/), fc.stringMatching(/^[A-Za-z0-9]{32,64}$/), fc.emailAddress(), fc.emailAddress(), (k1, k2, e1, e2) => {
        expect(emailHmac(k1, e1)).toBe(emailHmac(k1, e1));
        if (k1 !== k2) expect(emailHmac(k1, e1)).not.toBe(emailHmac(k2, e1));
        if (e1 !== e2) expect(emailHmac(k1, e1)).not.toBe(emailHmac(k1, e2));
      }),
    );
  });
});
