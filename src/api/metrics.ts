// Prometheus metrics at /metrics: requests by method, route template and status, their
// durations, the organizations by connection state, and Node's process metrics. One
// registry per API instance (not prom-client's global one), so several can run in a process.
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Kysely } from 'kysely';
import type { OrganizationsDatabase } from '../service/organizations/schema.js';

export function createMetrics(db: Kysely<OrganizationsDatabase>): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'tenantvault_organizations',
    help: 'Organizations, by whether their last connection check got a token',
    labelNames: ['connected'],
    registers: [registry],
    async collect() {
      const rows = await db.selectFrom('organizations').select('health').execute();
      const connected = rows.filter(
        (row) => row.health !== null && JSON.parse(row.health).connected === true,
      );
      this.set({ connected: 'true' }, connected.length);
      this.set({ connected: 'false' }, rows.length - connected.length);
    },
  });
  return registry;
}

export function registerMetrics(app: FastifyInstance, registry: Registry): void {
  const requests = new Counter({
    name: 'tenantvault_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'tenantvault_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route template',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The template, never the URL: ids in paths would make a series per resource.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    durations.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
}
