import { resolve } from 'node:path';
import { loadConfig } from '../config';
import { wireStores } from '../wiring';
import { localEnv } from './app';
import { localEndpoints, localSettings } from './ports';
import { readRegisterFile, seedRegister } from './register-file';

/** `npm run seed -- FILE`: merges a register file into the running local stack's register, by customerId. */
const main = async () => {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: npm run seed -- FILE');
  const s = localSettings();
  const cfg = loadConfig(localEnv({ port: s.port, dataDir: s.dataDir, endpoints: localEndpoints(s) }));
  const customers = readRegisterFile(resolve(process.cwd(), file));
  const n = await seedRegister(wireStores(cfg).register, customers, cfg.hmacKey, cfg.controller.retentionYears);
  console.log(JSON.stringify({ loaded: n }));
};

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
