import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The local stack's secrets, made on first run and kept in the data directory (never in git):
 * the email HMAC key, the seal's signing key and the staff token issuer's key. In AWS these are a
 * Secrets Manager secret, a KMS key and Cognito.
 */
export interface LocalSecrets { hmacKey: string; sealKeyPem: string; staffKeyPem: string }

const ecPem = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export const ensureLocalSecrets = (dataDir: string): LocalSecrets => {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets: LocalSecrets = { hmacKey: randomBytes(32).toString('hex'), sealKeyPem: ecPem(), staffKeyPem: ecPem() };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
};
