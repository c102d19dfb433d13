/**
 * A client at another address. Every test client is 127.0.0.1, but the whole of 127.0.0.0/8 is
 * loopback on Linux: a request sent from 127.0.0.N reaches the local server (which listens on
 * 127.0.0.1) with N in its socket's address, which the server hands to the handler as API
 * Gateway hands the caller's address (requestContext.http.sourceIp). So tests can be two clients.
 */
import { request } from 'node:http';

export interface ClientAnswer { status: number; headers: Record<string, string | string[] | undefined>; json: () => unknown; text: string }

/** One request from `localAddress`, its answer read whole. */
const send = (localAddress: string, url: string, method: 'GET' | 'POST', headers: Record<string, string>, payload?: Buffer): Promise<ClientAnswer> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method, localAddress, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });

export const postFrom = (localAddress: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<ClientAnswer> => {
  const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  return send(localAddress, url, 'POST', { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers }, payload);
};

export const getFrom = (localAddress: string, url: string): Promise<ClientAnswer> => send(localAddress, url, 'GET', { accept: 'application/json' });
