import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { Config } from '../config';
import { baseClientConfig } from './clients';

/**
 * S3 client settings. The local emulator (s3rver) wants path-style addresses, and stores streamed
 * uploads corrupted unless checksums are only computed when an operation requires them. In a file
 * of its own so that functions which only probe or presign do not bundle the upload machinery.
 */
export const s3ClientConfig = (cfg: Config): S3ClientConfig => ({
  ...baseClientConfig(cfg, cfg.endpoints.s3),
  ...(cfg.endpoints.s3 ? { forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
});
