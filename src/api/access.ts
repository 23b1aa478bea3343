// Puts the policy in front of every route: finds out who is calling (an API token in the
// Authorization header, or the session cookie), refuses cookie-authenticated changes without
// the session's CSRF token, gathers the facts about what the route's action is about, and
// lets policy.decide() answer. Handlers then read what was found from request.access.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiToken } from '../service/api-tokens.js';
import { looksLikeApiToken } from '../service/api-tokens.js';
import type { OrganizationServices } from '../service/organizations/index.js';
import type { Organization } from '../service/organizations/organizations.js';
import type { Reseller } from '../service/organizations/resellers.js';
import { ApiError, sendError } from './errors.js';
import {
  decide,
  ruleOf,
  TOKEN_SCOPES,
  type Action,
  type Caller,
  type Relation,
  type Target,
} from './policy.js';
import type { SessionStore } from './sessions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The policy action the route takes; every route names one. */
    access?: Action;
  }
  interface FastifyRequest {
    access: Access;
  }
}

export interface Access {
  action: Action;
  caller: Caller | undefined;
  relation: Relation;
  /** The session's CSRF token, for a caller signed in through the browser. */
  csrfToken: string | undefined;
  organization: Organization | undefined;
  reseller: Reseller | undefined;
  token: ApiToken | undefined;
}

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Params {
  organizationId?: string;
  resellerId?: string;
  tokenId?: string;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function registerAccess(
  app: FastifyInstance,
  services: OrganizationServices,
  sessions: SessionStore,
): void {
  async function authenticate(
    request: FastifyRequest,
  ): Promise<{ caller: Caller; csrfToken?: string } | undefined> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const secret = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const token =
        secret && looksLikeApiToken(secret) ? await services.apiTokens.authenticate(secret) : undefined;
      if (!token) throw new ApiError(401, 'invalid_token', 'the API token is unknown, expired or revoked');
      return { caller: { identity: token.owner, via: 'token', scopes: token.scopes, tokenId: token.id } };
    }
    const session = await sessions.of(request);
    return (
      session && {
        caller: { identity: session.identity, via: 'session', scopes: TOKEN_SCOPES, tokenId: null },
        csrfToken: session.csrfToken,
      }
    );
  }

  /** The facts the policy needs about what the action is about, and the records found. */
  async function gather(
    request: FastifyRequest,
    action: Action,
    caller: Caller | undefined,
  ): Promise<{ target: Target; found: Pick<Access, 'organization' | 'reseller' | 'token'> }> {
    const params = (request.params ?? {}) as Params;
    const none = { organization: undefined, reseller: undefined, token: undefined };
    switch (ruleOf(action).resource) {
      case 'none':
        return { target: { kind: 'none' }, found: none };
      case 'own-tenant':
        return { target: { kind: 'own-tenant' }, found: none };
      case 'organization': {
        const organization = await services.organizations.get(params.organizationId ?? '');
        const reseller = organization?.resellerId
          ? await services.resellers.get(organization.resellerId)
          : undefined;
        const member = organization !== undefined && caller?.identity.tenantId === organization.tenantId;
        return {
          target: {
            kind: 'organization',
            exists: organization !== undefined,
            tenantId: organization?.tenantId ?? '',
            resellerTenantId: reseller?.partnerTenantId ?? null,
            accessLevel: member
              ? await services.userAccess.level(organization.id, caller.identity.userId)
              : 'none',
          },
          found: { ...none, organization, reseller },
        };
      }
      case 'new-organization': {
        const body = request.body as { tenantId: string; resellerId?: string | null };
        const reseller = body.resellerId ? await services.resellers.get(body.resellerId) : undefined;
        return {
          target: {
            kind: 'new-organization',
            tenantId: body.tenantId,
            reseller: body.resellerId
              ? { exists: reseller !== undefined, partnerTenantId: reseller?.partnerTenantId ?? '' }
              : null,
          },
          found: { ...none, reseller },
        };
      }
      case 'reseller': {
        const reseller = await services.resellers.get(params.resellerId ?? '');
        return {
          target: {
            kind: 'reseller',
            exists: reseller !== undefined,
            partnerTenantId: reseller?.partnerTenantId ?? '',
          },
          found: { ...none, reseller },
        };
      }
      case 'token': {
        const token = await services.apiTokens.get(params.tokenId ?? '');
        return {
          target: {
            kind: 'token',
            exists: token !== undefined,
            ownerTenantId: token?.owner.tenantId ?? '',
            ownerUserId: token?.owner.userId ?? '',
          },
          found: { ...none, token },
        };
      }
    }
  }

  app.decorateRequest('access', null as unknown as Access);

  // Who is calling is settled before the request is validated, so nobody learns anything
  // about a route's input without being allowed near it.
  app.addHook('preValidation', async (request, reply) => {
    const action = request.routeOptions.config.access;
    // Unmatched requests (404) carry no route config; every registered route names an action.
    if (action === undefined) return;
    const nobody = { organization: undefined, reseller: undefined, token: undefined };
    if (ruleOf(action).allow === 'anyone') {
      request.access = { action, caller: undefined, relation: 'stranger', csrfToken: undefined, ...nobody };
      return;
    }
    const authenticated = await authenticate(request);
    if (!authenticated) {
      const decision = decide(undefined, action, { kind: 'none' });
      if (decision.allowed) throw new Error(`action ${action} lets a caller nobody is in`);
      return sendError(
        reply,
        new ApiError(decision.status, decision.code, decision.message, {
          signInUrl: `/auth/sign-in?returnTo=${encodeURIComponent(request.url)}`,
        }),
      );
    }
    if (authenticated.caller.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (
        typeof sent !== 'string' ||
        !authenticated.csrfToken ||
        !sameSecret(sent, authenticated.csrfToken)
      ) {
        return sendError(
          reply,
          new ApiError(
            403,
            'csrf_token_invalid',
            `send the session's CSRF token (GET /api/me) in ${CSRF_HEADER}`,
          ),
        );
      }
    }
    request.access = {
      action,
      ...authenticated,
      csrfToken: authenticated.csrfToken,
      relation: 'stranger',
      ...nobody,
    };
  });

  // What the action is about is read once the input is valid (a new connection names its
  // tenant and reseller in the body); then the policy decides.
  app.addHook('preHandler', async (request, reply) => {
    const action = request.routeOptions.config.access;
    if (action === undefined || ruleOf(action).allow === 'anyone') return;
    const { caller } = request.access;
    const { target, found } = await gather(request, action, caller);
    const decision = decide(caller, action, target);
    if (!decision.allowed)
      return sendError(reply, new ApiError(decision.status, decision.code, decision.message));
    request.access = { ...request.access, relation: decision.relation, ...found };
  });
}

/** The caller of a route whose action needs one. */
export function callerOf(request: FastifyRequest): Caller {
  const caller = request.access.caller;
  if (!caller) throw new Error(`route ${request.routeOptions.url} has no caller: its action lets anyone in`);
  return caller;
}

export function organizationOf(request: FastifyRequest): Organization {
  const organization = request.access.organization;
  if (!organization) throw new Error(`route ${request.routeOptions.url} is not about an organization`);
  return organization;
}

export function resellerOf(request: FastifyRequest): Reseller {
  const reseller = request.access.reseller;
  if (!reseller) throw new Error(`route ${request.routeOptions.url} is not about a reseller`);
  return reseller;
}

export function tokenOf(request: FastifyRequest): ApiToken {
  const token = request.access.token;
  if (!token) throw new Error(`route ${request.routeOptions.url} is not about an API token`);
  return token;
}
