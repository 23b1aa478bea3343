// /_sandbox/: the tenant's "admin portal" for tests and demos. It changes objects the way
// an admin would (so delta and audit logs see it), simulates activity, moves the clock,
// tunes throttling and faults, and resets state. It answers only to the admin key
// (header x-sandbox-admin-key), never to a Graph token.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphError, notFound } from './errors.js';
import { applyRandomChanges } from './generator/index.js';
import type { GraphDispatcher } from './graph/dispatch.js';
import { Random } from './random.js';
import type { Sandbox } from './sandbox.js';
import { resetTenants } from './seeding.js';
import type { Tenant } from './tenant.js';

function requireAdmin(sandbox: Sandbox, request: FastifyRequest): void {
  const given = Buffer.from(String(request.headers['x-sandbox-admin-key'] ?? ''));
  const expected = Buffer.from(sandbox.adminKey);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new GraphError(
      401,
      'Unauthorized',
      'The sandbox admin endpoint needs the x-sandbox-admin-key header.',
    );
  }
}

function tenantOf(sandbox: Sandbox, request: FastifyRequest): Tenant {
  const { tenant } = request.params as { tenant: string };
  const found = sandbox.tenantBySegment(tenant);
  if (!found) throw notFound(tenant);
  return found;
}

function objectBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) {
    throw new GraphError(400, 'BadRequest', 'A JSON object body is required.');
  }
  return body as Record<string, unknown>;
}

function numberField(body: Record<string, unknown>, name: string): number {
  const value = body[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new GraphError(400, 'BadRequest', `'${name}' must be a number.`);
  }
  return value;
}

export function registerAdminRoutes(app: FastifyInstance, sandbox: Sandbox, graph: GraphDispatcher): void {
  const ids = new Random(`${Date.now()}/${process.pid}/admin`);
  const admin = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    handler: (request: FastifyRequest, reply: FastifyReply) => unknown,
  ) =>
    app.route({
      method,
      url: `/_sandbox${url}`,
      handler: async (request, reply) => {
        requireAdmin(sandbox, request);
        return handler(request, reply);
      },
    });

  admin('GET', '/tenants', () => ({
    value: [...sandbox.tenants.values()].map((tenant) => ({
      ...tenant.info,
      users: tenant.store.collection('users').size,
      groups: tenant.store.collection('groups').size,
    })),
  }));

  admin('GET', '/tenants/:tenant/objects/:collection/:id', (request) => {
    const { collection, id } = request.params as { collection: string; id: string };
    const object = tenantOf(sandbox, request).store.collection(collection).get(id);
    if (!object) throw notFound(id);
    return object;
  });

  admin('POST', '/tenants/:tenant/objects/:collection', (request, reply) => {
    const { collection } = request.params as { collection: string };
    const body = objectBody(request);
    const created = tenantOf(sandbox, request).store.create(collection, {
      ...body,
      id: String(body.id ?? ids.uuid()),
    });
    return reply.status(201).send(created);
  });

  admin('PATCH', '/tenants/:tenant/objects/:collection/:id', (request) => {
    const { collection, id } = request.params as { collection: string; id: string };
    const updated = tenantOf(sandbox, request).store.update(collection, id, objectBody(request));
    if (!updated) throw notFound(id);
    return updated;
  });

  admin('DELETE', '/tenants/:tenant/objects/:collection/:id', (request, reply) => {
    const { collection, id } = request.params as { collection: string; id: string };
    if (!tenantOf(sandbox, request).store.delete(collection, id)) throw notFound(id);
    return reply.status(204).send();
  });

  admin('POST', '/tenants/:tenant/links/:collection/:id/:relation', (request, reply) => {
    const { collection, id, relation } = request.params as {
      collection: string;
      id: string;
      relation: string;
    };
    const targetId = String(objectBody(request).targetId ?? '');
    const store = tenantOf(sandbox, request).store;
    if (!store.find(id)) throw notFound(id);
    if (!store.find(targetId)) throw notFound(targetId);
    store.link(collection, id, relation, targetId);
    return reply.status(204).send();
  });

  admin('DELETE', '/tenants/:tenant/links/:collection/:id/:relation/:targetId', (request, reply) => {
    const { collection, id, relation, targetId } = request.params as {
      collection: string;
      id: string;
      relation: string;
      targetId: string;
    };
    if (!tenantOf(sandbox, request).store.unlink(collection, id, relation, targetId))
      throw notFound(targetId);
    return reply.status(204).send();
  });

  admin('POST', '/tenants/:tenant/activity', (request) => {
    const count = numberField(objectBody(request), 'changes');
    return applyRandomChanges(tenantOf(sandbox, request), count, ids, () => sandbox.clock.now());
  });

  admin('POST', '/clock', (request) => {
    sandbox.clock.advance(numberField(objectBody(request), 'advanceMs'));
    return { now: sandbox.clock.iso() };
  });

  admin('PUT', '/faults', (request) => {
    const rate = numberField(objectBody(request), 'rate');
    if (rate < 0 || rate > 1) throw new GraphError(400, 'BadRequest', "'rate' must be between 0 and 1.");
    graph.faults.setRate(rate);
    return { rate };
  });

  admin('POST', '/reset', async () => {
    await resetTenants(sandbox);
    return { tenants: sandbox.tenants.size };
  });

  admin('PUT', '/throttle', (request) => {
    const setting = objectBody(request).setting;
    if (setting !== 'on' && setting !== 'off' && !(typeof setting === 'number' && setting > 0)) {
      throw new GraphError(400, 'BadRequest', '\'setting\' must be "on", "off" or a positive speed factor.');
    }
    graph.setThrottle(setting);
    return { setting };
  });
}
