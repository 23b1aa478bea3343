// Liveness (/healthz: the process answers), readiness (/readyz: its database answers too)
// and Prometheus metrics (/metrics). Open to anyone, as load balancers and scrapers expect.
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import { Type } from 'typebox';
import type { ApiContext, ApiInstance } from '../context.js';

const Status = Type.Object({ status: Type.String() });

export function registerHealthRoutes(app: ApiInstance, context: ApiContext, metrics: Registry): void {
  const operations = { tags: ['health'] };
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { ...operations, summary: 'The process is up', response: { 200: Status } },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        ...operations,
        summary: 'The service can answer: its database responds',
        response: { 200: Status, 503: Status },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(context.services.db);
        return { status: 'ready' };
      } catch (error) {
        request.log.warn({ err: error }, 'database not reachable');
        return reply.code(503).send({ status: 'database unreachable' });
      }
    },
  );

  app.get(
    '/metrics',
    {
      config: { access: 'public' },
      schema: {
        ...operations,
        summary: 'Prometheus metrics (text exposition format)',
      },
    },
    async (_request, reply) => reply.type(metrics.contentType).send(await metrics.metrics()),
  );
}
