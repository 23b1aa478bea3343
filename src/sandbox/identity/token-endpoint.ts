// POST /{tenant}/oauth2/v2.0/token: client credentials (secret or certificate), the
// authorization code with PKCE, and refresh tokens (rotated on each use).
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Sandbox } from '../sandbox.js';
import type { Tenant } from '../tenant.js';
import { resolveAuthority, tokenEndpointUrls, type Authority } from './authority.js';
import { authenticateClient, clientCredentialsOf, type ClientAuthentication } from './client-auth.js';
import { resolveClient, type ClientApp, type ResolvedClient } from './clients.js';
import type { StoredUser } from './directory-lookup.js';
import { grantedApplicationPermissions, OIDC_SCOPES, signInAccess } from './consent.js';
import {
  CodeRedemptions,
  parseUserScopes,
  REFRESH_TOKEN_LIFETIME_MS,
  SPA_REFRESH_TOKEN_LIFETIME_MS,
  type AuthorizationCode,
  type RefreshGrant,
} from './grants.js';
import { missingParameter, IdentityError, sendOAuthError } from './oauth-errors.js';
import type { Sealer } from './sealed.js';
import {
  issueAppAccessToken,
  issueIdToken,
  issueUserAccessToken,
  type ClientIdentity,
} from './token-issuer.js';

type Form = Record<string, string>;

/** The only resource served here is Microsoft Graph; app-only requests ask for its /.default. */
const GRAPH_DEFAULT_SCOPES = new Set([
  'https://graph.microsoft.com/.default',
  'https://graph.microsoft.com//.default',
  '00000003-0000-0000-c000-000000000000/.default',
]);

const invalidGrant = (aadsts: number, description: string) =>
  new IdentityError('invalid_grant', aadsts, description);

const malformedGrant = () => invalidGrant(9002313, 'Invalid request. Request is malformed or invalid.');

function required(form: Form, name: string): string {
  const value = form[name];
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

function formOf(request: FastifyRequest): Form {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body) || Array.isArray(body)) {
    throw missingParameter('grant_type');
  }
  return body as Form;
}

function requireTenant(authority: Authority): Tenant {
  if (authority.kind === 'tenant') return authority.tenant;
  throw new IdentityError(
    'invalid_request',
    50059,
    'No tenant-identifying information found in either the request or implied by any provided credentials.',
  );
}

function clientIdentity(client: ClientApp, authentication: ClientAuthentication): ClientIdentity {
  return {
    appId: client.application.appId as string,
    displayName: client.application.displayName ?? '',
    authentication,
  };
}

function tokenLifetimes(sandbox: Sandbox) {
  const seconds = sandbox.options.accessTokenLifetimeSeconds;
  return { token_type: 'Bearer', expires_in: seconds, ext_expires_in: seconds };
}

class TokenEndpoint {
  private readonly redemptions: CodeRedemptions;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly sealer: Sealer,
  ) {
    this.redemptions = new CodeRedemptions(sandbox);
  }

  async handle(authority: Authority, form: Form, authorization: string | undefined): Promise<object> {
    const grantType = required(form, 'grant_type');
    switch (grantType) {
      case 'client_credentials':
        return this.clientCredentials(authority, form, authorization);
      case 'authorization_code':
        return this.authorizationCode(authority, form, authorization);
      case 'refresh_token':
        return this.refreshToken(authority, form, authorization);
      default:
        throw new IdentityError(
          'unsupported_grant_type',
          70003,
          `The app requested an unsupported grant type '${grantType}'.`,
        );
    }
  }

  private async clientCredentials(authority: Authority, form: Form, authorization: string | undefined) {
    const tenant = requireTenant(authority);
    const credentials = clientCredentialsOf(form, authorization);
    const scope = required(form, 'scope');
    if (!credentials.clientId) throw missingParameter('client_id');
    if (!GRAPH_DEFAULT_SCOPES.has(scope.trim().toLowerCase())) {
      throw new IdentityError(
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const client = resolveClient(this.sandbox, tenant, credentials.clientId, true);
    const servicePrincipal = client.servicePrincipal;
    if (!servicePrincipal) throw new Error('unreachable: resolveClient requires the service principal');
    const authentication = await authenticateClient(
      this.sandbox,
      client,
      credentials,
      tokenEndpointUrls(this.sandbox, authority, tenant),
      true,
    );
    if (servicePrincipal.accountEnabled === false) {
      throw new IdentityError(
        'unauthorized_client',
        7000112,
        `Application '${servicePrincipal.appId}'(${servicePrincipal.displayName}) is disabled.`,
      );
    }
    const roles = grantedApplicationPermissions(tenant, servicePrincipal);
    const accessToken = await issueAppAccessToken(
      this.sandbox,
      tenant,
      clientIdentity(client, authentication),
      servicePrincipal,
      roles,
    );
    return { ...tokenLifetimes(this.sandbox), access_token: accessToken };
  }

  private async authorizationCode(authority: Authority, form: Form, authorization: string | undefined) {
    const code = this.sealer.open<AuthorizationCode>('code', required(form, 'code'));
    if (!code) {
      if (this.sealer.isExpired('code', form.code)) {
        throw invalidGrant(
          70008,
          'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
        );
      }
      throw malformedGrant();
    }
    const credentials = clientCredentialsOf(form, authorization);
    if (credentials.clientId !== code.clientId) {
      throw invalidGrant(
        70000,
        'Provided grant is invalid or malformed. The authorization code was issued to another client.',
      );
    }
    if (authority.kind === 'tenant' && authority.tenant.id !== code.tid) {
      throw invalidGrant(
        700005,
        'Provided Authorization Code is intended to use against other tenant, thus rejected.',
      );
    }
    if (form.redirect_uri !== code.redirectUri) {
      throw invalidGrant(
        50011,
        `The redirect URI '${form.redirect_uri ?? ''}' specified in the request does not match the redirect URI the authorization code was issued for.`,
      );
    }
    if (code.codeChallenge !== undefined && !pkceMatches(code, form.code_verifier)) {
      throw invalidGrant(
        501481,
        'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
      );
    }
    const tenant = this.tenantOf(code.tid);
    const client = resolveClient(this.sandbox, tenant, code.clientId, true);
    const authentication = await authenticateClient(
      this.sandbox,
      client,
      credentials,
      tokenEndpointUrls(this.sandbox, authority, tenant),
      code.platform === 'web',
    );
    if (!this.redemptions.redeem(code.jti, code.exp)) {
      throw invalidGrant(
        54005,
        'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
      );
    }
    return this.userTokens(
      tenant,
      client,
      authentication,
      code,
      code.scopes,
      form.client_info === '1',
      undefined,
    );
  }

  private async refreshToken(authority: Authority, form: Form, authorization: string | undefined) {
    const grant = this.sealer.open<RefreshGrant>('refresh', required(form, 'refresh_token'));
    if (!grant) {
      if (this.sealer.isExpired('refresh', form.refresh_token)) {
        throw invalidGrant(
          700082,
          'The refresh token has expired due to inactivity. The token was issued more than 90 days ago and was inactive since.',
        );
      }
      throw malformedGrant();
    }
    const credentials = clientCredentialsOf(form, authorization);
    if (credentials.clientId !== grant.clientId) {
      throw invalidGrant(
        70000,
        'Provided grant is invalid or malformed. The refresh token was issued to another client.',
      );
    }
    if (authority.kind === 'tenant' && authority.tenant.id !== grant.tid) {
      throw invalidGrant(
        700005,
        'Provided refresh token is intended to use against other tenant, thus rejected.',
      );
    }
    const tenant = this.tenantOf(grant.tid);
    const client = resolveClient(this.sandbox, tenant, grant.clientId, true);
    const authentication = await authenticateClient(
      this.sandbox,
      client,
      credentials,
      tokenEndpointUrls(this.sandbox, authority, tenant),
      grant.platform === 'web',
    );
    const requested = form.scope ? parseUserScopes(form.scope) : grant.scopes;
    return this.userTokens(
      tenant,
      client,
      authentication,
      grant,
      requested,
      form.client_info === '1',
      grant.chainEnd,
    );
  }

  /** Consent may have been revoked since sign-in; the token endpoint says so as invalid_grant. */
  private stillAllowed(tenant: Tenant, client: ResolvedClient, user: StoredUser, requested: string[]) {
    try {
      return signInAccess(tenant, client.application, client.servicePrincipal, user, requested);
    } catch (error) {
      if (error instanceof IdentityError && error.error !== 'invalid_grant') {
        throw invalidGrant(error.aadsts, error.description);
      }
      throw error;
    }
  }

  private tenantOf(tid: string): Tenant {
    const tenant = this.sandbox.tenants.get(tid);
    if (!tenant) throw malformedGrant();
    return tenant;
  }

  /** Access, ID and refresh tokens for a user, after checking they still may use the app. */
  private async userTokens(
    tenant: Tenant,
    client: ResolvedClient,
    authentication: ClientAuthentication,
    session: AuthorizationCode | RefreshGrant,
    requested: string[],
    clientInfo: boolean,
    chainEnd: number | undefined,
  ) {
    const user = tenant.store.collection('users').get(session.userId) as StoredUser | undefined;
    if (!user || user.accountEnabled === false) {
      throw invalidGrant(50057, 'The user account is disabled or has been deleted.');
    }
    const access = this.stillAllowed(tenant, client, user, requested);
    const identity = clientIdentity(client, authentication);
    const response: Record<string, unknown> = {
      ...tokenLifetimes(this.sandbox),
      scope: [...new Set([...access.scopes, ...requested.filter((scope) => OIDC_SCOPES.has(scope))])].join(
        ' ',
      ),
      access_token: await issueUserAccessToken(this.sandbox, tenant, identity, { user, ...access }),
    };
    if (requested.includes('openid')) {
      const nonce = 'nonce' in session ? session.nonce : undefined;
      response.id_token = await issueIdToken(this.sandbox, tenant, {
        clientId: session.clientId,
        user,
        nonce,
        authTime: session.authTime,
        sid: session.sid,
      });
    }
    if (requested.includes('offline_access')) {
      const spa = session.platform === 'spa';
      const end = chainEnd ?? (spa ? this.sandbox.clock.now() + SPA_REFRESH_TOKEN_LIFETIME_MS : undefined);
      const lifetime = end !== undefined ? end - this.sandbox.clock.now() : REFRESH_TOKEN_LIFETIME_MS;
      const refresh: RefreshGrant = {
        tid: tenant.id,
        userId: user.id,
        authTime: session.authTime,
        sid: session.sid,
        clientId: session.clientId,
        platform: session.platform,
        scopes: requested,
        ...(end !== undefined ? { chainEnd: end } : {}),
      };
      response.refresh_token = this.sealer.seal('refresh', lifetime, refresh);
      if (spa) response.refresh_token_expires_in = Math.floor(lifetime / 1000);
    }
    if (clientInfo) {
      response.client_info = Buffer.from(JSON.stringify({ uid: user.id, utid: tenant.id })).toString(
        'base64url',
      );
    }
    return response;
  }
}

function pkceMatches(code: AuthorizationCode, verifier: string | undefined): boolean {
  if (!verifier) return false;
  const derived =
    code.codeChallengeMethod === 'plain'
      ? verifier
      : createHash('sha256').update(verifier).digest('base64url');
  return derived === code.codeChallenge;
}

export function registerTokenRoute(app: FastifyInstance, sandbox: Sandbox, sealer: Sealer): void {
  const endpoint = new TokenEndpoint(sandbox, sealer);
  app.post<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/token', async (request, reply) => {
    const correlationId = request.headers['client-request-id'];
    try {
      const authority = resolveAuthority(sandbox, request.params.tenant);
      const body = await endpoint.handle(authority, formOf(request), request.headers.authorization);
      return reply.header('cache-control', 'no-store, no-cache').header('pragma', 'no-cache').send(body);
    } catch (error) {
      if (error instanceof IdentityError) {
        return sendOAuthError(
          reply,
          sandbox,
          error,
          typeof correlationId === 'string' ? correlationId : randomUUID(),
        );
      }
      throw error;
    }
  });
}
