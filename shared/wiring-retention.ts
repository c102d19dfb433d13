import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from './config';
import { s3ClientConfig } from './adapters/s3-client';
import { s3ExportCleaner } from './adapters/s3-export-cleaner';
import { systemClock } from './domain/ports';
import type { RetentionDeps } from './services/retention';
import { wireMailer, wireStores } from './wiring';

export const wireRetention = (cfg: Config): RetentionDeps => ({
  ...wireStores(cfg),
  files: s3ExportCleaner(new S3Client(s3ClientConfig(cfg)), cfg.exportsBucket),
  mailer: wireMailer(cfg),
  clock: systemClock,
  config: cfg,
});
