// Minting of the tokens the identity platform issues, signed RS256 with the sandbox's
// token-signing key (kid = x5t = its SHA-1 thumbprint, as published in the JWKS):
// v1 access tokens for Microsoft Graph (app-only and delegated) and v2 ID tokens.
import { createHash, createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { MICROSOFT_GRAPH_RESOURCE } from '../directory/graph-permissions.js';
import { directoryRoleTemplateIds } from '../directory/roles.js';
import type { Sandbox } from '../sandbox.js';
import type { Tenant } from '../tenant.js';
import { accessTokenIssuer } from './access-token.js';
import type { ClientAuthentication } from './client-auth.js';
import type { StoredServicePrincipal, StoredUser } from './directory-lookup.js';

const signingKeys = new WeakMap<Sandbox, KeyObject>();

function signingKey(sandbox: Sandbox): KeyObject {
  let key = signingKeys.get(sandbox);
  if (!key) {
    key = createPrivateKey(sandbox.signingKey.keyPem);
    signingKeys.set(sandbox, key);
  }
  return key;
}

/** The v2 issuer of ID tokens: "{authority}/v2.0". */
export function idTokenIssuer(sandbox: Sandbox, tenantId: string): string {
  return `${sandbox.baseUrl}/${tenantId}/v2.0`;
}

/** A unique token identifier, 22 base64url characters like Microsoft's. */
function uti(): string {
  return randomBytes(16).toString('base64url');
}

/** Microsoft's subject is pairwise: the same user has a different sub in each app. */
export function pairwiseSubject(userId: string, appId: string): string {
  return createHash('sha256').update(`${userId}/${appId}`).digest('base64url');
}

async function sign(sandbox: Sandbox, claims: JWTPayload, lifetimeSeconds: number): Promise<string> {
  const iat = Math.floor(sandbox.clock.now() / 1000);
  return new SignJWT({ ...claims, iat, nbf: iat, exp: iat + lifetimeSeconds, uti: uti() })
    .setProtectedHeader({
      typ: 'JWT',
      alg: 'RS256',
      kid: sandbox.signingKey.kid,
      x5t: sandbox.signingKey.kid,
    })
    .sign(signingKey(sandbox));
}

export interface ClientIdentity {
  appId: string;
  displayName: string;
  authentication: ClientAuthentication;
}

function accessTokenBase(tenant: Tenant, client: ClientIdentity): JWTPayload {
  return {
    aud: MICROSOFT_GRAPH_RESOURCE,
    iss: accessTokenIssuer(tenant.id),
    idp: accessTokenIssuer(tenant.id),
    app_displayname: client.displayName,
    appid: client.appId,
    azp: client.appId,
    appidacr: client.authentication,
    tid: tenant.id,
    ver: '1.0',
  };
}

/** An app-only token: roles are exactly the application permissions consented in the tenant. */
export function issueAppAccessToken(
  sandbox: Sandbox,
  tenant: Tenant,
  client: ClientIdentity,
  servicePrincipal: StoredServicePrincipal,
  roles: string[],
): Promise<string> {
  const wids = directoryRoleTemplateIds(tenant.store, servicePrincipal.id);
  return sign(
    sandbox,
    {
      ...accessTokenBase(tenant, client),
      idtyp: 'app',
      oid: servicePrincipal.id,
      sub: servicePrincipal.id,
      ...(roles.length > 0 ? { roles } : {}),
      ...(wids.length > 0 ? { wids } : {}),
    },
    sandbox.options.accessTokenLifetimeSeconds,
  );
}

export interface UserGrant {
  user: StoredUser;
  /** Delegated Graph permissions. */
  scopes: string[];
  /** App roles of the client app the user holds. */
  roles: string[];
}

/** A delegated token for Graph on behalf of a user. */
export function issueUserAccessToken(
  sandbox: Sandbox,
  tenant: Tenant,
  client: ClientIdentity,
  grant: UserGrant,
): Promise<string> {
  const { user } = grant;
  return sign(
    sandbox,
    {
      ...accessTokenBase(tenant, client),
      idtyp: 'user',
      acr: '1',
      amr: ['pwd'],
      oid: user.id,
      sub: pairwiseSubject(user.id, client.appId),
      name: user.displayName ?? undefined,
      given_name: user.givenName ?? undefined,
      family_name: user.surname ?? undefined,
      upn: user.userPrincipalName ?? undefined,
      unique_name: user.userPrincipalName ?? undefined,
      scp: grant.scopes.join(' '),
      ...(grant.roles.length > 0 ? { roles: grant.roles } : {}),
      wids: directoryRoleTemplateIds(tenant.store, user.id),
    },
    sandbox.options.accessTokenLifetimeSeconds,
  );
}

export interface IdTokenRequest {
  clientId: string;
  user: StoredUser;
  nonce?: string;
  /** Seconds since the epoch when the user entered their password. */
  authTime: number;
  /** Session id, the same for every token of one sign-in session. */
  sid: string;
}

/** The OpenID Connect ID token (v2), with wids so the app can see the user's directory roles. */
export function issueIdToken(sandbox: Sandbox, tenant: Tenant, request: IdTokenRequest): Promise<string> {
  const { user } = request;
  return sign(
    sandbox,
    {
      aud: request.clientId,
      iss: idTokenIssuer(sandbox, tenant.id),
      auth_time: request.authTime,
      ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
      name: user.displayName ?? undefined,
      oid: user.id,
      preferred_username: user.userPrincipalName ?? undefined,
      ...(user.mail ? { email: user.mail } : {}),
      sid: request.sid,
      sub: pairwiseSubject(user.id, request.clientId),
      tid: tenant.id,
      wids: directoryRoleTemplateIds(tenant.store, user.id),
      ver: '2.0',
    },
    // ID tokens live one hour at Microsoft, whatever the access token lifetime.
    3600,
  );
}
