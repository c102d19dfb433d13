import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { loadConfig } from '../../shared/config';
import { systemClock } from '../../shared/domain/ports';
import { errorFacts, makeLogger } from '../../shared/logger';
import { reconcile, type ProcessorDeps } from '../../shared/services/processor';
import { flows } from '../../shared/services/flows';
import { S3Client } from '@aws-sdk/client-s3';
import { s3ClientConfig, s3ExportFiles } from '../../shared/adapters/s3-exports';
import { wireMailer, wireSigner, wireStores } from '../../shared/wiring';
import { atColdStart, type Env } from '../../shared/lambda/cold-start';

const logger = makeLogger('processor');

/**
 * Fed by the requests table's stream. Each record only names a request; the work is chosen from
 * the request's current state, so duplicates and redeliveries are harmless. On a failure the rest
 * of the batch is handed back (ReportBatchItemFailures) and retried in order.
 */
export const makeHandler = (deps: ProcessorDeps) => async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const reconciled = new Set<string>();
  for (const record of event.Records) {
    const pk = record.dynamodb?.Keys?.pk?.S;
    const sk = record.dynamodb?.Keys?.sk?.S;
    if (sk !== 'REQUEST' || !pk?.startsWith('REQ#') || record.eventName === 'REMOVE') continue;
    const requestId = pk.slice(4);
    if (reconciled.has(requestId)) continue;
    try {
      await reconcile(deps, requestId);
      reconciled.add(requestId);
    } catch (err) {
      logger.warn('request work failed; will retry', { requestId, ...errorFacts(err) });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};

const wire = (env: Env): ProcessorDeps => {
  const cfg = loadConfig(env);
  return {
    ...wireStores(cfg),
    mailer: wireMailer(cfg),
    signer: wireSigner(cfg),
    clock: systemClock,
    config: cfg,
    logger,
    ...flows(s3ExportFiles(new S3Client(s3ClientConfig(cfg)), cfg.exportsBucket)),
  };
};
export const handler = atColdStart((env) => makeHandler(wire(env)));
