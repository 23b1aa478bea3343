// Mounts Microsoft Graph v1.0 on the sandbox's HTTPS server.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphError } from '../errors.js';
import type { Sandbox } from '../sandbox.js';
import { runBatch } from './batch.js';
import type { GraphRequest } from './context.js';
import { GraphDispatcher } from './dispatch.js';

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;

function headersOf(request: FastifyRequest): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function graphRequestOf(request: FastifyRequest): GraphRequest {
  const url = new URL(request.url, 'https://sandbox.invalid');
  let body: unknown = request.body;
  if (Buffer.isBuffer(body)) {
    // Graph takes JSON whatever the content type says; anything else is a bad request.
    const text = body.toString('utf8').trim();
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new GraphError(
        400,
        'BadRequest',
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
      );
    }
  }
  return {
    method: request.method,
    path: url.pathname.replace(/^\/v1\.0/, '') || '/',
    query: url.searchParams,
    headers: headersOf(request),
    body,
  };
}

function send(
  reply: FastifyReply,
  status: number,
  headers: Record<string, string> | undefined,
  body: unknown,
): FastifyReply {
  for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
  reply.status(status);
  return body === undefined ? reply.send() : reply.send(body);
}

export function registerGraphRoutes(app: FastifyInstance, sandbox: Sandbox): GraphDispatcher {
  const dispatcher = new GraphDispatcher(sandbox);

  app.post('/v1.0/$batch', async (request, reply) => {
    const graphRequest = graphRequestOf(request);
    const result = await runBatch(dispatcher, graphRequest.body, graphRequest.headers.authorization);
    return send(reply, 200, { 'content-type': 'application/json' }, result);
  });

  app.route({
    method: [...METHODS],
    url: '/v1.0/*',
    handler: async (request, reply) => {
      const result = await dispatcher.dispatch(graphRequestOf(request), false);
      if ('drop' in result) {
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      }
      return send(reply, result.status, result.headers, result.body);
    },
  });
  return dispatcher;
}
