import { loadConfig } from '../../shared/config';
import { DecisionInputSchema } from '../../shared/domain/decision-input.schema';
import { systemClock } from '../../shared/domain/ports';
import { httpHandler, parseOr400 } from '../../shared/http/edge';
import { pathId, requireRole } from '../../shared/http/event';
import { json } from '../../shared/http/responses';
import { makeLogger } from '../../shared/logger';
import { decide, type DecideDeps } from '../../shared/services/decide';
import { wireRequests } from '../../shared/wiring';
import { atColdStart, type Env } from '../../shared/lambda/cold-start';

const logger = makeLogger('decide');

/** POST /admin/requests/{requestId}/decision: records who decided what and when (deciders only); the processor applies it. */
export const makeHandler = (deps: DecideDeps) =>
  httpHandler(
    async (event) => {
      // Checked before anything is read or parsed: a viewer learns nothing from a write.
      const staff = requireRole(event, 'decider');
      const requestId = pathId(event, 'requestId');
      const input = parseOr400(DecisionInputSchema, event.body);
      const out = await decide(deps, requestId, input, staff);
      logger.info('decision recorded', { requestId, decision: input.decision });
      return json(200, out);
    },
    { logger, jsonBody: true },
  );

const wire = (env: Env): DecideDeps => ({ requests: wireRequests(loadConfig(env)), clock: systemClock });
export const handler = atColdStart((env) => makeHandler(wire(env)));
