import { loadConfig } from '../../shared/config';
import { RequestInputSchema, toRequestInput } from '../../shared/domain/request-input.schema';
import { DomainError } from '../../shared/domain/errors';
import { httpHandler, parseOr400, type HttpEvent } from '../../shared/http/edge';
import { clientInfo } from '../../shared/http/event';
import { json } from '../../shared/http/responses';
import { makeLogger } from '../../shared/logger';
import { submitRequest, type IntakeDeps } from '../../shared/services/intake';
import { wireIntake } from '../../shared/wiring';
import { atColdStart } from '../../shared/lambda/cold-start';

const logger = makeLogger('submit');

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;
/** A client retry with the same Idempotency-Key gets the same answer and files one request. */
const idempotencyKey = (event: HttpEvent): string | undefined => {
  const key = event.headers?.['idempotency-key'];
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) throw new DomainError(400, 'invalid_idempotency_key', 'Idempotency-Key is 1 to 128 letters, digits or _.:-');
  return key;
};

/** POST /requests: validate, store, answer 202 the same way whether or not the address is known. */
export const makeHandler = (deps: IntakeDeps) =>
  httpHandler(
    async (event) => {
      const input = toRequestInput(parseOr400(RequestInputSchema, event.body));
      const out = await submitRequest(deps, input, clientInfo(event), idempotencyKey(event));
      logger.info('request filed', { requestId: out.requestId, type: input.type });
      return json(202, out);
    },
    { logger, jsonBody: true },
  );

export const handler = atColdStart((env) => makeHandler(wireIntake(loadConfig(env))));
