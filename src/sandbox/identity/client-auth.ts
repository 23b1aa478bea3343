// Client authentication at the token endpoint: a client secret (in the form or with HTTP
// Basic) checked against the app's passwordCredentials, or a certificate assertion
// (RFC 7523 JWT signed RS256 / PS256, x5t or x5t#S256 naming one of the app's
// keyCredentials) with aud = the token endpoint, iss = sub = client_id and a live exp.
import { createHash, X509Certificate } from 'node:crypto';
import type { KeyCredential } from '@microsoft/microsoft-graph-types';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import type { Sandbox } from '../sandbox.js';
import type { ClientApp } from './clients.js';
import { IdentityError } from './oauth-errors.js';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The appidacr claim: 0 public client, 1 client secret, 2 certificate. */
export type ClientAuthentication = '0' | '1' | '2';

export interface ClientCredentials {
  clientId?: string;
  clientSecret?: string;
  clientAssertion?: string;
  clientAssertionType?: string;
}

/** client_id / client_secret from the form, or from an HTTP Basic Authorization header. */
export function clientCredentialsOf(
  form: Record<string, string>,
  authorization: string | undefined,
): ClientCredentials {
  const credentials: ClientCredentials = {
    clientId: form.client_id,
    clientSecret: form.client_secret,
    clientAssertion: form.client_assertion,
    clientAssertionType: form.client_assertion_type,
  };
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      credentials.clientId ??= decodeURIComponent(decoded.slice(0, colon));
      credentials.clientSecret ??= decodeURIComponent(decoded.slice(colon + 1));
    }
  }
  return credentials;
}

function secretRejected(appId: string): IdentityError {
  return new IdentityError(
    'invalid_client',
    7000215,
    `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
  );
}

function checkSecret(sandbox: Sandbox, client: ClientApp, secret: string): void {
  const { application, home } = client;
  const appId = application.appId as string;
  const matching = (application.passwordCredentials ?? []).find(
    (credential) => credential.keyId && home.checkClientSecret(application.id, credential.keyId, secret),
  );
  if (!matching) throw secretRejected(appId);
  if (matching.endDateTime && Date.parse(matching.endDateTime) <= sandbox.clock.now()) {
    throw new IdentityError(
      'invalid_client',
      7000222,
      `The provided client secret keys for app '${appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    );
  }
}

function assertionFailure(aadsts: number, description: string): IdentityError {
  return new IdentityError('invalid_client', aadsts, description);
}

/** The app's certificate whose SHA-1 or SHA-256 thumbprint (base64url) is `x5t` / `x5tS256`. */
function certificateFor(
  client: ClientApp,
  x5t: string | undefined,
  x5tS256: string | undefined,
): KeyCredential | undefined {
  return (client.application.keyCredentials ?? []).find((credential) => {
    if (credential.type !== 'AsymmetricX509Cert' || !credential.key) return false;
    const der = Buffer.from(credential.key, 'base64');
    return (
      (x5t !== undefined && createHash('sha1').update(der).digest('base64url') === x5t) ||
      (x5tS256 !== undefined && createHash('sha256').update(der).digest('base64url') === x5tS256)
    );
  });
}

async function checkAssertion(
  sandbox: Sandbox,
  client: ClientApp,
  assertion: string,
  tokenEndpoints: readonly string[],
): Promise<void> {
  const appId = client.application.appId as string;
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(assertion);
    claims = decodeJwt(assertion);
  } catch {
    throw assertionFailure(50027, 'JWT token is invalid or malformed.');
  }
  const x5t = typeof header.x5t === 'string' ? header.x5t : undefined;
  const x5tS256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  const credential = certificateFor(client, x5t, x5tS256);
  if (!credential?.key) {
    const thumbprint = x5t ? Buffer.from(x5t, 'base64url').toString('hex').toUpperCase() : (x5tS256 ?? '');
    throw assertionFailure(
      700027,
      `Client assertion failed signature validation. (Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${appId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/${appId}']).`,
    );
  }
  try {
    const certificate = new X509Certificate(Buffer.from(credential.key, 'base64'));
    await compactVerify(assertion, certificate.publicKey, { algorithms: ['RS256', 'PS256'] });
  } catch {
    throw assertionFailure(
      700027,
      'Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value.]',
    );
  }
  if (claims.iss !== appId || claims.sub !== appId) {
    throw assertionFailure(
      700021,
      "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .",
    );
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((audience) => audience !== undefined && tokenEndpoints.includes(audience))) {
    throw assertionFailure(
      700212,
      `Client assertion audience claim does not match Realm issuer. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .`,
    );
  }
  const now = Math.floor(sandbox.clock.now() / 1000);
  const notBefore = claims.nbf ?? 0;
  if (typeof claims.exp !== 'number' || claims.exp < now || notBefore > now + 300) {
    throw assertionFailure(
      700024,
      `Client assertion is not within its valid time range. Current time: ${new Date(now * 1000).toISOString()}, assertion valid from ${new Date(notBefore * 1000).toISOString()}, expiry time of assertion ${new Date((claims.exp ?? 0) * 1000).toISOString()}. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .`,
    );
  }
  if (typeof claims.jti !== 'string' || claims.jti === '') {
    throw assertionFailure(50027, 'Invalid JWT token. The client assertion has no jti claim.');
  }
  if (credential.endDateTime && Date.parse(credential.endDateTime) <= sandbox.clock.now()) {
    throw assertionFailure(
      700027,
      'Client assertion contains an invalid signature. [Reason - The key used is expired.]',
    );
  }
}

/**
 * Authenticates the client and returns how (the appidacr claim). `required`: confidential
 * flows (client credentials, web redirect URIs) fail without a credential.
 */
export async function authenticateClient(
  sandbox: Sandbox,
  client: ClientApp,
  credentials: ClientCredentials,
  tokenEndpoints: readonly string[],
  required: boolean,
): Promise<ClientAuthentication> {
  if (credentials.clientAssertion !== undefined) {
    if (credentials.clientAssertionType !== CLIENT_ASSERTION_TYPE) {
      throw new IdentityError(
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'client_assertion_type'.",
      );
    }
    await checkAssertion(sandbox, client, credentials.clientAssertion, tokenEndpoints);
    return '2';
  }
  if (credentials.clientSecret !== undefined) {
    checkSecret(sandbox, client, credentials.clientSecret);
    return '1';
  }
  if (required) {
    throw new IdentityError(
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  return '0';
}
