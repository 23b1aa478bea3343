// Errors of the identity platform in Microsoft's shape. The token endpoint answers JSON
// ({error, error_description "AADSTSnnn: … Trace ID … Correlation ID … Timestamp …",
// error_codes, timestamp, trace_id, correlation_id, error_uri}); browser endpoints
// redirect with error/error_description or show an error page.
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Sandbox } from '../sandbox.js';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'access_denied'
  | 'interaction_required'
  | 'consent_required'
  | 'login_required';

/** A failure of the identity platform: an OAuth error code, an AADSTS number and its text. */
export class IdentityError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly aadsts: number,
    readonly description: string,
    /** HTTP status of a token-endpoint answer (Microsoft uses 401 for invalid_client). */
    readonly status = error === 'invalid_client' ? 401 : 400,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
    this.name = 'IdentityError';
  }
}

/** Microsoft's timestamp format in error descriptions: "2024-01-31 12:34:56Z". */
function errorTimestamp(sandbox: Sandbox): string {
  return sandbox.clock
    .iso()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

export interface OAuthErrorBody {
  error: OAuthErrorCode;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

export function oauthErrorBody(
  sandbox: Sandbox,
  failure: IdentityError,
  correlationId: string = randomUUID(),
): OAuthErrorBody {
  const timestamp = errorTimestamp(sandbox);
  const traceId = randomUUID();
  return {
    error: failure.error,
    error_description: `${failure.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [failure.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${sandbox.baseUrl}/error?code=${failure.aadsts}`,
  };
}

export function sendOAuthError(
  reply: FastifyReply,
  sandbox: Sandbox,
  failure: IdentityError,
  correlationId?: string,
): FastifyReply {
  return reply
    .status(failure.status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store, no-cache')
    .send(oauthErrorBody(sandbox, failure, correlationId));
}

/** The query a browser flow appends to the client's redirect URI on failure. */
export function errorRedirectParameters(
  sandbox: Sandbox,
  failure: IdentityError,
  state?: string,
): URLSearchParams {
  const body = oauthErrorBody(sandbox, failure);
  const parameters = new URLSearchParams({ error: failure.error, error_description: body.error_description });
  if (state !== undefined) parameters.set('state', state);
  return parameters;
}

export const missingParameter = (name: string) =>
  new IdentityError(
    'invalid_request',
    900144,
    `The request body must contain the following parameter: '${name}'.`,
  );

export const tenantNotFound = (segment: string) =>
  new IdentityError(
    'invalid_request',
    90002,
    `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );

export const applicationNotFound = (appId: string, tenantId: string) =>
  new IdentityError(
    'unauthorized_client',
    700016,
    `Application with identifier '${appId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  );

export const consentRequired = (appId: string, appName: string) =>
  new IdentityError(
    'consent_required',
    65001,
    `The user or administrator has not consented to use the application with ID '${appId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
  );
