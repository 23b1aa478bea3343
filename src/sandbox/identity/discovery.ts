// OpenID Connect discovery: the metadata document msal-node reads to resolve an
// authority, and the JWKS with the token-signing key (kid, x5t, x5c) as Microsoft
// publishes it.
import type { FastifyInstance } from 'fastify';
import { exportJWK } from 'jose';
import { certificateDer } from '../pki.js';
import type { Sandbox } from '../sandbox.js';
import { tokenVerificationKey } from './access-token.js';
import { resolveAuthority, type Authority } from './authority.js';
import { IdentityError, sendOAuthError } from './oauth-errors.js';

function tenantSegment(authority: Authority): { path: string; tid: string } {
  return authority.kind === 'tenant'
    ? { path: authority.tenant.id, tid: authority.tenant.id }
    : { path: authority.kind, tid: '{tenantid}' };
}

export function openIdConfiguration(sandbox: Sandbox, authority: Authority) {
  const { path, tid } = tenantSegment(authority);
  const base = `${sandbox.baseUrl}/${path}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${sandbox.baseUrl}/${tid}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    code_challenge_methods_supported: ['S256', 'plain'],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
      'oid',
      'wids',
    ],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: new URL(sandbox.baseUrl).host,
    rbac_url: 'https://pas.windows.net',
  };
}

async function signingKeySet(sandbox: Sandbox, authority: Authority) {
  const jwk = await exportJWK(tokenVerificationKey(sandbox));
  const { tid } = tenantSegment(authority);
  return {
    keys: [
      {
        kty: jwk.kty,
        use: 'sig',
        kid: sandbox.signingKey.kid,
        x5t: sandbox.signingKey.kid,
        n: jwk.n,
        e: jwk.e,
        x5c: [certificateDer(sandbox.signingKey.certPem).toString('base64')],
        cloud_instance_name: 'microsoftonline.com',
        issuer: `${sandbox.baseUrl}/${tid}/v2.0`,
      },
    ],
  };
}

export function registerDiscoveryRoutes(app: FastifyInstance, sandbox: Sandbox): void {
  app.get<{ Params: { tenant: string } }>(
    '/:tenant/v2.0/.well-known/openid-configuration',
    async (request, reply) => {
      try {
        const authority = resolveAuthority(sandbox, request.params.tenant);
        return reply
          .header('cache-control', 'max-age=86400, private')
          .send(openIdConfiguration(sandbox, authority));
      } catch (error) {
        if (error instanceof IdentityError) return sendOAuthError(reply, sandbox, error);
        throw error;
      }
    },
  );

  app.get<{ Params: { tenant: string } }>('/:tenant/discovery/v2.0/keys', async (request, reply) => {
    try {
      const authority = resolveAuthority(sandbox, request.params.tenant);
      return reply
        .header('cache-control', 'max-age=86400, private')
        .send(await signingKeySet(sandbox, authority));
    } catch (error) {
      if (error instanceof IdentityError) return sendOAuthError(reply, sandbox, error);
      throw error;
    }
  });
}
