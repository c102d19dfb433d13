import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export type Env = Record<string, string | undefined>;

/** Reads one secret's text; the client is injected (tests pass a mocked one). */
export type SecretReader = (secretId: string) => Promise<string>;

export const secretsManagerReader =
  (client: SecretsManagerClient): SecretReader =>
  async (secretId) => {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (typeof out.SecretString !== 'string' || out.SecretString === '') throw new Error('The secret holds no text');
    return out.SecretString;
  };

/** Environment variables whose value AWS keeps in Secrets Manager: `HMAC_KEY` comes from the secret `HMAC_SECRET_ARN` names. */
const SECRET_VARIABLES = [{ variable: 'HMAC_KEY', arnVariable: 'HMAC_SECRET_ARN' }] as const;

/** True when the environment names a secret whose value it does not carry yet (AWS), false locally and in tests. */
export const needsSecrets = (env: Env): boolean => SECRET_VARIABLES.some((s) => !env[s.variable] && env[s.arnVariable]);

/**
 * The environment with every secret filled in from Secrets Manager, read once per cold start. A
 * value already present (the local stack and the tests set HMAC_KEY) is kept and nothing is read,
 * so only AWS pays the call. The value never enters `process.env`.
 */
export const resolveSecrets = async (env: Env, read?: SecretReader): Promise<Env> => {
  if (!needsSecrets(env)) return env;
  const reader = read ?? secretsManagerReader(new SecretsManagerClient({ region: env.AWS_REGION, maxAttempts: 5 }));
  const out: Env = { ...env };
  for (const { variable, arnVariable } of SECRET_VARIABLES) {
    const arn = env[arnVariable];
    if (!out[variable] && arn) out[variable] = await reader(arn);
  }
  return out;
};
