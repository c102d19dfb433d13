import { resolve } from 'node:path';
import * as z from 'zod/mini';

/** The local stack's own settings (CONTRACT.md): ports and the data directory, each with its default. */
const port = (fallback: number) => z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(65535)), fallback);
const LocalSchema = z.object({
  PORT: port(3000),
  DYNAMODB_PORT: port(8000),
  S3_PORT: port(4569),
  SES_PORT: port(8005),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), '.local'),
});

export interface LocalSettings { port: number; dynamodbPort: number; s3Port: number; sesPort: number; dataDir: string }

export const localSettings = (env: Record<string, string | undefined> = process.env): LocalSettings => {
  const parsed = LocalSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid local settings: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const e = parsed.data;
  return { port: e.PORT, dynamodbPort: e.DYNAMODB_PORT, s3Port: e.S3_PORT, sesPort: e.SES_PORT, dataDir: resolve(e.DATA_DIR) };
};

export const localEndpoints = (s: LocalSettings) => ({
  dynamodb: `http://127.0.0.1:${s.dynamodbPort}`,
  s3: `http://127.0.0.1:${s.s3Port}`,
  ses: `http://127.0.0.1:${s.sesPort}`,
});
