// What every Graph handler receives and returns. Handlers are plain functions of a
// request so the same code serves direct calls and requests inside a $batch.
import type { AccessTokenClaims } from '../identity/access-token.js';
import type { Random } from '../random.js';
import type { Sandbox } from '../sandbox.js';
import type { Tenant } from '../tenant.js';
import { forbidden, GraphError } from '../errors.js';
import type { TokenSealer } from './tokens.js';

export interface GraphRequest {
  method: string;
  /** Path below /v1.0, without the query string, e.g. "/users/123/members". */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface GraphContext {
  sandbox: Sandbox;
  tenant: Tenant;
  claims: AccessTokenClaims;
  request: GraphRequest;
  tokens: TokenSealer;
  ids: Random;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): GraphResponse {
  return { status, headers: { 'content-type': 'application/json;odata.metadata=minimal', ...headers }, body };
}

export const noContent = (): GraphResponse => ({ status: 204 });

/** Permissions the token carries: application roles, or delegated scopes. */
export function grantedPermissions(claims: AccessTokenClaims): string[] {
  return claims.idtyp === 'app' ? claims.roles : claims.scopes;
}

export function requireAnyPermission(claims: AccessTokenClaims, allowed: readonly string[]): void {
  const granted = grantedPermissions(claims);
  if (!allowed.some((permission) => granted.includes(permission))) throw forbidden();
}

export function requireObjectBody(request: GraphRequest): Record<string, unknown> {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) {
    throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  }
  return body as Record<string, unknown>;
}

/** "https://graph.microsoft.com/v1.0/$metadata#users" with the sandbox's own base. */
export function metadataContext(context: GraphContext, fragment: string): string {
  return `${context.sandbox.graphBaseUrl}/$metadata#${fragment}`;
}

/** The absolute URL of a path below /v1.0 with the given query, for nextLink / deltaLink. */
export function graphUrl(context: GraphContext, path: string, query: Record<string, string>): string {
  // Graph writes system query options with a literal "$" ($skiptoken=...), values encoded.
  const search = Object.entries(query)
    .map(([key, value]) => `${encodeURIComponent(key).replace(/^%24/, '$')}=${encodeURIComponent(value)}`)
    .join('&');
  return `${context.sandbox.graphBaseUrl}${path}${search ? `?${search}` : ''}`;
}
