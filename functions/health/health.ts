import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Config } from '../../shared/config';
import { baseClientConfig } from '../../shared/adapters/clients';
import { bucketCheck, deadLetterCheck, mailCheck, scheduleCheck, tableCheck, type Check, type PartResult } from '../../shared/adapters/health-checks';
import { dynamoHeartbeat } from '../../shared/adapters/heartbeat';
import { s3ClientConfig } from '../../shared/adapters/s3-client';
import { sesClient } from '../../shared/adapters/ses-mailer';
import { DomainError } from '../../shared/domain/errors';
import { httpHandler } from '../../shared/http/edge';
import { requireRole } from '../../shared/http/event';
import { json } from '../../shared/http/responses';
import { makeLogger } from '../../shared/logger';

const logger = makeLogger('health');

export interface HealthReport { up: boolean; checkedAt: string; parts: Record<string, PartResult> }

/** A degraded answer is reused briefly only, so a recovery shows within seconds. */
const DEGRADED_CACHE_SECONDS = 5;

/** Runs every check at once, each bounded by `timeoutMs`; a check that throws or times out is `down`. */
export const runChecks = async (checks: Record<string, Check>, timeoutMs: number, now: () => Date): Promise<HealthReport> => {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, PartResult]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)));
      try {
        return [name, await Promise.race([check(), timeout])];
      } catch (err) {
        // The error's name only (AccessDenied, timeout...): its message can carry resource names or values.
        return [name, { status: 'down', detail: (err as Error).message === 'timeout' ? 'no answer in time' : `error ${(err as Error).name}` }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { up: results.every(([, r]) => r.status === 'up'), checkedAt: now().toISOString(), parts: Object.fromEntries(results) };
};

export interface HealthOptions { cacheSeconds: number; timeoutMs?: number; now?: () => Date }

/**
 * GET /health (public): 200 `{status:"ok"}` when every part is up, else 503 `{status:"degraded"}`,
 * nothing more. GET /admin/health (staff): the same status with each part and why. One answer
 * serves both for `cacheSeconds` (a minute in AWS), so probing it costs a handful of calls a minute.
 */
export const makeHandler = (checks: Record<string, Check>, { cacheSeconds, timeoutMs = 2000, now = () => new Date() }: HealthOptions) => {
  let cached: { report: HealthReport; until: number } | undefined;
  const report = async (): Promise<HealthReport> => {
    const t = now().getTime();
    if (cached && t < cached.until) return cached.report;
    const fresh = await runChecks(checks, timeoutMs, now);
    if (!fresh.up) logger.warn('health degraded', { down: Object.keys(fresh.parts).filter((p) => fresh.parts[p]?.status !== 'up') });
    cached = { report: fresh, until: t + 1000 * (fresh.up ? cacheSeconds : Math.min(cacheSeconds, DEGRADED_CACHE_SECONDS)) };
    return fresh;
  };
  return httpHandler(
    async (event) => {
      const status = (r: HealthReport) => (r.up ? 'ok' : 'degraded');
      const noStore = { 'cache-control': 'no-store' };
      switch (event.routeKey) {
        case 'GET /health': {
          const r = await report();
          return json(r.up ? 200 : 503, { status: status(r) }, noStore);
        }
        case 'GET /admin/health': {
          requireRole(event, 'viewer');
          const r = await report();
          return json(r.up ? 200 : 503, { status: status(r), checkedAt: r.checkedAt, parts: r.parts }, noStore);
        }
        default:
          throw new DomainError(404, 'not_found', 'No such route');
      }
    },
    { logger },
  );
};

/** The checks this deployment has: tables, bucket and mail always; DLQs and the schedule only where configured (AWS). */
export const wire = (cfg: Config): Record<string, Check> => {
  const ddb = new DynamoDBClient(baseClientConfig(cfg, cfg.endpoints.dynamodb));
  const checks: Record<string, Check> = {
    requests: tableCheck(ddb, cfg.tables.requests),
    register: tableCheck(ddb, cfg.tables.register),
    exports: bucketCheck(new S3Client(s3ClientConfig(cfg)), cfg.exportsBucket),
    mail: mailCheck(sesClient(cfg), cfg.health.requireSesProduction),
  };
  if (cfg.health.deadLetterQueues.length > 0) {
    const sqs = new SQSClient(baseClientConfig(cfg, undefined));
    for (const q of cfg.health.deadLetterQueues) checks[`dlq-${q.name}`] = deadLetterCheck(sqs, q.url);
  }
  if (cfg.health.scheduleMaxAgeHours !== undefined) {
    checks.schedule = scheduleCheck(dynamoHeartbeat(ddb, cfg.tables.requests, 'retention'), cfg.health.scheduleMaxAgeHours);
  }
  return checks;
};
