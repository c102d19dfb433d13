import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { baseClientConfig } from '../../shared/adapters/clients';
import { dynamoHeartbeat, withHeartbeat } from '../../shared/adapters/heartbeat';
import { atColdStart } from '../../shared/lambda/cold-start';
import { loadConfig } from '../../shared/config';
import { makeLogger } from '../../shared/logger';
import { overdueMetric, runRetention, type RetentionDeps } from '../../shared/services/retention';
import { wireRetention } from '../../shared/wiring-retention';

const logger = makeLogger('retention');

/** Leave this much of Lambda's time for the last item and the summary. */
const MARGIN_MS = 60_000;

/** The daily EventBridge Scheduler run. An incomplete run is continued by the next (see runRetention). */
export const makeHandler = (deps: RetentionDeps) => async (_event: unknown, context: Context) => {
  const summary = await runRetention(deps, deps.clock.now(), () => context.getRemainingTimeInMillis() < MARGIN_MS);
  logger.info('retention run', { ...summary });
  // The overdue-requests alarm reads this, daily, zero included.
  process.stdout.write(`${overdueMetric(summary.overdue, Date.now())}\n`);
  return summary;
};

// The heartbeat tells GET /admin/health when the schedule last ran to the end.
export const handler = atColdStart((env) => {
  const cfg = loadConfig(env);
  return withHeartbeat(makeHandler(wireRetention(cfg)), dynamoHeartbeat(new DynamoDBClient(baseClientConfig(cfg, cfg.endpoints.dynamodb)), cfg.tables.requests, 'retention'));
});
