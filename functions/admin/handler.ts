import { loadConfig } from '../../shared/config';
import { DomainError, notFound } from '../../shared/domain/errors';
import { STATUSES, type RequestStatus } from '../../shared/domain/types';
import { httpHandler } from '../../shared/http/edge';
import { pathId, requireRole } from '../../shared/http/event';
import { json } from '../../shared/http/responses';
import { makeLogger } from '../../shared/logger';
import { describeRequest, listRequests, type AdminDeps } from '../../shared/services/admin';
import { wireReadStores, wireSigner } from '../../shared/wiring';
import { atColdStart, type Env } from '../../shared/lambda/cold-start';

const logger = makeLogger('admin');

const statusParam = (raw: string | undefined): RequestStatus | undefined => {
  if (raw === undefined) return undefined;
  if (!(STATUSES as readonly string[]).includes(raw)) throw new DomainError(400, 'invalid_status', `status is one of ${STATUSES.join(', ')}`);
  return raw as RequestStatus;
};

/** The staff read routes (behind the JWT authorizer). Decisions, which change things, are audited by `decide`. */
export const makeHandler = (deps: AdminDeps) =>
  httpHandler(
    async (event) => {
      // Every staff member with a role reads; a signed-in user in neither group reads nothing.
      requireRole(event, 'viewer');
      switch (event.routeKey) {
        case 'GET /admin/requests':
          return json(200, { items: await listRequests(deps, statusParam(event.queryStringParameters?.status)) });
        case 'GET /admin/requests/{requestId}': {
          const r = await describeRequest(deps, pathId(event, 'requestId'));
          if (!r) throw notFound('Request');
          return json(200, r);
        }
        case 'GET /admin/customers/{customerId}': {
          const c = await deps.register.get(pathId(event, 'customerId'));
          if (!c) throw notFound('Customer');
          return json(200, { ...c.customer, restricted: c.flags.restricted, suppressions: c.flags.suppressions });
        }
        default:
          throw new DomainError(404, 'not_found', 'No such route');
      }
    },
    { logger },
  );

const wire = (env: Env): AdminDeps => {
  const cfg = loadConfig(env);
  return { ...wireReadStores(cfg), signer: wireSigner(cfg) };
};
export const handler = atColdStart((env) => makeHandler(wire(env)));
