/**
 * The hosted sign-in's pieces (authorization code with PKCE, RFC 7636), apart from the page: the
 * random strings, the S256 challenge, the addresses to and from the hosted UI. Pure but for the
 * randomness and the hash, which the caller passes in, so unit tests import it with Node's.
 */

/** Base64url without padding (RFC 4648 §5), as PKCE and OAuth state use it. */
export const base64url = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 1) s += String.fromCharCode(bytes[i] as number);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** The part of Web Crypto the sign-in uses: `window.crypto` in the page, Node's `webcrypto` in tests. */
export interface CryptoLike {
  getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
  subtle: { digest(algorithm: 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> };
}

/** 32 random bytes as 43 base64url characters: a code verifier or a state. */
export const randomString = (crypto: Pick<CryptoLike, 'getRandomValues'>): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII verifier)). */
export const codeChallenge = async (verifier: string, subtle: CryptoLike['subtle']): Promise<string> =>
  base64url(new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

export interface HostedAuth { domain: string; clientId: string; redirectUri: string }

/** The hosted UI's authorize address: code flow, openid and email, with state and the S256 challenge. */
export const authorizeUrl = (auth: HostedAuth, state: string, challenge: string): string =>
  `${auth.domain}/oauth2/authorize?${new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: 'openid email',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString()}`;

/** The token endpoint's form body that trades the code (with the verifier only this tab holds). */
export const tokenRequestBody = (auth: HostedAuth, code: string, verifier: string): string =>
  new URLSearchParams({ grant_type: 'authorization_code', client_id: auth.clientId, code, redirect_uri: auth.redirectUri, code_verifier: verifier }).toString();

/** The hosted UI's sign-out address, back to the console. */
export const logoutUrl = (auth: HostedAuth): string =>
  `${auth.domain}/logout?${new URLSearchParams({ client_id: auth.clientId, logout_uri: auth.redirectUri }).toString()}`;

/** The console's own addresses only: where a sign-in may land. */
export const CONSOLE_ADDRESS_RE = /^\/admin(\?[^#]*)?$/;

/** Where to land after the round trip: this console page, its language and open request only. */
export const consoleAddress = (params: URLSearchParams): string => {
  const q = new URLSearchParams();
  for (const k of ['lang', 'request']) {
    const v = params.get(k);
    if (v) q.set(k, v);
  }
  const s = q.toString();
  return `/admin${s ? `?${s}` : ''}`;
};

/** The language of a console address. */
export const langOf = (address: string): 'fi' | 'en' => (new URLSearchParams(address.split('?')[1] ?? '').get('lang') === 'en' ? 'en' : 'fi');

/** What the tab keeps over the round trip (sessionStorage), read back defensively. */
export interface PendingSignIn { state: string; verifier: string; returnTo: string }

export const parsePending = (stored: string | null): PendingSignIn | null => {
  try {
    const p: unknown = JSON.parse(stored ?? 'null');
    if (!p || typeof p !== 'object') return null;
    const { state, verifier, returnTo } = p as Record<string, unknown>;
    return { state: typeof state === 'string' ? state : '', verifier: typeof verifier === 'string' ? verifier : '', returnTo: typeof returnTo === 'string' ? returnTo : '' };
  } catch {
    return null;
  }
};
