import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadConfig, type Config } from '../../shared/config';
import { baseClientConfig } from '../../shared/adapters/clients';
import { s3ClientConfig } from '../../shared/adapters/s3-client';
import { sesClient } from '../../shared/adapters/ses-mailer';
import { httpHandler } from '../../shared/http/edge';
import { json } from '../../shared/http/responses';
import { makeLogger } from '../../shared/logger';

const logger = makeLogger('health');

export type Probe = () => Promise<unknown>;

/** GET /health: 200 when every part answers, 503 naming the parts that do not (no internals). */
export const makeHandler = (probes: Record<string, Probe>, timeoutMs = 2000) =>
  httpHandler(
    async () => {
      const results = await Promise.all(
        Object.entries(probes).map(async ([name, probe]) => {
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)));
          try {
            await Promise.race([probe(), timeout]);
            return [name, 'up'] as const;
          } catch {
            return [name, 'down'] as const;
          } finally {
            clearTimeout(timer);
          }
        }),
      );
      const parts = Object.fromEntries(results);
      const up = results.every(([, s]) => s === 'up');
      if (!up) logger.warn('health degraded', { parts });
      return json(up ? 200 : 503, { status: up ? 'ok' : 'degraded', parts });
    },
    { logger },
  );

const wire = (cfg: Config): Record<string, Probe> => {
  const ddb = new DynamoDBClient(baseClientConfig(cfg, cfg.endpoints.dynamodb));
  const s3 = new S3Client(s3ClientConfig(cfg));
  const ses = sesClient(cfg);
  return {
    requests: () => ddb.send(new DescribeTableCommand({ TableName: cfg.tables.requests })),
    register: () => ddb.send(new DescribeTableCommand({ TableName: cfg.tables.register })),
    exports: () => s3.send(new HeadBucketCommand({ Bucket: cfg.exportsBucket })),
    mail: () => ses.send(new GetAccountCommand({})),
  };
};
export const handler = makeHandler(wire(loadConfig(process.env)));
