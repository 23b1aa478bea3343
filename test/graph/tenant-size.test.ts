// The identity budget follows the tenant's size: the client counts the tenant's users
// before its first identity read and paces at the limit Graph gives that size, so a large
// tenant is read as fast as Graph allows (8,000 RU per 10 s), still without a 429.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GraphClient } from '../../src/graph/index.js';
import { identityLimitForUsers } from '../../src/graph/scopes.js';
import { TenantSize, userCountOf } from '../../src/graph/tenant-size.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { budgetsAtSpeed, connectionTo } from './support.js';

/**
 * Windows of 20 s, twice Graph's: the reads below take the sized client at least 20 s and
 * at the smallest tenant's budget at least 71 s, so the sandbox has time to answer them
 * even on a busy machine (about 42 s under a load of 17 on two cores).
 */
const SPEED = 0.5;

describe('identity budget by tenant size', () => {
  test("Graph's limits by user count", () => {
    assert.equal(identityLimitForUsers(0), 3500);
    assert.equal(identityLimitForUsers(49), 3500);
    assert.equal(identityLimitForUsers(50), 5000);
    assert.equal(identityLimitForUsers(500), 5000);
    assert.equal(identityLimitForUsers(501), 8000);
    assert.equal(userCountOf('1234'), 1234);
    assert.equal(userCountOf('12.5'), undefined);
    assert.equal(userCountOf({ error: {} }), undefined);
  });

  test('a count that failed for want of a token is tried again; one Graph refused holds for a day', async () => {
    let now = 0;
    let calls = 0;
    let outcome: () => Promise<number | undefined> = () => Promise.reject(new Error('no token'));
    const size = new TenantSize(
      () => {
        calls++;
        return outcome();
      },
      () => now,
    );
    await size.ensure();
    await size.ensure();
    assert.equal(calls, 2, 'retried after a failure that was not an answer');
    outcome = async () => undefined;
    await size.ensure();
    await size.ensure();
    assert.equal(calls, 3, 'a refusal is not asked again');
    outcome = async () => 700;
    now += 25 * 3600 * 1000;
    await size.ensure();
    assert.equal(calls, 4, 'counted again after a day');
    assert.equal(size.users, 700);
  });

  describe('against a tenant of 600 users', () => {
    let sandbox: TestSandbox;

    before(async () => {
      sandbox = await startTestSandbox({ users: 600, tenants: 1, throttle: SPEED });
    });

    after(async () => {
      await sandbox?.close();
    });

    test('reads are paced at 8,000 RU per window without a 429', async (t) => {
      const client = new GraphClient(connectionTo(sandbox), { budgets: budgetsAtSpeed(SPEED) });
      try {
        const ids: string[] = [];
        for await (const user of client.list<{ id: string }>('/users', { $select: 'id', $top: 999 }))
          ids.push(user.id);
        assert.equal(client.tenantUsers, ids.length);
        assert.equal(client.budget('identity').limit, 8000);

        // memberOf costs 3 RU: 8 passes over 600 users spend 14,400 RU.
        const started = Date.now();
        const passes = 8;
        for (let pass = 0; pass < passes; pass++) {
          const answers = await client.batch(ids.map((id) => ({ id, url: `/users/${id}/memberOf` })));
          assert.ok(answers.every((answer) => answer.status === 200));
        }
        const elapsed = Date.now() - started;
        const units = passes * ids.length * 3;
        const windowMs = 10_000 / SPEED;
        // At 90 % of the smallest tenant's 3,500 RU the client could not have been faster than this.
        const smallestPace = ((units - 3150) / 3150) * windowMs;
        const counters = client.counters();
        t.diagnostic(
          `${units} RU in ${elapsed} ms; at 3,500 RU per window at least ${Math.round(smallestPace)} ms`,
        );
        assert.equal(counters.throttled, 0);
        assert.equal(counters.failed, 0);
        assert.ok(elapsed < smallestPace, `${elapsed} ms, not faster than the smallest budget allows`);
      } finally {
        await client.close();
      }
    });

    test('a client told to keep its identity budget does not count the tenant', async () => {
      const client = new GraphClient(connectionTo(sandbox), {
        budgets: budgetsAtSpeed(SPEED),
        sizeIdentityBudget: false,
      });
      try {
        await client.get('/organization');
        assert.equal(client.tenantUsers, undefined);
        assert.equal(client.budget('identity').limit, 3500);
        assert.equal(client.counters().requests, 1);
      } finally {
        await client.close();
      }
    });
  });
});
