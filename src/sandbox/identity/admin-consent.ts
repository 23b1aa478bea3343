// /{tenant}/adminconsent (v1) and /{tenant}/v2.0/adminconsent: an administrator signs in,
// sees the permissions the app asks for, and accepts for the organization (or only for
// themselves) or cancels. Only a Global Administrator or a Privileged Role Administrator
// may grant Microsoft Graph application permissions; anyone else is told they need
// admin approval.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APPLICATION_PERMISSIONS, DELEGATED_PERMISSIONS } from '../directory/graph-permissions.js';
import {
  directoryRoleTemplateIds,
  GLOBAL_ADMINISTRATOR,
  PRIVILEGED_ROLE_ADMINISTRATOR,
} from '../directory/roles.js';
import type { Sandbox } from '../sandbox.js';
import type { Tenant } from '../tenant.js';
import { requestedGraphPermissions, type GraphPermissionRequest } from './app-registrations.js';
import {
  browserClient,
  passwordSignIn,
  sendErrorPage,
  signInPageFor,
  type BrowserClient,
} from './authorize.js';
import {
  carriedParameters,
  parametersOf,
  redirectTo,
  redirectWithError,
  type Parameters,
} from './browser.js';
import { grantAdminConsent } from './administration.js';
import { parseUserScopes } from './grants.js';
import { IdentityError, missingParameter } from './oauth-errors.js';
import { consentPage, errorPage, sendHtml, signInPage } from './pages.js';
import type { Sealer } from './sealed.js';
import { recordSignIn } from './sign-in.js';

const CONSENT_TICKET_LIFETIME_MS = 15 * 60 * 1000;

const CONSENT_ADMIN_ROLES = new Set([GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR]);

/** Who signed in on the consent page, carried to the decision in a sealed hidden field. */
interface ConsentTicket {
  tid: string;
  userId: string;
  clientId: string;
}

/** v2 names the permissions in `scope` (".default" = all the app asks for); v1 always means all. */
function permissionsToConsent(
  target: BrowserClient,
  version: 'v1' | 'v2',
  parameters: Parameters,
): GraphPermissionRequest {
  const requested = requestedGraphPermissions(target.client.application);
  if (version === 'v1') return requested;
  if (!parameters.scope) throw missingParameter('scope');
  const scopes = parseUserScopes(parameters.scope);
  if (scopes.includes('.default')) return requested;
  const known = (table: readonly { value: string }[]) =>
    scopes.filter((scope) => table.some((permission) => permission.value === scope));
  return {
    applicationPermissions: known(APPLICATION_PERMISSIONS),
    delegatedScopes: known(DELEGATED_PERMISSIONS),
  };
}

function describePermissions(permissions: GraphPermissionRequest) {
  return [
    ...(permissions.applicationPermissions ?? []).map((value) => ({
      value,
      description: `Microsoft Graph application permission: the app may use ${value} without a signed-in user.`,
    })),
    ...(permissions.delegatedScopes ?? []).map((value) => ({
      value,
      description: `Microsoft Graph delegated permission: the app may use ${value} on behalf of signed-in users.`,
    })),
  ];
}

class AdminConsentEndpoint {
  constructor(
    private readonly sandbox: Sandbox,
    private readonly sealer: Sealer,
    private readonly version: 'v1' | 'v2',
  ) {}

  handle(request: FastifyRequest<{ Params: { tenant: string } }>, reply: FastifyReply): FastifyReply {
    const parameters = parametersOf(request);
    let target: BrowserClient;
    try {
      target = browserClient(this.sandbox, request.params.tenant, parameters);
    } catch (error) {
      if (error instanceof IdentityError) return sendErrorPage(reply, this.sandbox, error);
      throw error;
    }
    try {
      const permissions = permissionsToConsent(target, this.version, parameters);
      if (request.method === 'POST' && parameters.consent_ticket !== undefined) {
        return this.decide(reply, target, parameters, permissions);
      }
      if (request.method === 'POST' && parameters.login !== undefined) {
        const signedIn = passwordSignIn(this.sandbox, request, reply, target, parameters);
        if (!signedIn) return reply;
        return this.offerConsent(
          request,
          reply,
          target,
          parameters,
          permissions,
          signedIn.tenant,
          signedIn.user,
        );
      }
      return sendHtml(reply, signInPage(signInPageFor(this.sandbox, request, target, parameters)));
    } catch (error) {
      if (error instanceof IdentityError)
        return redirectWithError(reply, this.sandbox, target.redirectUri, error, parameters);
      throw error;
    }
  }

  private offerConsent(
    request: FastifyRequest,
    reply: FastifyReply,
    target: BrowserClient,
    parameters: Parameters,
    permissions: GraphPermissionRequest,
    tenant: Tenant,
    user: { id: string; userPrincipalName?: string | null; displayName?: string | null },
  ): FastifyReply {
    const { application } = target.client;
    const isAdmin = directoryRoleTemplateIds(tenant.store, user.id).some((id) => CONSENT_ADMIN_ROLES.has(id));
    const logged = {
      login: user.userPrincipalName ?? '',
      user,
      appId: application.appId as string,
      appDisplayName: application.displayName ?? '',
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'],
    };
    if (!isAdmin) {
      const failure = new IdentityError(
        'access_denied',
        90094,
        `${application.displayName} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.`,
      );
      recordSignIn(this.sandbox, tenant, { ...logged, failure });
      return sendHtml(reply, errorPage('Need admin approval', failure.message), 403);
    }
    recordSignIn(this.sandbox, tenant, logged);
    const ticket: ConsentTicket = { tid: tenant.id, userId: user.id, clientId: application.appId as string };
    return sendHtml(
      reply,
      consentPage({
        action: request.url.split('?')[0] as string,
        appName: application.displayName ?? '',
        publisherDomain: target.client.home.info.defaultDomain,
        userPrincipalName: user.userPrincipalName ?? '',
        permissions: describePermissions(permissions),
        fields: {
          ...carriedParameters(parameters, ['login', 'passwd']),
          consent_ticket: this.sealer.seal('consent', CONSENT_TICKET_LIFETIME_MS, ticket),
        },
      }),
    );
  }

  private decide(
    reply: FastifyReply,
    target: BrowserClient,
    parameters: Parameters,
    permissions: GraphPermissionRequest,
  ): FastifyReply {
    const ticket = this.sealer.open<ConsentTicket>('consent', parameters.consent_ticket);
    const tenant = ticket ? this.sandbox.tenants.get(ticket.tid) : undefined;
    if (!ticket || !tenant || ticket.clientId !== target.client.application.appId) {
      throw new IdentityError(
        'invalid_request',
        90015,
        'The consent request has expired or is invalid. Please sign in again.',
      );
    }
    if (parameters.decision !== 'accept') {
      const answer = new URLSearchParams({
        error: 'access_denied',
        error_subcode: 'cancel',
        error_description: `AADSTS65004: User declined to consent to access the app. Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${this.sandbox.clock.iso()}`,
      });
      if (parameters.state !== undefined) answer.set('state', parameters.state);
      return redirectTo(reply, target.redirectUri, answer);
    }
    grantAdminConsent(this.sandbox, tenant, ticket.clientId, {
      forOrganization: parameters.consent_on_behalf_of_organization === 'true',
      principalId: ticket.userId,
      permissions,
    });
    const answer = new URLSearchParams({ admin_consent: 'True', tenant: tenant.id });
    if (this.version === 'v2' && parameters.scope) answer.set('scope', parameters.scope);
    if (parameters.state !== undefined) answer.set('state', parameters.state);
    return redirectTo(reply, target.redirectUri, answer);
  }
}

export function registerAdminConsentRoutes(app: FastifyInstance, sandbox: Sandbox, sealer: Sealer): void {
  for (const [version, path] of [
    ['v1', '/:tenant/adminconsent'],
    ['v2', '/:tenant/v2.0/adminconsent'],
  ] as const) {
    const endpoint = new AdminConsentEndpoint(sandbox, sealer, version);
    app.get<{ Params: { tenant: string } }>(path, (request, reply) => endpoint.handle(request, reply));
    app.post<{ Params: { tenant: string } }>(path, (request, reply) => endpoint.handle(request, reply));
  }
}
