// What the browser-facing endpoints share: the request's parameters (query on GET, form
// fields on POST), the sign-in session cookie, and redirects back to the client.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sandbox } from '../sandbox.js';
import { SESSION_LIFETIME_MS, type UserSession } from './grants.js';
import { errorRedirectParameters, type IdentityError } from './oauth-errors.js';
import type { Sealer } from './sealed.js';

/** Microsoft's session cookie name. */
const SESSION_COOKIE = 'ESTSAUTH';

export type Parameters = Record<string, string | undefined>;

export function parametersOf(request: FastifyRequest): Parameters {
  const source = request.method === 'POST' ? request.body : request.query;
  if (source === null || typeof source !== 'object' || Buffer.isBuffer(source)) return {};
  const parameters: Parameters = {};
  for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
    if (typeof value === 'string') parameters[name] = value;
  }
  return parameters;
}

export function readSession(request: FastifyRequest, sealer: Sealer): UserSession | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return sealer.open<UserSession>('session', value.join('='));
  }
  return undefined;
}

export function startSession(
  reply: FastifyReply,
  sandbox: Sandbox,
  sealer: Sealer,
  tid: string,
  userId: string,
): UserSession {
  const session: UserSession = {
    tid,
    userId,
    authTime: Math.floor(sandbox.clock.now() / 1000),
    sid: randomUUID(),
  };
  const value = sealer.seal('session', SESSION_LIFETIME_MS, session);
  reply.header('set-cookie', `${SESSION_COOKIE}=${value}; Path=/; Secure; HttpOnly; SameSite=None`);
  return session;
}

export function endSession(reply: FastifyReply): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=0`);
}

/** Redirects to `uri` with `parameters` in the query, or in the fragment when asked. */
export function redirectTo(
  reply: FastifyReply,
  uri: string,
  parameters: URLSearchParams,
  responseMode: string | undefined = 'query',
): FastifyReply {
  const target = new URL(uri);
  if (responseMode === 'fragment') {
    target.hash = parameters.toString();
  } else {
    for (const [name, value] of parameters) target.searchParams.append(name, value);
  }
  return reply.header('cache-control', 'no-store, no-cache').redirect(target.toString(), 302);
}

export function redirectWithError(
  reply: FastifyReply,
  sandbox: Sandbox,
  uri: string,
  failure: IdentityError,
  parameters: Parameters,
): FastifyReply {
  return redirectTo(
    reply,
    uri,
    errorRedirectParameters(sandbox, failure, parameters.state),
    parameters.response_mode,
  );
}

/** The request's own parameters, to carry through a form in hidden fields. */
export function carriedParameters(parameters: Parameters, drop: readonly string[]): Parameters {
  const carried: Parameters = {};
  for (const [name, value] of Object.entries(parameters)) if (!drop.includes(name)) carried[name] = value;
  return carried;
}
