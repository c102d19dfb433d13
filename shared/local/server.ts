import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { routes, type FunctionName, type Route } from '../../functions/routes';
import type { HttpEvent } from '../http/edge';
import type { HttpResult } from '../http/responses';
import { errorBody } from '../http/responses';
import { securityHeaders } from '../http/security-headers';

/**
 * Serves the route table locally: each HTTP request becomes an API Gateway v2 (payload 2.0) event
 * for the very handler Lambda would run. Staff routes get the JWT check API Gateway's authorizer
 * would do. Unknown routes answer 404 as API Gateway does.
 */
export type LambdaHttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

export interface ServerOptions {
  port: number;
  host?: string;
  handlers: Record<FunctionName, LambdaHttpHandler>;
  verifyStaff: (authorization: string | undefined) => Promise<JWTPayload | undefined>;
}

// API Gateway accepts up to 10 MB; reading stops well before, the handlers' own 16 KiB limit answers 413.
const MAX_READ = 1024 * 1024;

interface CompiledRoute { route: Route; regex: RegExp; params: string[] }
const compile = (route: Route): CompiledRoute => {
  const params: string[] = [];
  const pattern = route.path
    .split('/')
    .map((seg) => {
      const m = /^\{(\w+)\}$/.exec(seg);
      if (!m?.[1]) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(m[1]);
      return '([^/]+)';
    })
    .join('/');
  return { route, regex: new RegExp(`^${pattern}$`), params };
};
const compiled = routes.map(compile);

export const matchRoute = (method: string, path: string) => {
  for (const c of compiled) {
    if (c.route.method !== method) continue;
    const m = c.regex.exec(path);
    if (!m) continue;
    const pathParameters: Record<string, string> = {};
    let bad = false;
    c.params.forEach((p, i) => {
      try {
        pathParameters[p] = decodeURIComponent(m[i + 1] ?? '');
      } catch {
        bad = true;
      }
    });
    if (!bad) return { route: c.route, pathParameters };
  }
  return undefined;
};

const readBody = (req: IncomingMessage): Promise<Buffer | 'too_large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_READ) {
        resolve('too_large');
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const lambdaContext = (fn: string): Context =>
  ({
    functionName: fn,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${fn}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context;

export const toEvent = (
  req: IncomingMessage,
  url: URL,
  route: Route,
  pathParameters: Record<string, string>,
  body: Buffer,
  claims: JWTPayload | undefined,
): APIGatewayProxyEventV2 => {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    if (k === 'cookie') cookies.push(...String(v).split(/;\s*/));
    else headers[k] = Array.isArray(v) ? v.join(',') : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] !== undefined ? `${query[k]},${v}` : v;
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  const isText = body.length === 0 || !/[^\t\n\r\x20-\x7e\x80-\uffff]/.test(body.toString('utf8'));
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(url.searchParams.size ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims: claims as Record<string, string>, scopes: [] } } } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
};

const send = (res: ServerResponse, result: HttpResult) => {
  const headers = { ...(result.headers ?? {}) } as Record<string, string | number | boolean>;
  res.statusCode = result.statusCode ?? 200;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, String(v));
  if (result.cookies?.length) res.setHeader('set-cookie', result.cookies);
  const body = result.body ?? '';
  res.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
};

const gatewayError = (status: number, code: string, message: string): HttpResult => ({
  statusCode: status,
  headers: { ...securityHeaders('application/json'), 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(errorBody(code, message)),
});

export const startServer = async (opts: ServerOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> => {
  const host = opts.host ?? '127.0.0.1';
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', `http://${host}`);
      // API Gateway's route matching ignores one trailing slash on the console path.
      const path = url.pathname === '/admin/' ? '/admin' : url.pathname;
      const match = matchRoute(req.method ?? 'GET', path);
      if (!match) {
        await readBody(req);
        return send(res, gatewayError(404, 'not_found', 'No such route'));
      }
      const body = await readBody(req);
      if (body === 'too_large') return send(res, gatewayError(413, 'payload_too_large', 'The body is too large'));
      let claims: JWTPayload | undefined;
      if (match.route.auth === 'staff') {
        claims = await opts.verifyStaff(req.headers.authorization);
        if (!claims) return send(res, gatewayError(401, 'unauthorized', 'Sign in as staff'));
      }
      const event = toEvent(req, url, match.route, match.pathParameters, body, claims);
      const result = await opts.handlers[match.route.fn](event as HttpEvent, lambdaContext(match.route.fn));
      send(res, result);
    } catch (err) {
      console.error('local server: handler crashed:', (err as Error).name);
      if (!res.headersSent) send(res, gatewayError(500, 'internal_error', 'Internal Server Error'));
    }
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    server,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
