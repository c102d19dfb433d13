/**
 * A stand-in for the Cognito hosted UI on loopback, for the browser test of the console's hosted
 * sign-in. It speaks the part of OAuth 2.0 the console uses, as Cognito does: /oauth2/authorize
 * (authorization code, PKCE S256 required), a sign-in page, /oauth2/token (form-encoded, CORS,
 * codes single use and bound to the client, the redirect URI and the code challenge) and /logout.
 * Its ID tokens come from `issue`: the local stack's staff issuer, which the local server's
 * authorizer accepts as API Gateway's accepts Cognito's.
 *
 * Everything it refuses is recorded in `refusals`, so a test can assert that the console never
 * sent anything it should not have.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeHostedUiOptions {
  clientId: string;
  /** The console's callback (`${PUBLIC_BASE_URL}/admin`); a function, as the app starts after us. */
  redirectUri: () => string;
  password: string;
  issue: (email: string) => Promise<string>;
}

export interface FakeHostedUi {
  url: string;
  /** Token endpoint calls that got tokens. */
  exchanges: number;
  /** Every /logout that sent the browser back. */
  logouts: number;
  refusals: string[];
  /** Sends the next sign-in back with a state the console did not send (a forged callback). */
  tamperNextState: boolean;
  /** Answers the next token call `invalid_grant`, as Cognito does for a code that has expired. */
  expireNextCode: boolean;
  close(): Promise<void>;
}

interface Pending { state: string; challenge: string; redirectUri: string }
interface Code { challenge: string; redirectUri: string; email: string }

const b64url = (buf: Buffer): string => buf.toString('base64url');
const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const readBody = (req: IncomingMessage): Promise<URLSearchParams> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });

export const startFakeHostedUi = async (opts: FakeHostedUiOptions): Promise<FakeHostedUi> => {
  const sessions = new Map<string, Pending>();
  const codes = new Map<string, Code>();
  const ui: FakeHostedUi = { url: '', exchanges: 0, logouts: 0, refusals: [], tamperNextState: false, expireNextCode: false, close: async () => undefined };

  const send = (res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    res.end(body);
  };
  const refuse = (res: ServerResponse, why: string, headers: Record<string, string> = {}) => {
    ui.refusals.push(why);
    send(res, 400, 'application/json', JSON.stringify({ error: why }), headers);
  };
  const back = (res: ServerResponse, redirectUri: string, params: Record<string, string>) => {
    res.writeHead(302, { location: `${redirectUri}?${new URLSearchParams(params).toString()}` });
    res.end();
  };
  const signInPage = (session: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><main><h1>Sign in</h1>
<form method="post" action="/login">
<input type="hidden" name="session" value="${escape(session)}">
<p><label for="username">Email address</label><br><input id="username" name="username" type="email" autocomplete="username"></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password"></p>
<p><button type="submit" name="action" value="signin">Sign in</button> <button type="submit" name="action" value="cancel">Cancel</button></p>
</form></main></body></html>`;

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const q = url.searchParams;
      if (req.method === 'GET' && url.pathname === '/oauth2/authorize') {
        if (q.get('client_id') !== opts.clientId) return refuse(res, 'authorize: unknown client');
        if (q.get('redirect_uri') !== opts.redirectUri()) return refuse(res, 'authorize: redirect_uri not registered');
        if (q.get('response_type') !== 'code') return refuse(res, 'authorize: response_type must be code');
        if (!(q.get('scope') ?? '').split(' ').includes('openid')) return refuse(res, 'authorize: scope lacks openid');
        if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '')) {
          return refuse(res, 'authorize: PKCE S256 challenge required');
        }
        if (!q.get('state')) return refuse(res, 'authorize: state required');
        const session = b64url(randomBytes(16));
        sessions.set(session, { state: q.get('state') as string, challenge: q.get('code_challenge') as string, redirectUri: q.get('redirect_uri') as string });
        return send(res, 200, 'text/html; charset=utf-8', signInPage(session));
      }
      if (req.method === 'POST' && url.pathname === '/login') {
        const form = await readBody(req);
        const pending = sessions.get(form.get('session') ?? '');
        if (!pending) return refuse(res, 'login: unknown session');
        sessions.delete(form.get('session') as string);
        if (form.get('action') === 'cancel') return back(res, pending.redirectUri, { error: 'access_denied', state: pending.state });
        if (form.get('password') !== opts.password || !form.get('username')) return refuse(res, 'login: wrong credentials');
        const code = b64url(randomBytes(24));
        codes.set(code, { challenge: pending.challenge, redirectUri: pending.redirectUri, email: form.get('username') as string });
        const state = ui.tamperNextState ? 'tampered' : pending.state;
        ui.tamperNextState = false;
        return back(res, pending.redirectUri, { code, state });
      }
      if (url.pathname === '/oauth2/token') {
        // Cognito answers the browser's cross-origin call with CORS headers for the calling origin.
        const cors: Record<string, string> = { 'access-control-allow-origin': req.headers.origin ?? '*', vary: 'Origin' };
        if (req.method === 'OPTIONS') {
          return send(res, 204, 'text/plain', '', { ...cors, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type, accept' });
        }
        if (req.method !== 'POST') return refuse(res, 'token: POST only', cors);
        if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return refuse(res, 'token: form body required', cors);
        const form = await readBody(req);
        const code = codes.get(form.get('code') ?? '');
        // Single use: a code is gone once presented, whether or not the rest was right.
        codes.delete(form.get('code') ?? '');
        if (ui.expireNextCode) {
          ui.expireNextCode = false;
          return send(res, 400, 'application/json', JSON.stringify({ error: 'invalid_grant' }), cors);
        }
        if (form.get('grant_type') !== 'authorization_code') return refuse(res, 'token: grant_type', cors);
        if (form.get('client_id') !== opts.clientId) return refuse(res, 'token: client_id', cors);
        if (!code) return refuse(res, 'token: invalid_grant (unknown or used code)', cors);
        if (form.get('redirect_uri') !== code.redirectUri) return refuse(res, 'token: redirect_uri differs from the authorize call', cors);
        const verifier = form.get('code_verifier') ?? '';
        if (b64url(createHash('sha256').update(verifier).digest()) !== code.challenge) return refuse(res, 'token: code_verifier does not match the challenge', cors);
        const idToken = await opts.issue(code.email);
        ui.exchanges += 1;
        return send(res, 200, 'application/json', JSON.stringify({ id_token: idToken, access_token: b64url(randomBytes(32)), token_type: 'Bearer', expires_in: 3600 }), cors);
      }
      if (req.method === 'GET' && url.pathname === '/logout') {
        if (q.get('client_id') !== opts.clientId) return refuse(res, 'logout: unknown client');
        if (q.get('logout_uri') !== opts.redirectUri()) return refuse(res, 'logout: logout_uri not registered');
        ui.logouts += 1;
        res.writeHead(302, { location: q.get('logout_uri') as string });
        return res.end();
      }
      if (url.pathname === '/favicon.ico') return send(res, 204, 'text/plain', '');
      return send(res, 404, 'text/plain', 'not found');
    })().catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'fake hosted UI failed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ui.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ui.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return ui;
};
