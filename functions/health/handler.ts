import { loadConfig } from '../../shared/config';
import { atColdStart } from '../../shared/lambda/cold-start';
import { makeHandler, wire } from './health';

/** The function's entry; the checks and the answers are in health.ts, which tests import without an environment. */
export const handler = atColdStart((env) => {
  const cfg = loadConfig(env);
  return makeHandler(wire(cfg), { cacheSeconds: cfg.health.cacheSeconds });
});
