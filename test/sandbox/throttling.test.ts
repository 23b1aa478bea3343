// Throttling as Graph documents it, first on the model with a fake clock, then over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { identityLimit, Throttle, type ThrottleRequest } from '../../src/sandbox/graph/throttle.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const identityRead = (users: number, cost = 2): ThrottleRequest => ({
  scope: 'identity',
  tenantId: 't',
  appId: 'a',
  tenantUsers: users,
  write: false,
  cost,
});

describe('the throttling model', () => {
  test('identity resource units per 10 s depend on tenant size', () => {
    assert.equal(identityLimit(10), 3500);
    assert.equal(identityLimit(200), 5000);
    assert.equal(identityLimit(10_000), 8000);
    const time = clock();
    const throttle = new Throttle('on', time.now);
    let allowed = 0;
    while (throttle.check(identityRead(10)).allowed) allowed++;
    assert.equal(allowed, 1750, '3,500 units at 2 units a request');
    const rejected = throttle.check(identityRead(10));
    assert.equal(rejected.allowed, false);
    assert.ok((rejected.retryAfterSeconds ?? 0) >= 1);
    assert.match(rejected.headers['x-ms-throttle-scope'] ?? '', /^Tenant_Application\/ReadWrite\/a\/t$/);
    assert.equal(rejected.headers['x-ms-throttle-information'], 'ResourceUnitLimitExceeded');
    time.advance(10_000);
    assert.equal(throttle.check(identityRead(10)).allowed, true, 'the bucket refills');
  });

  test('usage above 80 % is announced', () => {
    const throttle = new Throttle('on', clock().now);
    let last: Record<string, string> = {};
    for (let index = 0; index < 1500; index++) last = throttle.check(identityRead(10)).headers;
    assert.equal(last['x-ms-resource-unit'], '2');
    assert.ok(Number(last['x-ms-throttle-limit-percentage']) > 0.8);
  });

  test('audit logs allow 5 per 10 s; Conditional Access 1 per second without Retry-After', () => {
    const time = clock();
    const throttle = new Throttle('on', time.now);
    const audit: ThrottleRequest = { ...identityRead(10), scope: 'auditLogs', cost: 1 };
    for (let index = 0; index < 5; index++) assert.equal(throttle.check(audit).allowed, true);
    const sixth = throttle.check(audit);
    assert.equal(sixth.allowed, false);
    assert.ok(sixth.headers['retry-after']);
    const ca: ThrottleRequest = { ...identityRead(10), scope: 'conditionalAccess', cost: 1 };
    assert.equal(throttle.check(ca).allowed, true);
    const second = throttle.check(ca);
    assert.equal(second.allowed, false);
    assert.equal(second.headers['retry-after'], undefined);
  });

  test('throttled requests still count, and a speed factor shortens windows', () => {
    const time = clock();
    const throttle = new Throttle(10, time.now);
    const audit: ThrottleRequest = { ...identityRead(10), scope: 'auditLogs', cost: 1 };
    for (let index = 0; index < 5; index++) throttle.check(audit);
    for (let index = 0; index < 5; index++) assert.equal(throttle.check(audit).allowed, false);
    time.advance(1000); // one 10 s window at speed 10 — but five rejected requests were charged too
    assert.equal(throttle.check(audit).allowed, false);
    time.advance(1000);
    assert.equal(throttle.check(audit).allowed, true);
  });

  test('off never throttles', () => {
    const throttle = new Throttle('off');
    for (let index = 0; index < 10_000; index++)
      assert.equal(throttle.check(identityRead(10, 5)).allowed, true);
  });
});

describe('throttling over HTTP', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ throttle: 'on', seed: 'throttle-http' });
  });
  after(() => sandbox.close());

  test('Conditional Access answers 429 without Retry-After; audit logs with it', async () => {
    const token = await sandbox.appToken();
    const results = await Promise.all(
      [1, 2, 3].map(() => sandbox.graphRequest('/identity/conditionalAccess/policies', { token })),
    );
    const throttled = results.filter((result) => result.status === 429);
    assert.ok(throttled.length >= 1);
    assert.equal(throttled[0]?.headers.get('retry-after'), null);
    assert.equal(throttled[0]?.body.error.code, 'TooManyRequests');

    const audits = [];
    for (let index = 0; index < 6; index++)
      audits.push(await sandbox.graphRequest('/auditLogs/signIns?$top=1', { token }));
    const limited = audits.find((result) => result.status === 429);
    assert.ok(limited, 'the sixth audit-log request within 10 s is throttled');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  });

  test('directory reads carry x-ms-resource-unit with the documented costs', async () => {
    const token = await sandbox.appToken();
    const plain = await sandbox.graphRequest('/users?$top=100', { token });
    assert.equal(plain.headers.get('x-ms-resource-unit'), '2');
    const selected = await sandbox.graphRequest('/users?$top=100&$select=id', { token });
    assert.equal(selected.headers.get('x-ms-resource-unit'), '1');
    const groups = await sandbox.graphRequest('/groups?$top=1&$select=id', { token });
    const members = await sandbox.graphRequest(`/groups/${groups.body.value[0].id}/members`, { token });
    assert.equal(members.headers.get('x-ms-resource-unit'), '3');
  });
});
