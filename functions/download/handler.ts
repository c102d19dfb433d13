import { S3Client } from '@aws-sdk/client-s3';
import { loadConfig, type Config } from '../../shared/config';
import { s3ClientConfig } from '../../shared/adapters/s3-client';
import { s3ExportLinks } from '../../shared/adapters/s3-export-links';
import { systemClock, type Clock, type ExportLinks, type RateLimiter, type RequestStore } from '../../shared/domain/ports';
import { hashToken } from '../../shared/domain/token';
import { httpHandler } from '../../shared/http/edge';
import { clientInfo, language } from '../../shared/http/event';
import { limitTokenTries, type IntakeDeps } from '../../shared/services/intake';
import { expiredLinkPage } from '../../shared/http/pages/message';
import { errorBody, html, json, redirect } from '../../shared/http/responses';
import { makeLogger } from '../../shared/logger';
import { wireIntake } from '../../shared/wiring';
import { atColdStart, type Env } from '../../shared/lambda/cold-start';

const logger = makeLogger('download');

export interface DownloadDeps {
  requests: RequestStore;
  limiter: RateLimiter;
  limits: IntakeDeps['limits'];
  /** Keys the per-IP counter of link tries: no counter holds an IP. */
  hmacKey: string;
  links: ExportLinks;
  clock: Clock;
  config: Pick<Config, 'controller' | 'presignSeconds'>;
}

const ID = /^[a-f0-9]{32}$/;
const FILE = /^[a-z]+\.[a-z]+$/;

/**
 * GET /exports/{exportId}?token=T[&file=orders.csv]: the mailed link points here, not at S3, so its
 * lifetime and revocation are ours. Each use answers 302 to a fresh presigned URL that lives
 * minutes. GET never spends the token: the link works until it expires.
 */
export const makeHandler = (deps: DownloadDeps) =>
  httpHandler(
    async (event) => {
      const wantsJson = /application\/json/.test(event.headers?.accept ?? '') && !/text\/html/.test(event.headers?.accept ?? '');
      const fail = (status: 404 | 410, lang: 'fi' | 'en') =>
        wantsJson
          ? json(status, errorBody('invalid_or_expired_token', 'This download link is unknown or has expired'))
          : html(status, expiredLinkPage(deps.config.controller, lang));

      await limitTokenTries(deps, 'download', clientInfo(event).ip);
      const exportId = event.pathParameters?.exportId ?? '';
      const token = event.queryStringParameters?.token ?? '';
      const file = event.queryStringParameters?.file ?? 'data.json';
      if (!ID.test(exportId) || !token || token.length > 200 || !FILE.test(file)) return fail(404, language(event));

      const t = await deps.requests.getToken(hashToken(token));
      const lang = t?.language ?? language(event);
      if (!t || t.purpose !== 'export' || t.exportId !== exportId || t.revokedAt) return fail(404, lang);
      if (t.expiresAt <= deps.clock.now().toISOString()) return fail(410, lang);
      const e = await deps.requests.getExport(t.requestId, exportId);
      if (!e || e.deletedAt) return fail(410, lang);
      const f = e.files.find((x) => x.name === file);
      if (!f) return fail(404, lang);

      const url = await deps.links.presign(f.key, `${deps.config.controller.name}-${f.name}`, f.contentType, deps.config.presignSeconds);
      logger.info('export downloaded', { requestId: t.requestId, exportId, file: f.name });
      return redirect(url);
    },
    { logger },
  );

const wire = (env: Env): DownloadDeps => {
  const cfg = loadConfig(env);
  const intake = wireIntake(cfg);
  return {
    requests: intake.requests,
    limiter: intake.limiter,
    limits: intake.limits,
    hmacKey: intake.hmacKey,
    links: s3ExportLinks(new S3Client(s3ClientConfig(cfg)), cfg.exportsBucket),
    clock: systemClock,
    config: cfg,
  };
};
export const handler = atColdStart((env) => makeHandler(wire(env)));
