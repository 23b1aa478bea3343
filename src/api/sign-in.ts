// Sign-in with Microsoft 365: OpenID Connect authorization code flow with PKCE against the
// configured authority, through the sign-in app (oauth4webapi does the protocol steps).
//
// Multi-tenant sign-in uses the organizations (or common) authority, whose metadata names
// the issuer as a template, {authority}/{tenantid}/v2.0. Every ID token must then come from
// the issuer of the tenant it names: the template is filled with the token's tid before the
// token is validated (issuer, audience, nonce, lifetime) and its signature checked against
// the authority's keys. This holds for any authority host; none is special-cased.
import { decodeJwt } from 'jose';
import * as oauth from 'oauth4webapi';
import { fetch, type Dispatcher } from 'undici';
import { createDispatcher } from '../graph/network.js';
import { SIGN_IN_SCOPES, type IdentityPlatformConfig } from '../service/organizations/identity-platform.js';
import type { UserIdentity } from '../service/user-identity.js';

const TENANT_ALIASES = new Set(['organizations', 'common']);
const TENANT_TEMPLATE = '{tenantid}';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the browser carries between the redirect to the identity platform and the callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The identity platform refused to sign the person in (error and description as it sent them). */
export class SignInRefused extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'SignInRefused';
  }

  /** The AADSTS number (65001: no consent; 50105: not assigned to the app), when given. */
  get aadsts(): number | undefined {
    const match = /AADSTS(\d+)/.exec(this.description);
    return match ? Number(match[1]) : undefined;
  }
}

export class OidcSignIn {
  private server?: Promise<oauth.AuthorizationServer>;
  private readonly dispatcher: Dispatcher;
  private readonly client: oauth.Client;
  /** The authority's signing keys, fetched once and again when a token names an unknown key. */
  private readonly keys: oauth.JWKSCacheInput = {};

  constructor(
    private readonly platform: IdentityPlatformConfig,
    private readonly redirectUri: string,
  ) {
    this.dispatcher = createDispatcher(platform.extraCaPem);
    this.client = { client_id: platform.signInApp.clientId, id_token_signed_response_alg: 'RS256' };
  }

  /** The authority's endpoints, fetched once (and again after a failure). */
  private authorizationServer(): Promise<oauth.AuthorizationServer> {
    this.server ??= this.discover().catch((error: unknown) => {
      this.server = undefined;
      throw error;
    });
    return this.server;
  }

  private async discover(): Promise<oauth.AuthorizationServer> {
    const tenant = this.platform.signInTenant;
    const issuer = new URL(`${this.platform.authorityHost}/${tenant}/v2.0`);
    const expected = TENANT_ALIASES.has(tenant.toLowerCase())
      ? new URL(`${this.platform.authorityHost}/${TENANT_TEMPLATE}/v2.0`)
      : issuer;
    const response = await oauth.discoveryRequest(issuer, {
      algorithm: 'oidc',
      [oauth.customFetch]: this.platformFetch,
    });
    return oauth.processDiscoveryResponse(expected, response);
  }

  private readonly platformFetch = ((url: string, options: oauth.CustomFetchOptions<string, unknown>) =>
    fetch(url, {
      ...(options as object),
      dispatcher: this.dispatcher,
    })) as unknown as typeof globalThis.fetch;

  /** Where to send the browser, and what it must bring back. */
  async start(loginHint?: string): Promise<{ url: string; pending: PendingSignIn }> {
    const server = await this.authorizationServer();
    if (!server.authorization_endpoint) throw new Error('the authority publishes no authorization endpoint');
    const pending: PendingSignIn = {
      state: oauth.generateRandomState(),
      nonce: oauth.generateRandomNonce(),
      codeVerifier: oauth.generateRandomCodeVerifier(),
    };
    const url = new URL(server.authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: this.client.client_id,
      response_type: 'code',
      response_mode: 'query',
      redirect_uri: this.redirectUri,
      scope: SIGN_IN_SCOPES.join(' '),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      ...(loginHint ? { login_hint: loginHint } : {}),
    }).toString();
    return { url: url.toString(), pending };
  }

  /** Redeems the callback's code and returns the person its validated ID token describes. */
  async finish(callback: URL, pending: PendingSignIn): Promise<UserIdentity> {
    const server = await this.authorizationServer();
    let parameters: URLSearchParams;
    try {
      parameters = oauth.validateAuthResponse(server, this.client, callback.searchParams, pending.state);
    } catch (error) {
      if (error instanceof oauth.AuthorizationResponseError) {
        throw new SignInRefused(error.error, error.error_description ?? '');
      }
      throw error;
    }
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      this.client,
      oauth.ClientSecretPost(this.platform.signInApp.clientSecret),
      parameters,
      this.redirectUri,
      pending.codeVerifier,
      { [oauth.customFetch]: this.platformFetch },
    );
    const tenantServer = await this.issuerFor(server, response);
    let result: oauth.TokenEndpointResponse;
    try {
      result = await oauth.processAuthorizationCodeResponse(tenantServer, this.client, response, {
        expectedNonce: pending.nonce,
        requireIdToken: true,
      });
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError) {
        throw new SignInRefused(error.error, error.error_description ?? '');
      }
      throw error;
    }
    await oauth.validateApplicationLevelSignature(tenantServer, response, {
      [oauth.customFetch]: this.platformFetch,
    });
    const claims = oauth.getValidatedIdTokenClaims(result);
    if (!claims || typeof claims.tid !== 'string' || typeof claims.oid !== 'string') {
      throw new Error('the ID token names no tenant (tid) or user (oid)');
    }
    const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : '');
    return {
      tenantId: claims.tid,
      userId: claims.oid,
      displayName: text('name') || text('preferred_username'),
      userPrincipalName: text('preferred_username'),
      directoryRoles: Array.isArray(claims.wids) ? claims.wids.map(String) : [],
    };
  }

  /**
   * The metadata to validate this token response with: for a multi-tenant authority, with the
   * issuer of the tenant the ID token names (read unverified only to pick the issuer; the
   * token is then validated against it).
   */
  private async issuerFor(
    server: oauth.AuthorizationServer,
    response: Response,
  ): Promise<oauth.AuthorizationServer> {
    if (!server.issuer.includes(TENANT_TEMPLATE) || !response.ok) return server;
    const body = (await response.clone().json()) as { id_token?: unknown };
    const tid = typeof body.id_token === 'string' ? decodeJwt(body.id_token).tid : undefined;
    if (typeof tid !== 'string' || !GUID.test(tid)) throw new Error('the ID token names no tenant (tid)');
    return { ...server, issuer: server.issuer.replace(TENANT_TEMPLATE, tid) };
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
