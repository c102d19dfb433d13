/**
 * The pages' static assets: the committed build is fresh, names carry their content's hash, answers
 * are cached for good and compressed as the browser accepts, and any other name is a 404.
 */
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { wellflix } from '../../shared/config';
import { assetPath, assetResponse, IMMUTABLE, negotiateEncoding } from '../../shared/http/pages/assets';
import { BUILT_ASSETS, type AssetName } from '../../shared/http/pages/assets.generated';
import { ASSET_FILES } from '../../shared/http/pages/asset-names.generated';
import { buildAssets, GENERATED, GENERATED_NAMES, hashedName, REBUILD_COMMAND } from '../../shared/http/pages/build-assets';

const NAMES = Object.keys(BUILT_ASSETS) as AssetName[];

describe('the built assets', () => {
  it('are fresh: rebuilding from shared/http/pages/browser/ gives both committed modules', async () => {
    const built = await buildAssets();
    for (const [file, text] of [[GENERATED, built.bodies], [GENERATED_NAMES, built.names]] as const) {
      if (text !== readFileSync(file, 'utf8')) {
        throw new Error(`${file} is stale: the browser code, its CSS or the scripts' words changed. Run \`${REBUILD_COMMAND}\` and commit the result.`);
      }
    }
  }, 60_000);

  it('names each asset in the small names module exactly as the bodies module does', () => {
    expect(Object.fromEntries(NAMES.map((n) => [n, BUILT_ASSETS[n].file]))).toEqual(ASSET_FILES);
  });

  it.each(NAMES)('%s is served under a name carrying its content hash', (name) => {
    const asset = BUILT_ASSETS[name];
    expect(asset.file).toBe(hashedName(name, asset.body));
    expect(asset.file).toMatch(/^[a-z]+\.[0-9a-f]{8}\.(css|js)$/);
    expect(assetPath(name)).toBe(`/assets/${asset.file}`);
  });

  it('gives a new name when the bytes change', () => {
    expect(hashedName('form.js', 'a')).not.toBe(hashedName('form.js', 'b'));
    expect(hashedName('form.js', 'a')).toBe(hashedName('form.js', 'a'));
  });
});

describe('content negotiation', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=1.0, gzip;q=0.8', 'br'],
    ['gzip', 'gzip'],
    ['gzip, br;q=0', 'gzip'],
    ['BR', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['', 'identity'],
    [undefined, 'identity'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['gzip;q=nonsense', 'identity'],
  ] as const)('Accept-Encoding %p → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('asset answers', () => {
  const file = BUILT_ASSETS['form.js'].file;
  const original = BUILT_ASSETS['form.js'].body;

  it('Brotli for a browser that accepts it: base64 for API Gateway, cached for a year, varying by encoding', () => {
    const res = assetResponse(file, 'gzip, deflate, br');
    expect(res).toMatchObject({ statusCode: 200, isBase64Encoded: true });
    expect(res?.headers).toEqual({
      'content-type': 'text/javascript; charset=utf-8', 'cache-control': IMMUTABLE, vary: 'accept-encoding', 'content-encoding': 'br',
    });
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(Buffer.from(res?.body ?? '', 'base64')).toString('utf8')).toBe(original);
  });

  it('gzip when only gzip is accepted, plain text when nothing is', () => {
    const gz = assetResponse(file, 'gzip');
    expect(gz?.headers?.['content-encoding']).toBe('gzip');
    expect(gunzipSync(Buffer.from(gz?.body ?? '', 'base64')).toString('utf8')).toBe(original);
    const plain = assetResponse(file, undefined);
    expect(plain?.isBase64Encoded).toBeUndefined();
    expect(plain?.headers?.['content-encoding']).toBeUndefined();
    expect(plain?.headers?.vary).toBe('accept-encoding');
    expect(plain?.body).toBe(original);
  });

  it('compresses each file once and answers the same bytes after', () => {
    expect(assetResponse(file, 'br')?.body).toBe(assetResponse(file, 'br')?.body);
  });

  it.each(['form.js', 'site.css', 'form.00000000.js', 'form.0664636.js', '../form.js', '', 'form.js.map', 'FORM.' + file.split('.')[1] + '.js'])(
    'knows no asset %p',
    (name) => {
      expect(assetResponse(name, 'br')).toBeUndefined();
    },
  );
});

describe('pages handler, GET /assets/{asset}', () => {
  let makePagesHandler: typeof import('../../functions/pages/handler').makeHandler;
  beforeAll(async () => {
    Object.assign(process.env, {
      REQUESTS_TABLE: 'r', REGISTER_TABLE: 'g', EXPORTS_BUCKET: 'b', PUBLIC_BASE_URL: 'https://privacy.example.fi',
      HMAC_KEY: 'h'.repeat(32), SEAL_KMS_KEY_ID: 'alias/unused',
    });
    ({ makeHandler: makePagesHandler } = await import('../../functions/pages/handler'));
  });
  const get = async (asset: string, headers: Record<string, string> = {}) =>
    makePagesHandler({ config: { controller: wellflix, verifyLinkHours: 72, publicBaseUrl: 'https://privacy.example.fi' } })(
      { routeKey: 'GET /assets/{asset}', rawPath: `/assets/${asset}`, headers, pathParameters: { asset }, requestContext: { http: { method: 'GET' } }, isBase64Encoded: false } as unknown as APIGatewayProxyEventV2,
      {} as Context,
    ) as Promise<{ statusCode: number; headers: Record<string, string>; body: string; isBase64Encoded?: boolean }>;

  it('answers a hashed name, compressed, immutable, with the security headers', async () => {
    const css = BUILT_ASSETS['site.css'];
    const res = await get(css.file, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('accept-encoding');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.isBase64Encoded).toBe(true);
    expect(brotliDecompressSync(Buffer.from(res.body, 'base64')).toString('utf8')).toBe(css.body);
  });

  it('answers an unknown name, an old hash or the unhashed name with a 404 page that is not cached', async () => {
    for (const asset of ['nope.css', 'site.css', 'site.deadbeef.css', 'console.js']) {
      const res = await get(asset, { 'accept-encoding': 'br' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-encoding']).toBeUndefined();
    }
  });
});
