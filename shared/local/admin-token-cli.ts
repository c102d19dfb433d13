import { loadConfig } from '../config';
import { STAFF_ROLES, type StaffRole } from '../domain/staff';
import { localEnv } from './app';
import { issueStaffToken } from './auth';
import { localEndpoints, localSettings } from './ports';
import { ensureLocalSecrets } from './secrets';

const USAGE = 'Usage: npm run admin-token [-- --email ADDRESS] [--role viewer|decider]';

const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(USAGE);
  return v;
};

/**
 * `npm run admin-token [-- --email ADDRESS] [--role viewer|decider]`: a staff bearer token for the
 * local stack, as the last line. The role (default `decider`) is carried as Cognito carries it:
 * the group `dsr-viewer` or `dsr-decider` in `cognito:groups`.
 */
const main = async () => {
  const s = localSettings();
  const cfg = loadConfig(localEnv({ port: s.port, dataDir: s.dataDir, endpoints: localEndpoints(s) }));
  const email = option('--email') ?? cfg.controller.contactPerson.email;
  const role = option('--role') ?? 'decider';
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(USAGE);
  if (!(STAFF_ROLES as readonly string[]).includes(role)) throw new Error(USAGE);
  console.log(`Staff token for ${email}, role ${role} (valid 8 hours):`);
  console.log(await issueStaffToken(ensureLocalSecrets(s.dataDir).staffKeyPem, email, { role: role as StaffRole }));
};

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
