import { loadConfig } from '../config';
import { localEnv } from './app';
import { localEndpoints, localSettings } from './ports';
import { runRetentionOnce } from './retention-runner';

/** `npm run retention -- --now ISO_TIME`: one run against the local stack; the JSON summary is the last line. */
const main = async () => {
  const i = process.argv.indexOf('--now');
  const raw = i >= 0 ? process.argv[i + 1] : new Date().toISOString();
  const now = new Date(raw ?? '');
  if (Number.isNaN(now.getTime())) throw new Error('Usage: npm run retention -- --now ISO_TIME');
  const s = localSettings();
  const cfg = loadConfig(localEnv({ port: s.port, dataDir: s.dataDir, endpoints: localEndpoints(s) }));
  const summary = await runRetentionOnce(cfg, now);
  console.log(JSON.stringify(summary));
};

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
