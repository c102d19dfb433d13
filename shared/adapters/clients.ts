import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config';

/**
 * SDK clients built once per cold start. In AWS only the region is set; the local stack adds
 * emulator endpoints and dummy credentials through configuration, nothing else.
 */
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export const baseClientConfig = (cfg: Config, endpoint: string | undefined) => ({
  region: cfg.region,
  maxAttempts: 5,
  ...(endpoint ? { endpoint, credentials: localCredentials } : {}),
});

export const documentClient = (cfg: Config): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient(baseClientConfig(cfg, cfg.endpoints.dynamodb)), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
