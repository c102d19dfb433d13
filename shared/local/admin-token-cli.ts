import { loadConfig } from '../config';
import { localEnv } from './app';
import { issueStaffToken } from './auth';
import { localEndpoints, localSettings } from './ports';
import { ensureLocalSecrets } from './secrets';

/** `npm run admin-token [-- --email ADDRESS]`: a staff bearer token for the local stack, as the last line. */
const main = async () => {
  const i = process.argv.indexOf('--email');
  const s = localSettings();
  const cfg = loadConfig(localEnv({ port: s.port, dataDir: s.dataDir, endpoints: localEndpoints(s) }));
  const email = i >= 0 ? process.argv[i + 1] : cfg.controller.contactPerson.email;
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error('Usage: npm run admin-token [-- --email ADDRESS]');
  console.log(`Staff token for ${email} (valid 8 hours):`);
  console.log(await issueStaffToken(ensureLocalSecrets(s.dataDir).staffKeyPem, email));
};

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
