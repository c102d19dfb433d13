/** The hosted sign-in's PKCE pieces, imported straight from the browser code and run with Node's Web Crypto. */
import { createHash, webcrypto } from 'node:crypto';
import {
  authorizeUrl, base64url, codeChallenge, CONSOLE_ADDRESS_RE, consoleAddress, langOf, logoutUrl, parsePending, randomString, tokenRequestBody,
} from '../../../shared/http/pages/browser/lib/pkce';

const auth = { domain: 'https://dsr-staff.auth.eu-north-1.amazoncognito.com', clientId: 'client1', redirectUri: 'https://privacy.example.fi/admin' };
const crypto = webcrypto as unknown as Parameters<typeof randomString>[0] & { subtle: Parameters<typeof codeChallenge>[1] };

describe('PKCE', () => {
  it('encodes base64url without padding', () => {
    expect(base64url(new Uint8Array([]))).toBe('');
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    const bytes = new Uint8Array(Array.from({ length: 256 }, (_, i) => i));
    expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });

  it('makes 43-character random strings, a new one each time', () => {
    const a = randomString(crypto);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomString(crypto)).not.toBe(a);
  });

  it('derives the S256 challenge: base64url of the verifier\'s SHA-256, as Node computes it', async () => {
    const verifier = randomString(crypto);
    expect(await codeChallenge(verifier, crypto.subtle)).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });

  it('asks the hosted UI for a code with exactly the parameters Cognito needs', () => {
    const url = new URL(authorizeUrl(auth, 'st', 'ch'));
    expect(url.origin + url.pathname).toBe(`${auth.domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code', client_id: 'client1', redirect_uri: auth.redirectUri, scope: 'openid email', state: 'st', code_challenge: 'ch', code_challenge_method: 'S256',
    });
    expect(Object.fromEntries(new URLSearchParams(tokenRequestBody(auth, 'c&1', 'v')))).toEqual({
      grant_type: 'authorization_code', client_id: 'client1', code: 'c&1', redirect_uri: auth.redirectUri, code_verifier: 'v',
    });
    expect(Object.fromEntries(new URL(logoutUrl(auth)).searchParams)).toEqual({ client_id: 'client1', logout_uri: auth.redirectUri });
  });

  it('comes back only to the console, keeping its language and open request and nothing else', () => {
    expect(consoleAddress(new URLSearchParams('lang=en&request=r-1&code=x&state=y'))).toBe('/admin?lang=en&request=r-1');
    expect(consoleAddress(new URLSearchParams('code=x'))).toBe('/admin');
    expect(CONSOLE_ADDRESS_RE.test('/admin?lang=en')).toBe(true);
    expect(CONSOLE_ADDRESS_RE.test('//evil.example/admin')).toBe(false);
    expect(CONSOLE_ADDRESS_RE.test('/admin#x')).toBe(false);
    expect(langOf('/admin?lang=en&request=1')).toBe('en');
    expect(langOf('/admin')).toBe('fi');
  });

  it('reads the pending sign-in back defensively', () => {
    expect(parsePending(JSON.stringify({ state: 's', verifier: 'v', returnTo: '/admin' }))).toEqual({ state: 's', verifier: 'v', returnTo: '/admin' });
    expect(parsePending(JSON.stringify({ state: 1 }))).toEqual({ state: '', verifier: '', returnTo: '' });
    expect(parsePending(null)).toBeNull();
    expect(parsePending('{nope')).toBeNull();
    expect(parsePending('"text"')).toBeNull();
  });
});
