/**
 * The pages' static assets, served at /assets/<name>.<hash>.<ext>. The bytes come from
 * assets.generated.ts (built from browser/ by `npm run build:assets`), so the pages function needs
 * no file system. A name carries its content's hash, so an answer never changes and may be cached
 * for a year (`immutable`); pages link the hashed names, and any other name is a 404.
 *
 * Compressed with Brotli or gzip when the browser accepts it; each encoding of each file is made
 * once per cold start, on first use, and kept. API Gateway (HTTP API, payload 2.0) carries a
 * binary body base64-encoded with `isBase64Encoded: true`; the local server does the same.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { HttpResult } from '../responses';
import { BUILT_ASSETS, type BuiltAsset } from './assets.generated';

export type { AssetName } from './asset-names.generated';
export { assetPath } from './asset-path';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

const byFile = new Map<string, BuiltAsset>(Object.values(BUILT_ASSETS).map((a) => [a.file, a]));

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The encoding to answer with, from Accept-Encoding (RFC 9110 §12.5.3): Brotli when accepted,
 * else gzip, else none. A coding with q=0 is refused; `*` stands for any coding not named.
 */
export const negotiateEncoding = (acceptEncoding: string | undefined): Encoding => {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(coding.trim(), Number.isFinite(value) ? value : 0);
  }
  const accepts = (coding: string): boolean => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return 'identity';
};

const compressed = new Map<string, Buffer>();

/** The asset's bytes in an encoding, made on first use and kept for the life of the process. */
export const encodedBody = (asset: BuiltAsset, encoding: Exclude<Encoding, 'identity'>): Buffer => {
  const key = `${encoding}:${asset.file}`;
  let body = compressed.get(key);
  if (!body) {
    const raw = Buffer.from(asset.body, 'utf8');
    body =
      encoding === 'br'
        ? brotliCompressSync(raw, {
            params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
          })
        : gzipSync(raw, { level: 9 });
    compressed.set(key, body);
  }
  return body;
};

/** The answer for GET /assets/{file}, or undefined when no asset has that (hashed) name. */
export const assetResponse = (file: string, acceptEncoding: string | undefined): HttpResult | undefined => {
  const asset = byFile.get(file);
  if (!asset) return undefined;
  const headers: Record<string, string> = { 'content-type': asset.contentType, 'cache-control': IMMUTABLE, vary: 'accept-encoding' };
  const encoding = negotiateEncoding(acceptEncoding);
  if (encoding === 'identity') return { statusCode: 200, headers, body: asset.body };
  return {
    statusCode: 200,
    headers: { ...headers, 'content-encoding': encoding },
    body: encodedBody(asset, encoding).toString('base64'),
    isBase64Encoded: true,
  };
};
