// One Graph request from arrival to answer: the access token, throttling, injected
// faults, then the handler. Requests inside a $batch go through the same path one by one.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { verifyGraphAccessToken } from '../identity/access-token.js';
import { graphErrorBody, GraphError } from '../errors.js';
import { Random } from '../random.js';
import type { Sandbox, ThrottleSetting } from '../sandbox.js';
import type { GraphContext, GraphRequest, GraphResponse } from './context.js';
import { FaultInjector } from './faults.js';
import { pathSegments, route, ROUTABLE_RESOURCES } from './router.js';
import { Throttle, type ThrottleRequest } from './throttle.js';
import { TokenSealer } from './tokens.js';

export type DispatchResult = GraphResponse | { drop: true };

export function errorResponse(error: GraphError, requestId = randomUUID()): GraphResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', ...error.headers },
    body: graphErrorBody(
      error.code,
      error.message,
      requestId,
      new Date().toISOString().replace(/\.\d+Z$/, ''),
    ),
  };
}

/** Identity resource units: the documented base costs, then $select −1, $expand +1, $top < 20 −1. */
function resourceUnits(request: GraphRequest): number {
  const segments = pathSegments(request.path);
  const resource = ROUTABLE_RESOURCES.find((candidate) =>
    candidate.path
      .split('/')
      .filter(Boolean)
      .every((segment, index) => segments[index] === segment),
  );
  let cost = resource?.cost ?? 1;
  const depth = resource ? resource.path.split('/').filter(Boolean).length : 0;
  const relation = segments[depth + 1];
  const relationCost = relation
    ? resource?.relations?.find((candidate) => candidate.name === relation)?.cost
    : undefined;
  if (relationCost) cost = relationCost;
  if (request.query.has('$select')) cost -= 1;
  if (request.query.has('$expand')) cost += 1;
  const top = Number(request.query.get('$top') ?? NaN);
  if (top < 20) cost -= 1;
  return Math.max(cost, 1);
}

function throttleScope(request: GraphRequest): ThrottleRequest['scope'] {
  if (request.path.startsWith('/auditLogs')) return 'auditLogs';
  if (request.path.startsWith('/identity/conditionalAccess')) return 'conditionalAccess';
  if (request.path.startsWith('/deviceManagement')) return 'intune';
  return 'identity';
}

export class GraphDispatcher {
  private throttle: Throttle;
  readonly faults: FaultInjector;
  private readonly tokens: TokenSealer;
  private readonly ids = new Random(randomUUID());

  constructor(private readonly sandbox: Sandbox) {
    this.throttle = new Throttle(sandbox.options.throttle);
    this.faults = new FaultInjector(sandbox.options.faults, sandbox.random('faults'));
    this.tokens = new TokenSealer(sandbox.derivedSecret('graph-continuation-tokens', 43));
  }

  setThrottle(setting: ThrottleSetting): void {
    this.throttle = new Throttle(setting);
  }

  async dispatch(request: GraphRequest, inBatch: boolean): Promise<DispatchResult> {
    try {
      const { tenant, claims } = await verifyGraphAccessToken(this.sandbox, request.headers.authorization);
      const users = tenant.store.collection('users').size;
      const decision = this.throttle.check({
        scope: throttleScope(request),
        tenantId: tenant.id,
        appId: claims.appid,
        tenantUsers: users,
        write: request.method !== 'GET',
        cost: resourceUnits(request),
      });
      if (!decision.allowed) {
        throw new GraphError(
          429,
          'TooManyRequests',
          'Too many requests. Please retry after the time given in Retry-After.',
          decision.headers,
        );
      }
      const fault = this.faults.next();
      if (fault.kind === 'drop' && !inBatch) return { drop: true };
      if (fault.kind === 'slow') await delay(fault.delayMs);
      if (fault.kind === 'status' || fault.kind === 'drop') {
        const status = fault.kind === 'status' ? fault.status : 503;
        const retryAfter: Record<string, string> =
          fault.kind === 'status' && fault.retryAfterSeconds
            ? { 'retry-after': String(fault.retryAfterSeconds) }
            : {};
        throw status === 504
          ? new GraphError(
              504,
              'GatewayTimeout',
              'The gateway did not receive a timely response from the upstream service.',
            )
          : new GraphError(
              503,
              'serviceNotAvailable',
              'The service is temporarily unavailable. Please retry.',
              retryAfter,
            );
      }
      const context: GraphContext = {
        sandbox: this.sandbox,
        tenant,
        claims,
        request,
        tokens: this.tokens,
        ids: this.ids,
      };
      const response = route(context);
      return { ...response, headers: { ...decision.headers, ...response.headers } };
    } catch (error) {
      if (error instanceof GraphError) return errorResponse(error);
      throw error;
    }
  }
}
