import { loadConfig } from '../../shared/config';
import { VerifyInputSchema } from '../../shared/domain/verify-input.schema';
import { httpHandler, parseOr400 } from '../../shared/http/edge';
import { clientInfo } from '../../shared/http/event';
import { json } from '../../shared/http/responses';
import { makeLogger } from '../../shared/logger';
import { verifyRequest, type IntakeDeps } from '../../shared/services/intake';
import { wireIntake } from '../../shared/wiring';
import { atColdStart } from '../../shared/lambda/cold-start';

const logger = makeLogger('verify');

/** POST /requests/verify: the subject confirms with the mailed token; the token is spent here, never by a GET. */
export const makeHandler = (deps: IntakeDeps) =>
  httpHandler(
    async (event) => {
      const { token } = parseOr400(VerifyInputSchema, event.body);
      const out = await verifyRequest(deps, token, clientInfo(event));
      logger.info('request verified', { requestId: out.requestId });
      return json(200, out);
    },
    { logger, jsonBody: true },
  );

export const handler = atColdStart((env) => makeHandler(wireIntake(loadConfig(env))));
