import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp } from './app';
import { startDynamo, startS3, startSes, type Emulator } from './emulators';
import { localEndpoints, localSettings } from './ports';
import { readRegisterFile, seedRegister } from './register-file';
import { runRetentionOnce } from './retention-runner';
import { wireStores } from '../wiring';

/**
 * `npm start`: the whole product on this machine. DynamoDB Local (data kept in DATA_DIR), the S3
 * and SES emulators, the route table over HTTP, the stream poller and a daily retention timer.
 */
const main = async () => {
  const s = localSettings();
  mkdirSync(s.dataDir, { recursive: true });
  const emulators: Emulator[] = [];
  const stopAll = async () => {
    for (const e of emulators.reverse()) await e.stop().catch(() => undefined);
  };
  try {
    emulators.push(await startDynamo({ port: s.dynamodbPort, dataDir: join(s.dataDir, 'dynamodb') }));
    emulators.push(await startS3({ port: s.s3Port, directory: join(s.dataDir, 's3'), buckets: ['dsr-exports'] }));
    emulators.push(await startSes({ port: s.sesPort }));
  } catch (err) {
    await stopAll();
    throw err;
  }
  const app = await startApp({ port: s.port, dataDir: s.dataDir, endpoints: localEndpoints(s) });

  const seededMarker = join(s.dataDir, '.seeded');
  if (!existsSync(seededMarker)) {
    const n = await seedRegister(
      wireStores(app.config).register,
      readRegisterFile(join(__dirname, 'seed', 'wellflix-register.json')),
      app.config.hmacKey,
      app.config.controller.retentionYears,
    );
    writeFileSync(seededMarker, new Date().toISOString());
    console.log(`Loaded the fictional Wellflix register (${n} customers).`);
  }

  const day = 24 * 3600 * 1000;
  const timer = setInterval(() => {
    runRetentionOnce(app.config, new Date()).catch((err: unknown) => console.error('retention run failed:', (err as Error).message));
  }, day);

  console.log('');
  console.log(`  Request form:   ${app.url}/`);
  console.log(`  Staff console:  ${app.url}/admin/   (token: npm run admin-token)`);
  console.log(`  Mailbox:        http://127.0.0.1:${s.sesPort}/   (JSON: /store)`);
  console.log(`  Health:         ${app.url}/health`);
  console.log(`  Data kept in:   ${s.dataDir}`);
  console.log('Ready. Ctrl-C stops everything.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    clearInterval(timer);
    await app.stop();
    await stopAll();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
};

main().catch((err) => {
  console.error(`Could not start: ${(err as Error).message}`);
  process.exit(1);
});
