// GET/POST /{tenant}/oauth2/v2.0/authorize: the authorization-code flow's browser leg.
// The client and redirect URI are checked first (an untrusted redirect URI gets an error
// page, never a redirect); then the user signs in (or reuses the session cookie), the
// consent / assignment rules decide, the attempt is logged, and a one-time code goes
// back to the redirect URI. Also the logout endpoint.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Sandbox } from '../sandbox.js';
import type { Tenant } from '../tenant.js';
import { resolveAuthority, type Authority } from './authority.js';
import {
  carriedParameters,
  endSession,
  parametersOf,
  readSession,
  redirectTo,
  redirectWithError,
  startSession,
  type Parameters,
} from './browser.js';
import {
  findApplication,
  redirectPlatform,
  redirectUriMismatch,
  requireMultiTenant,
  type ClientApp,
  type RedirectPlatform,
} from './clients.js';
import { signInAccess } from './consent.js';
import { servicePrincipalByAppId, userBySignInName, type StoredUser } from './directory-lookup.js';
import { CODE_LIFETIME_MS, parseUserScopes, type AuthorizationCode, type UserSession } from './grants.js';
import { applicationNotFound, IdentityError, missingParameter } from './oauth-errors.js';
import { errorPage, noticePage, sendHtml, signInPage } from './pages.js';
import type { Sealer } from './sealed.js';
import { authenticateUser, recordSignIn, tenantOfSignInName } from './sign-in.js';

/** A browser request whose client and redirect URI are trusted: errors may now redirect. */
export interface BrowserClient {
  authority: Authority;
  client: ClientApp;
  redirectUri: string;
  platform: RedirectPlatform;
}

/** Checks client_id and redirect_uri; failures are shown as a page, as Microsoft does. */
export function browserClient(sandbox: Sandbox, segment: string, parameters: Parameters): BrowserClient {
  const authority = resolveAuthority(sandbox, segment);
  const clientId = parameters.client_id;
  if (!clientId) throw missingParameter('client_id');
  const tenant = authority.kind === 'tenant' ? authority.tenant : undefined;
  const client = findApplication(sandbox, clientId, tenant);
  if (!client) throw applicationNotFound(clientId, tenant?.id ?? authority.segment);
  if (!tenant) requireMultiTenant(client.application);
  const redirectUri = parameters.redirect_uri;
  if (!redirectUri) throw missingParameter('redirect_uri');
  const platform = redirectPlatform(client.application, redirectUri);
  if (!platform) throw redirectUriMismatch(client.application, redirectUri);
  return { authority, client, redirectUri, platform };
}

export function sendErrorPage(reply: FastifyReply, sandbox: Sandbox, failure: IdentityError): FastifyReply {
  const trace = `Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${sandbox.clock.iso()}`;
  return sendHtml(
    reply,
    errorPage("Sorry, but we're having trouble signing you in.", `${failure.message} ${trace}`),
    400,
  );
}

export interface PasswordSignIn {
  tenant: Tenant;
  user: StoredUser;
}

/**
 * Checks the name and password posted by the sign-in page, logging a failed attempt.
 * Returns undefined after re-showing the page (with Microsoft's message) on failure.
 */
export function passwordSignIn(
  sandbox: Sandbox,
  request: FastifyRequest,
  reply: FastifyReply,
  target: BrowserClient,
  parameters: Parameters,
): PasswordSignIn | undefined {
  const login = parameters.login ?? '';
  const tenant =
    target.authority.kind === 'tenant' ? target.authority.tenant : tenantOfSignInName(sandbox, login);
  const application = target.client.application;
  const showAgain = (error: string) => {
    void sendHtml(
      reply,
      signInPage({ ...signInPageFor(sandbox, request, target, parameters), loginHint: login, error }),
      200,
    );
    return undefined;
  };
  if (!tenant) {
    return showAgain(
      'This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.',
    );
  }
  try {
    return { tenant, user: authenticateUser(tenant, login, parameters.passwd ?? '') };
  } catch (error) {
    if (!(error instanceof IdentityError)) throw error;
    recordSignIn(sandbox, tenant, {
      login,
      user: userBySignInName(tenant, login),
      appId: application.appId as string,
      appDisplayName: application.displayName ?? '',
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'],
      failure: error,
    });
    return showAgain(
      error.aadsts === 50126
        ? "Your account or password is incorrect. If you don't remember your password, reset it now."
        : error.message,
    );
  }
}

/** The sign-in form for a browser request; it posts back every parameter it came with. */
export function signInPageFor(
  sandbox: Sandbox,
  request: FastifyRequest,
  target: BrowserClient,
  parameters: Parameters,
) {
  return {
    action: request.url.split('?')[0] as string,
    tenantName: target.authority.kind === 'tenant' ? target.authority.tenant.info.displayName : 'Microsoft',
    appName: target.client.application.displayName ?? '',
    loginHint: parameters.login_hint,
    fields: carriedParameters(parameters, ['login', 'passwd']),
  };
}

class AuthorizeEndpoint {
  constructor(
    private readonly sandbox: Sandbox,
    private readonly sealer: Sealer,
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
      const requested = this.checkProtocol(target, parameters);
      if (request.method === 'POST' && parameters.login !== undefined) {
        const signedIn = passwordSignIn(this.sandbox, request, reply, target, parameters);
        if (!signedIn) return reply;
        const session = startSession(reply, this.sandbox, this.sealer, signedIn.tenant.id, signedIn.user.id);
        return this.complete(
          request,
          reply,
          target,
          parameters,
          signedIn.tenant,
          signedIn.user,
          session,
          requested,
        );
      }
      const reused = this.reusableSession(request, target, parameters);
      if (reused)
        return this.complete(
          request,
          reply,
          target,
          parameters,
          reused.tenant,
          reused.user,
          reused.session,
          requested,
        );
      if (parameters.prompt === 'none') {
        throw new IdentityError(
          'login_required',
          50058,
          'A silent sign-in request was sent but no user is signed in.',
        );
      }
      return sendHtml(reply, signInPage(signInPageFor(this.sandbox, request, target, parameters)));
    } catch (error) {
      if (error instanceof IdentityError)
        return redirectWithError(reply, this.sandbox, target.redirectUri, error, parameters);
      throw error;
    }
  }

  /** response_type, PKCE and scopes; returns the requested scopes. */
  private checkProtocol(target: BrowserClient, parameters: Parameters): string[] {
    if (!parameters.response_type) throw missingParameter('response_type');
    if (parameters.response_type !== 'code') {
      throw new IdentityError(
        'unsupported_response_type',
        700054,
        `response_type '${parameters.response_type}' is not enabled for the application.`,
      );
    }
    const method = parameters.code_challenge_method ?? (parameters.code_challenge ? 'plain' : undefined);
    if (method !== undefined && method !== 'S256' && method !== 'plain') {
      throw new IdentityError('invalid_request', 501491, `Invalid code_challenge_method '${method}'.`);
    }
    if (target.platform === 'spa' && !parameters.code_challenge) {
      throw new IdentityError(
        'invalid_request',
        9002325,
        'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
      );
    }
    const scopes = parseUserScopes(parameters.scope);
    if (scopes.length === 0) throw missingParameter('scope');
    return scopes;
  }

  /** An existing sign-in session, unless prompt=login or the hint names someone else. */
  private reusableSession(request: FastifyRequest, target: BrowserClient, parameters: Parameters) {
    if (parameters.prompt === 'login') return undefined;
    const session = readSession(request, this.sealer);
    const tenant = session ? this.sandbox.tenants.get(session.tid) : undefined;
    if (!session || !tenant) return undefined;
    if (target.authority.kind === 'tenant' && target.authority.tenant.id !== tenant.id) return undefined;
    const user = tenant.store.collection('users').get(session.userId) as StoredUser | undefined;
    if (!user || user.accountEnabled === false) return undefined;
    const hint = parameters.login_hint?.toLowerCase();
    if (hint && hint !== user.userPrincipalName?.toLowerCase()) return undefined;
    return { tenant, user, session };
  }

  private complete(
    request: FastifyRequest,
    reply: FastifyReply,
    target: BrowserClient,
    parameters: Parameters,
    tenant: Tenant,
    user: StoredUser,
    session: UserSession,
    requested: string[],
  ): FastifyReply {
    const { application } = target.client;
    const appId = application.appId as string;
    const logged = {
      login: user.userPrincipalName ?? '',
      user,
      appId,
      appDisplayName: application.displayName ?? '',
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'],
    };
    try {
      signInAccess(tenant, application, servicePrincipalByAppId(tenant, appId), user, requested);
    } catch (error) {
      if (error instanceof IdentityError) recordSignIn(this.sandbox, tenant, { ...logged, failure: error });
      throw error;
    }
    recordSignIn(this.sandbox, tenant, logged);
    const code: AuthorizationCode = {
      ...session,
      jti: randomUUID(),
      clientId: appId,
      redirectUri: target.redirectUri,
      platform: target.platform,
      scopes: requested,
      ...(parameters.nonce !== undefined ? { nonce: parameters.nonce } : {}),
      ...(parameters.code_challenge !== undefined
        ? {
            codeChallenge: parameters.code_challenge,
            codeChallengeMethod: parameters.code_challenge_method ?? 'plain',
          }
        : {}),
    };
    const answer = new URLSearchParams({ code: this.sealer.seal('code', CODE_LIFETIME_MS, code) });
    if (parameters.state !== undefined) answer.set('state', parameters.state);
    answer.set('session_state', session.sid);
    return redirectTo(reply, target.redirectUri, answer, parameters.response_mode);
  }
}

export function registerAuthorizeRoutes(app: FastifyInstance, sandbox: Sandbox, sealer: Sealer): void {
  const endpoint = new AuthorizeEndpoint(sandbox, sealer);
  app.get<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/authorize', (request, reply) =>
    endpoint.handle(request, reply),
  );
  app.post<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/authorize', (request, reply) =>
    endpoint.handle(request, reply),
  );

  app.get<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/logout', (request, reply) => {
    const parameters = parametersOf(request);
    endSession(reply);
    const target = parameters.post_logout_redirect_uri;
    if (target && URL.canParse(target)) {
      const answer = new URLSearchParams(parameters.state !== undefined ? { state: parameters.state } : {});
      return redirectTo(reply, target, answer);
    }
    return sendHtml(
      reply,
      noticePage('You signed out of your account', "It's a good idea to close all browser windows."),
    );
  });
}
