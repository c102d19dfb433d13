/**
 * What the public form costs a visitor to load: the page and every asset it links, as the pages
 * function answers a browser that sends `Accept-Encoding: gzip, deflate, br` (bytes on the wire,
 * before HTTP and TLS framing), beside the same uncompressed. No emulators: the handler is called
 * directly, as API Gateway would call it.
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { wellflix } from '../shared/config';
import { lambdaLikeEnv } from './bundles';

export const TRANSFER_GOAL_BYTES = 30 * 1024;

export interface TransferResult {
  /** Bytes a Brotli-accepting browser receives for the form, its stylesheet and its script. */
  bytes: number;
  /** The same, uncompressed. */
  rawBytes: number;
  /** Each response: path, encoding, bytes received, bytes uncompressed. */
  parts: Array<{ path: string; encoding: string; bytes: number; rawBytes: number }>;
  ok: boolean;
}

type Answer = { statusCode: number; headers: Record<string, string>; body: string; isBase64Encoded?: boolean };

export const measureTransfer = async (): Promise<TransferResult> => {
  // The module wires its configuration when loaded, as a cold start does.
  Object.assign(process.env, { ...lambdaLikeEnv(), PATH: process.env.PATH ?? '' });
  const { makeHandler } = await import('../functions/pages/handler');
  const { negotiateEncoding } = await import('../shared/http/pages/assets');
  const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
  const handler = makeHandler({ config: { controller: wellflix, verifyLinkHours: 72, publicBaseUrl: 'https://privacy.example.eu' } });
  const acceptEncoding = 'gzip, deflate, br';
  const get = async (routeKey: string, path: string, pathParameters?: Record<string, string>): Promise<Answer> => {
    const event = { routeKey, rawPath: path, headers: { 'accept-encoding': acceptEncoding }, pathParameters, requestContext: { http: { method: 'GET' } }, isBase64Encoded: false };
    const res = (await handler(event as unknown as APIGatewayProxyEventV2, {} as Context)) as Answer;
    if (res.statusCode !== 200) throw new Error(`GET ${path} answered ${res.statusCode}`);
    return res;
  };
  const measure = (path: string, res: Answer) => {
    const wire = res.isBase64Encoded ? Buffer.from(res.body, 'base64') : Buffer.from(res.body, 'utf8');
    const encoding = res.headers['content-encoding'] ?? 'identity';
    const raw = encoding === 'br' ? brotliDecompressSync(wire) : encoding === 'gzip' ? gunzipSync(wire) : wire;
    return { path, encoding, bytes: wire.length, rawBytes: raw.length };
  };

  const page = await get('GET /', '/');
  const parts = [measure('/', page)];
  // Every stylesheet and script the page links, as the browser would fetch them.
  for (const m of page.body.matchAll(/<(?:link rel="stylesheet" href|script src)="\/assets\/([^"]+)"/g)) {
    const file = m[1] as string;
    parts.push(measure(`/assets/${file}`, await get('GET /assets/{asset}', `/assets/${file}`, { asset: file })));
  }
  if (negotiateEncoding(acceptEncoding) !== 'br') throw new Error('the bench expects Brotli to be chosen');
  const bytes = parts.reduce((s, p) => s + p.bytes, 0);
  return { bytes, rawBytes: parts.reduce((s, p) => s + p.rawBytes, 0), parts, ok: bytes <= TRANSFER_GOAL_BYTES };
};

if (require.main === module) {
  measureTransfer().then(
    (r) => {
      for (const p of r.parts) console.log(`${p.path}  ${p.encoding}  ${p.bytes} B (uncompressed ${p.rawBytes} B)`);
      console.log(`public form transfer: ${(r.bytes / 1024).toFixed(1)} KB (uncompressed ${(r.rawBytes / 1024).toFixed(1)} KB); goal ≤ ${TRANSFER_GOAL_BYTES / 1024} KB`);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
