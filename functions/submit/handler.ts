import { loadConfig } from '../../shared/config';
import { RequestInputSchema, toRequestInput } from '../../shared/domain/request-input.schema';
import { systemClock } from '../../shared/domain/ports';
import { httpHandler, parseOr400 } from '../../shared/http/edge';
import { clientInfo } from '../../shared/http/event';
import { json } from '../../shared/http/responses';
import { makeLogger } from '../../shared/logger';
import { submitRequest, type IntakeDeps } from '../../shared/services/intake';
import { wireStores } from '../../shared/wiring';

const logger = makeLogger('submit');

/** POST /requests: validate, store, answer 202 the same way whether or not the address is known. */
export const makeHandler = (deps: IntakeDeps) =>
  httpHandler(
    async (event) => {
      const input = toRequestInput(parseOr400(RequestInputSchema, event.body));
      const out = await submitRequest(deps, input, clientInfo(event));
      logger.info('request filed', { requestId: out.requestId, type: input.type });
      return json(202, out);
    },
    { logger, jsonBody: true },
  );

const wire = (): IntakeDeps => {
  const cfg = loadConfig(process.env);
  return { requests: wireStores(cfg).requests, clock: systemClock, hmacKey: cfg.hmacKey };
};
export const handler = makeHandler(wire());
