/**
 * Starts the emulators once per jest run (not per worker: DynamoDB Local is a JVM that takes
 * seconds to boot) and hands their endpoints to the workers, which inherit this process.env.
 */
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startDynamo, startS3, startSes, type Emulator } from '../../shared/local/emulators';

export const TEST_EXPORTS_BUCKET = 'dsr-exports-test';

type Handles = { emulators: Emulator[]; s3Dir: string };
// globalSetup and globalTeardown share one global context, so the handles can wait here.
const store = globalThis as typeof globalThis & { __dsrEmulators?: Handles };

export function takeHandles(): Handles | undefined {
  const handles = store.__dsrEmulators;
  delete store.__dsrEmulators;
  return handles;
}

export default async function globalSetup(): Promise<void> {
  const s3Dir = await mkdtemp(join(tmpdir(), 'dsr-s3-'));
  // If jest dies before globalTeardown (e.g. its output pipe closes), still leave no temp dir.
  process.once('exit', () => rmSync(s3Dir, { recursive: true, force: true }));
  const [dynamoPort, s3Port, sesPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const started = await Promise.allSettled([
    startDynamo({ port: dynamoPort }),
    startS3({ port: s3Port, directory: s3Dir, buckets: [TEST_EXPORTS_BUCKET] }),
    startSes({ port: sesPort }),
  ]);
  const emulators = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  store.__dsrEmulators = { emulators, s3Dir };
  const failure = started.find((r) => r.status === 'rejected');
  if (failure !== undefined) {
    // jest skips globalTeardown when globalSetup throws, so clean up here.
    const { default: teardown } = await import('./global-teardown');
    await teardown();
    throw failure.reason;
  }
  const [dynamo, s3, ses] = emulators as [Emulator, Emulator, Emulator];
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TEST_S3_ENDPOINT = s3.endpoint;
  process.env.TEST_SES_ENDPOINT = ses.endpoint;
  process.env.TEST_SES_PORT = String(ses.port);
  process.env.TEST_EXPORTS_BUCKET = TEST_EXPORTS_BUCKET;
}
