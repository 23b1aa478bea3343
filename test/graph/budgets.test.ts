// Budgets: which scope a request belongs to and its documented cost, the pacing gate
// (rate, concurrency, pauses), and how $batch requests are split.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planBatches, type BatchRequest } from '../../src/graph/batch.js';
import { ScopeGate } from '../../src/graph/gate.js';
import { chargeFor } from '../../src/graph/scopes.js';

const charge = (path: string, method = 'GET') => {
  const url = new URL(path, 'https://graph.invalid');
  return chargeFor(method, url.pathname, url.searchParams);
};

describe('scopes and costs', () => {
  test('identity reads cost resource units as documented', () => {
    assert.deepEqual(charge('/users'), { kind: 'identity', key: 'identity', cost: 2 });
    assert.equal(charge('/users?$select=id,displayName').cost, 1);
    assert.equal(charge('/applications?$expand=owners').cost, 3);
    assert.equal(charge('/users?$top=10').cost, 1);
    assert.equal(charge('/users?$select=id&$top=5').cost, 1, 'never below 1');
    assert.equal(charge('/groups/g1/members').cost, 3);
    assert.equal(charge('/groups/g1/transitiveMembers?$select=id').cost, 4);
    assert.equal(charge('/directoryRoles').cost, 1);
    assert.equal(charge('/users/delta').cost, 2);
  });

  test('services with their own limits get their own scope', () => {
    assert.equal(charge('/auditLogs/signIns?$top=50').kind, 'auditLogs');
    assert.equal(charge('/identity/conditionalAccess/policies').kind, 'conditionalAccess');
    assert.equal(charge('/deviceManagement/deviceConfigurations').kind, 'intune');
    assert.equal(charge('/users/u1', 'PATCH').kind, 'identityWrites');
  });

  test('Outlook requests are budgeted per mailbox', () => {
    assert.deepEqual(charge('/users/U1/mailFolders/inbox/messages/delta'), {
      kind: 'mailbox',
      key: 'mailbox/u1',
      cost: 1,
    });
    assert.equal(charge('/users/u2/calendarView/delta').key, 'mailbox/u2');
    assert.equal(charge('/users/u1/memberOf').kind, 'identity');
  });
});

describe('the pacing gate', () => {
  test('paces to the budget rate after the initial burst', async () => {
    // 10 units per 200 ms, paced at 100 %: 10 at once, then one per 20 ms.
    const gate = new ScopeGate({ limit: 10, windowMs: 200, concurrency: 100 }, 1);
    const started = Date.now();
    for (let index = 0; index < 20; index++) await gate.reserve(1);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 180 && elapsed < 600, `20 units took ${elapsed} ms`);
  });

  test('caps the requests in flight', async () => {
    const gate = new ScopeGate({ limit: 1000, windowMs: 1000, concurrency: 3 }, 1);
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        const release = await gate.enter();
        peak = Math.max(peak, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 10));
        inFlight--;
        release();
      }),
    );
    assert.equal(peak, 3);
  });

  test('a throttled budget waits out the pause, then starts from an empty bucket', async () => {
    const gate = new ScopeGate({ limit: 100, windowMs: 1000, concurrency: 10 }, 1);
    await gate.reserve(1);
    gate.throttled(150);
    const started = Date.now();
    await gate.reserve(5);
    const elapsed = Date.now() - started;
    // 150 ms pause, then 5 units at 0.1 per ms.
    assert.ok(elapsed >= 190 && elapsed < 600, `waited ${elapsed} ms`);
  });

  test('a request dearer than the bucket still goes when the bucket is full', async () => {
    const gate = new ScopeGate({ limit: 1, windowMs: 100, concurrency: 1 }, 0.9);
    await gate.reserve(1);
    const started = Date.now();
    await gate.reserve(1);
    assert.ok(Date.now() - started >= 90, 'one per window');
  });

  test('near the limit reported by Graph, the pace halves', async () => {
    const gate = new ScopeGate({ limit: 10, windowMs: 100, concurrency: 10 }, 1);
    for (let index = 0; index < 10; index++) await gate.reserve(1);
    gate.answered(0.9);
    const started = Date.now();
    for (let index = 0; index < 10; index++) await gate.reserve(1);
    // 10 units at half of 0.1 per ms: 200 ms, against 100 ms at full pace.
    assert.ok(Date.now() - started >= 160, `took ${Date.now() - started} ms`);
  });

  test('a 429 despite the pacing halves the pace; unhindered answers restore it', async () => {
    const gate = new ScopeGate({ limit: 10, windowMs: 100, concurrency: 10 }, 1);
    gate.throttled(0);
    const timeFor = async (units: number) => {
      const started = Date.now();
      for (let index = 0; index < units; index++) await gate.reserve(1);
      return Date.now() - started;
    };
    const slow = await timeFor(5);
    assert.ok(slow >= 90, `5 units at half pace took ${slow} ms`);
    for (let index = 0; index < 16; index++) gate.answered();
    const fast = await timeFor(5);
    assert.ok(fast < slow * 0.75, `5 units at full pace took ${fast} ms, at half pace ${slow} ms`);
  });
});

describe('batch planning', () => {
  const request = (id: string, dependsOn?: string[]): BatchRequest => ({
    id,
    url: `/users/${id}`,
    dependsOn,
  });

  test('splits into batches of at most 20', () => {
    const batches = planBatches(Array.from({ length: 45 }, (_, index) => request(String(index))));
    assert.deepEqual(
      batches.map((batch) => batch.length),
      [20, 20, 5],
    );
  });

  test('keeps a dependsOn chain in one batch', () => {
    const requests = Array.from({ length: 19 }, (_, index) => request(`a${index}`));
    requests.push(request('x'), request('y', ['x']), request('z', ['y']));
    const batches = planBatches(requests);
    const holding = batches.filter((batch) => batch.some((item) => ['x', 'y', 'z'].includes(item.id)));
    assert.equal(holding.length, 1);
    assert.ok(batches.every((batch) => batch.length <= 20));
  });

  test('refuses duplicate ids, unknown dependencies and chains longer than a batch', () => {
    assert.throws(() => planBatches([request('1'), request('1')]), /used twice/);
    assert.throws(() => planBatches([request('1', ['9'])]), /unknown '9'/);
    const chain = Array.from({ length: 21 }, (_, index) =>
      request(String(index), index ? [String(index - 1)] : []),
    );
    assert.throws(() => planBatches(chain), /does not fit/);
  });
});
