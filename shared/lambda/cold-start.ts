import { needsSecrets, resolveSecrets, type Env, type SecretReader } from '../adapters/secrets';

/**
 * Builds a Lambda handler once per cold start, from the environment with its secrets filled in.
 *
 * The bundles are CommonJS (no top-level await), so when a secret must be read the read starts
 * while the module loads (Lambda's init phase) and the first invocation awaits it; the config is
 * checked (loadConfig) before any request is looked at. Without a secret to read (the local stack
 * and the tests set HMAC_KEY) the handler is built at once, so a bad configuration still throws
 * at import. A failed read is tried again by the next invocation rather than kept forever.
 *
 *   export const handler = atColdStart((env) => makeHandler(wire(loadConfig(env))));
 */
export type { Env };

export const atColdStart = <A extends unknown[], R>(
  build: (env: Env) => (...args: A) => Promise<R>,
  env: Env = process.env,
  read?: SecretReader,
): ((...args: A) => Promise<R>) => {
  if (!needsSecrets(env)) return build(env);
  const start = () => resolveSecrets(env, read).then(build);
  let ready = start();
  // Seen by the invocation that awaits it; without this an early failure is an unhandled rejection.
  ready.catch(() => undefined);
  return async (...args: A) => {
    let handler: (...args: A) => Promise<R>;
    try {
      handler = await ready;
    } catch (err) {
      ready = start();
      ready.catch(() => undefined);
      throw err;
    }
    return handler(...args);
  };
};
