// The sandbox's HTTPS server: one origin that serves the identity platform
// (/{tenant}/oauth2/v2.0/..., /{tenant}/v2.0/.well-known/...), Microsoft Graph (/v1.0/...)
// and the admin endpoint (/_sandbox/...). Whatever arrives, the answer is either a
// success or an error in the shape the real service uses; the process never dies.
import { randomUUID } from 'node:crypto';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { graphErrorBody, GraphError } from './errors.js';
import type { GraphDispatcher } from './graph/dispatch.js';
import { registerGraphRoutes } from './graph/routes.js';
import { registerIdentityRoutes } from './identity/routes.js';
import { registerAdminRoutes } from './admin.js';
import type { Sandbox } from './sandbox.js';
import type { KeyAndCertificate } from './pki.js';

const BODY_LIMIT = 16 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** The request-id Graph would put in innerError and the request-id header. */
    graphRequestId: string;
  }
  interface FastifyInstance {
    /** Graph's request pipeline, whose throttling and faults the admin endpoint tunes. */
    graph: GraphDispatcher;
  }
}

export function requestIdOf(request: FastifyRequest): string {
  return request.graphRequestId;
}

/** Sends a Graph-shaped error; used by every part of the server for non-identity errors. */
export function sendGraphError(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  message: string,
): FastifyReply {
  const clientRequestId = request.headers['client-request-id'];
  return reply
    .status(status)
    .header('content-type', 'application/json')
    .send(
      graphErrorBody(
        code,
        message,
        request.graphRequestId,
        new Date().toISOString().replace(/\.\d+Z$/, ''),
        typeof clientRequestId === 'string' ? clientRequestId : undefined,
      ),
    );
}

function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'BadRequest';
    case 404:
      return 'Request_ResourceNotFound';
    case 405:
      return 'Request_BadRequest';
    case 413:
      return 'RequestEntityTooLarge';
    case 415:
      return 'UnsupportedMediaType';
    default:
      return status >= 500 ? 'InternalServerError' : 'BadRequest';
  }
}

export async function buildServer(sandbox: Sandbox, tls: KeyAndCertificate): Promise<FastifyInstance> {
  const app = Fastify({
    https: { key: tls.keyPem, cert: tls.certPem },
    bodyLimit: BODY_LIMIT,
    logger: false,
    // Graph ids, skip tokens and delta tokens can make long URLs.
    routerOptions: { maxParamLength: 4096 },
    return503OnClosing: true,
    forceCloseConnections: true,
  });

  app.decorateRequest('graphRequestId', '');
  app.addHook('onRequest', async (request, reply) => {
    request.graphRequestId = randomUUID();
    reply.header('request-id', request.graphRequestId);
    const clientRequestId = request.headers['client-request-id'];
    reply.header(
      'client-request-id',
      typeof clientRequestId === 'string' ? clientRequestId : request.graphRequestId,
    );
  });

  // Graph accepts JSON; the identity platform takes forms. Anything else is parsed as text
  // and rejected by the route that receives it, with an error in its own shape.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError | GraphError, request, reply) => {
    if (error instanceof GraphError) {
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return sendGraphError(reply, request, error.status, error.code, error.message);
    }
    const status =
      'statusCode' in error && typeof error.statusCode === 'number' && error.statusCode >= 400
        ? (error.statusCode as number)
        : 500;
    const message = status >= 500 ? 'An internal server error occurred.' : error.message;
    if (status >= 500) console.error('sandbox: unexpected error', error);
    return sendGraphError(reply, request, status, codeForStatus(status), message);
  });

  app.setNotFoundHandler((request, reply) => {
    const segment = request.url.split('?')[0]?.split('/').filter(Boolean).pop() ?? '';
    return sendGraphError(
      reply,
      request,
      400,
      'BadRequest',
      `Resource not found for the segment '${segment}'.`,
    );
  });

  registerIdentityRoutes(app, sandbox);
  const graph = registerGraphRoutes(app, sandbox);
  app.decorate('graph', graph);
  registerAdminRoutes(app, sandbox, graph);
  return app;
}
