// Validation of the access tokens Microsoft Graph receives: signature by the sandbox's
// token-signing key, audience Graph, a known tenant as issuer, lifetime on the sandbox
// clock. Failures are Graph's 401 with its WWW-Authenticate header.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { GraphError } from '../errors.js';
import { MICROSOFT_GRAPH_APP_ID, MICROSOFT_GRAPH_RESOURCE } from '../directory/graph-permissions.js';
import type { Sandbox } from '../sandbox.js';
import type { Tenant } from '../tenant.js';

/** Audiences Graph accepts: its resource URI (with or without a trailing slash) or its app id. */
const GRAPH_AUDIENCES = new Set([
  MICROSOFT_GRAPH_RESOURCE,
  `${MICROSOFT_GRAPH_RESOURCE}/`,
  MICROSOFT_GRAPH_APP_ID,
]);

/** Graph tolerates a few minutes of clock skew, as Microsoft's token validation does. */
const CLOCK_SKEW_SECONDS = 300;

export interface AccessTokenClaims {
  tid: string;
  /** The service principal (app tokens) or the user (delegated tokens). */
  oid: string;
  appid: string;
  appDisplayName?: string;
  idtyp: 'app' | 'user';
  /** Application permissions (app tokens) or app roles assigned to the user. */
  roles: string[];
  /** Delegated permissions, from the space-separated `scp` claim. */
  scopes: string[];
  /** Directory role template ids of the user. */
  wids: string[];
  name?: string;
  upn?: string;
  exp: number;
  iat: number;
}

export interface VerifiedAccessToken {
  tenant: Tenant;
  claims: AccessTokenClaims;
}

/** The Graph v1 issuer of tokens for a tenant: what Graph access tokens carry in `iss`. */
export function accessTokenIssuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

const publicKeys = new WeakMap<Sandbox, KeyObject>();

export function tokenVerificationKey(sandbox: Sandbox): KeyObject {
  let key = publicKeys.get(sandbox);
  if (!key) {
    key = createPublicKey(sandbox.signingKey.certPem);
    publicKeys.set(sandbox, key);
  }
  return key;
}

function invalidToken(sandbox: Sandbox, message: string, tenant?: Tenant): GraphError {
  const authority = tenant ? sandbox.authorityUrl(tenant) : `${sandbox.baseUrl}/common`;
  const challenge = [
    'Bearer realm=""',
    `authorization_uri="${authority}/oauth2/authorize"`,
    `client_id="${MICROSOFT_GRAPH_APP_ID}"`,
    'error="invalid_token"',
    `error_description="${message.replace(/"/g, "'")}"`,
  ].join(', ');
  return new GraphError(401, 'InvalidAuthenticationToken', message, { 'www-authenticate': challenge });
}

function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer\s+(\S*)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? '';
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' ? value : undefined;
}

function stringArrayClaim(payload: JWTPayload, name: string): string[] {
  const value = payload[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Validates the Authorization header of a Graph request and returns the token's tenant
 * and claims; throws GraphError 401 (InvalidAuthenticationToken) otherwise.
 */
export async function verifyGraphAccessToken(
  sandbox: Sandbox,
  authorization: string | undefined,
): Promise<VerifiedAccessToken> {
  const token = bearerToken(authorization);
  if (!token) throw invalidToken(sandbox, 'Access token is empty.');
  if (token.split('.').length !== 3) {
    throw invalidToken(sandbox, 'Invalid JWT token. The token is not in JWS or JWE format.');
  }

  let payload: JWTPayload;
  try {
    decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch {
    throw invalidToken(sandbox, 'Invalid JWT token. The token is malformed.');
  }
  const tid = stringClaim(payload, 'tid');
  const tenant = tid ? sandbox.tenants.get(tid) : undefined;

  try {
    await compactVerify(token, tokenVerificationKey(sandbox), { algorithms: ['RS256'] });
  } catch {
    throw invalidToken(sandbox, 'Access token validation failure.', tenant);
  }

  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.some((audience) => audience !== undefined && GRAPH_AUDIENCES.has(audience))) {
    throw invalidToken(sandbox, 'Access token validation failure. Invalid audience.', tenant);
  }
  if (!tenant || payload.iss !== accessTokenIssuer(tenant.id)) {
    throw invalidToken(sandbox, 'Access token validation failure. Invalid issuer.', tenant);
  }

  const now = Math.floor(sandbox.clock.now() / 1000);
  const notBefore = payload.nbf ?? payload.iat ?? 0;
  if (
    typeof payload.exp !== 'number' ||
    now > payload.exp + CLOCK_SKEW_SECONDS ||
    now + CLOCK_SKEW_SECONDS < notBefore
  ) {
    throw invalidToken(sandbox, 'Access token has expired or is not yet valid.', tenant);
  }

  const idtyp = stringClaim(payload, 'idtyp') === 'user' ? 'user' : 'app';
  const scp = stringClaim(payload, 'scp');
  const claims: AccessTokenClaims = {
    tid: tenant.id,
    oid: stringClaim(payload, 'oid') ?? '',
    appid: stringClaim(payload, 'appid') ?? '',
    appDisplayName: stringClaim(payload, 'app_displayname'),
    idtyp,
    roles: stringArrayClaim(payload, 'roles'),
    scopes: scp ? scp.split(' ').filter(Boolean) : [],
    wids: stringArrayClaim(payload, 'wids'),
    name: stringClaim(payload, 'name'),
    upn: stringClaim(payload, 'upn'),
    exp: payload.exp,
    iat: payload.iat ?? notBefore,
  };
  return { tenant, claims };
}
