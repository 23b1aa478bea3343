// The Graph client under Graph's throttling and a busy service's faults: a backup-like
// scan of a tenant with throttling at a speed factor and 5 % faults completes without a
// single failure, and Conditional Access reads (429s without Retry-After) get through by
// backoff when two clients share the tenant's budget.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GraphClient, type GraphCounterSnapshot } from '../../src/graph/index.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { budgetsAtSpeed, connectionTo } from './support.js';

const SPEED = 10;

interface Entity {
  id: string;
}

function describeCounters(counters: GraphCounterSnapshot): string {
  const scopes = Object.entries(counters.byScope).map(
    ([scope, counts]) =>
      `${scope}: ${counts.requests} requests, ${counts.throttled} throttled, ${counts.retried} retried`,
  );
  return `${counters.requests} requests, ${counters.ok} ok, ${counters.throttled} throttled, ${counters.retried} retried, ${counters.failed} failed (${scopes.join('; ')})`;
}

describe('Graph client under throttling and faults', () => {
  let sandbox: TestSandbox;

  before(async () => {
    sandbox = await startTestSandbox({ users: 300, throttle: SPEED, faults: 0.05 });
  });

  after(async () => {
    await sandbox?.close();
  });

  test('a backup-like scan completes with zero failures', async (t) => {
    const client = new GraphClient(connectionTo(sandbox), {
      budgets: budgetsAtSpeed(SPEED),
      backoff: { baseMs: 200 },
    });
    const started = Date.now();
    try {
      const count = async (path: string, query: Record<string, string | number> = {}) => {
        let items = 0;
        for await (const _ of client.list<Entity>(path, query)) items++;
        return items;
      };
      const [users, groups, applications, servicePrincipals, devices] = await Promise.all([
        count('/users', { $select: 'id,displayName,accountEnabled,assignedLicenses', $top: 25 }),
        count('/groups', { $top: 25 }),
        count('/applications', { $top: 25 }),
        count('/servicePrincipals', { $top: 25 }),
        count('/devices', { $top: 25 }),
      ]);
      // Relationships of many objects in few round trips.
      const relationships = async (collection: string, relation: string) => {
        const ids: string[] = [];
        for await (const item of client.list<Entity>(`/${collection}`, { $select: 'id' })) ids.push(item.id);
        return client.batch(ids.map((id) => ({ id, url: `/${collection}/${id}/${relation}?$select=id` })));
      };
      const [members, memberships] = await Promise.all([
        relationships('groups', 'members'),
        relationships('users', 'memberOf'),
      ]);
      const [audits, policies, configurations] = await Promise.all([
        count('/auditLogs/directoryAudits', { $top: 20 }),
        count('/identity/conditionalAccess/policies'),
        count('/deviceManagement/deviceConfigurations'),
      ]);
      const counters = client.counters();
      t.diagnostic(
        `users ${users}, groups ${groups}, applications ${applications}, service principals ${servicePrincipals}, devices ${devices}, audits ${audits}, CA policies ${policies}, device configurations ${configurations}`,
      );
      t.diagnostic(`${Date.now() - started} ms: ${describeCounters(counters)}`);
      assert.ok(users >= 300);
      assert.ok(groups > 0 && audits > 0 && policies > 0);
      assert.ok(
        members.every((answer) => answer.status === 200),
        'every group answered its members',
      );
      assert.equal(memberships.length, users);
      assert.ok(
        memberships.every((answer) => answer.status === 200),
        'every user answered its groups',
      );
      assert.equal(counters.failed, 0);
      assert.ok(counters.retried > 0, 'faults were retried');
    } finally {
      await client.close();
    }
  });

  test('Conditional Access reads get through 429s without Retry-After', async (t) => {
    await sandbox.admin('/faults', 'PUT', { rate: 0 });
    // Two workers of the same app share the tenant's 1-per-second Conditional Access budget.
    const workers = [0, 1].map(
      () =>
        new GraphClient(connectionTo(sandbox), { budgets: budgetsAtSpeed(SPEED), backoff: { baseMs: 100 } }),
    );
    try {
      const reads = await Promise.all(
        workers.flatMap((worker) =>
          Array.from({ length: 10 }, () =>
            worker.get<{ value: Entity[] }>('/identity/conditionalAccess/policies'),
          ),
        ),
      );
      assert.ok(reads.every((read) => read.value.length > 0));
      const counters = workers.map((worker) => worker.counters());
      for (const counter of counters) t.diagnostic(describeCounters(counter));
      assert.ok(
        counters.some((counter) => counter.throttled > 0),
        'the shared budget was exceeded',
      );
      assert.ok(counters.every((counter) => counter.failed === 0));
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
      await sandbox.admin('/faults', 'PUT', { rate: 0.05 });
    }
  });
});
