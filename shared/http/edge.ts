import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import { errorFacts, type Logger } from '../logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { DomainError } from '../domain/errors';
import { LIMITS } from '../domain/limits';
import { errorBody, json, type HttpResult } from './responses';
import { securityHeaders } from './security-headers';

/** API Gateway v2 event, with a body the JSON parser may already have turned into a value. */
export type HttpEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body?: unknown };
export type HttpFn = (event: HttpEvent, context: Context) => Promise<HttpResult>;

export const MAX_BODY_BYTES = LIMITS.bodyBytes;

const bodyBytes = (event: HttpEvent): number =>
  typeof event.body !== 'string' ? 0 : event.isBase64Encoded ? Buffer.from(event.body, 'base64').length : Buffer.byteLength(event.body, 'utf8');

/** Maps anything thrown to the contract's error shape; anything not meant to be shown is a bare 500. */
export const toErrorResponse = (err: unknown, logger: Logger): HttpResult => {
  if (err instanceof DomainError) return json(err.status, errorBody(err.code, err.message, err.issues), err.headers);
  const e = err as { statusCode?: number; message?: string; name?: string };
  // @middy/http-json-body-parser answers 415 for both a wrong type and malformed JSON; the contract says 400 for the latter.
  if (e.statusCode === 415 && /malformed/i.test(e.message ?? '')) return json(400, errorBody('malformed_json', 'The body is not valid JSON'));
  if (e.statusCode === 415) return json(415, errorBody('unsupported_media_type', 'Send the body as application/json'));
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return json(e.statusCode, errorBody('bad_request', 'The request is not valid'));
  // Never the event, body, cause or message, which may carry personal data.
  logger.error('unhandled error', errorFacts(err));
  return json(500, errorBody('internal_error', 'Something went wrong on our side; please try again later'));
};

interface EdgeOptions { logger: Logger; jsonBody?: boolean }

/**
 * The middleware chain every HTTP handler shares: header normalisation, a 16 KiB body limit (413),
 * JSON parsing (415/400), error mapping, and security headers on every answer, errors included.
 */
export const httpHandler = (fn: HttpFn, { logger, jsonBody = false }: EdgeOptions) => {
  const withHeaders = (res: HttpResult): HttpResult => {
    const headers = { ...(res.headers ?? {}) } as Record<string, string>;
    return { ...res, headers: { ...securityHeaders(headers['content-type']), ...headers } };
  };
  const chain = middy<HttpEvent, HttpResult>(fn)
    .use({
      before: (request) => {
        if (bodyBytes(request.event) > MAX_BODY_BYTES) throw new DomainError(413, 'payload_too_large', 'The body is larger than 16 KiB');
      },
    })
    .use(httpHeaderNormalizer());
  if (jsonBody) chain.use(httpJsonBodyParser({ disableContentTypeError: false }) as middy.MiddlewareObj<HttpEvent, HttpResult>);
  return async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    try {
      return withHeaders(await chain(event, context));
    } catch (err) {
      return withHeaders(toErrorResponse(err, logger));
    }
  };
};

type Issue = { path: ReadonlyArray<PropertyKey>; code: string; message: string };

/** Validates a parsed body with a zod schema, or answers 400 with the issues (paths and codes, never values). */
export const parseOr400 = <T>(schema: z.ZodMiniType<T>, body: unknown): T => {
  const res = schema.safeParse(body);
  if (res.success) return res.data;
  const issues: Issue[] = res.error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: i.code,
    message: i.message,
    ...('keys' in i && Array.isArray(i.keys) ? { keys: i.keys.slice(0, 10).map((k) => String(k).slice(0, 64)) } : {}),
  }));
  throw new DomainError(400, 'validation_failed', 'The request is not valid', issues);
};
