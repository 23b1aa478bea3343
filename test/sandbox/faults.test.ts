// Fault injection: 503s, 504s, dropped connections and slow answers at the configured
// rate, in a sequence reproducible from the seed, each with Graph's error shape.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FaultInjector } from '../../src/sandbox/graph/faults.js';
import { Random } from '../../src/sandbox/random.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

describe('the fault model', () => {
  test('the same seed gives the same faults, at about the configured rate', () => {
    const sequence = (seed: string) => {
      const injector = new FaultInjector(0.2, new Random(seed));
      return Array.from({ length: 5000 }, () => injector.next().kind);
    };
    const first = sequence('a');
    assert.deepEqual(first, sequence('a'));
    assert.notDeepEqual(first, sequence('b'));
    const faults = first.filter((kind) => kind !== 'none').length;
    assert.ok(faults > 850 && faults < 1150, `${faults} faults in 5000 at 20 %`);
    for (const kind of ['status', 'drop', 'slow']) assert.ok(first.includes(kind as never), `${kind} occurs`);
  });

  test('rate 0 never faults', () => {
    const injector = new FaultInjector(0, new Random('x'));
    for (let index = 0; index < 1000; index++) assert.equal(injector.next().kind, 'none');
  });
});

describe('faults over HTTP', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ seed: 'faults', faults: 0.3 });
  });
  after(() => sandbox.close());

  test('a faulty sandbox answers 503/504 in Graph shape or drops the connection', async () => {
    const token = await sandbox.appToken();
    const outcomes = new Map<string, number>();
    for (let index = 0; index < 60; index++) {
      let outcome: string;
      try {
        const result = await sandbox.graphRequest('/users?$top=1&$select=id', { token });
        outcome = String(result.status);
        if (result.status >= 500) {
          assert.ok(['serviceNotAvailable', 'GatewayTimeout'].includes(result.body.error.code));
          assert.ok(result.body.error.innerError['request-id']);
        }
      } catch {
        outcome = 'dropped';
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    assert.ok((outcomes.get('200') ?? 0) > 20, JSON.stringify([...outcomes]));
    const failures = (outcomes.get('503') ?? 0) + (outcomes.get('504') ?? 0) + (outcomes.get('dropped') ?? 0);
    assert.ok(failures > 3, JSON.stringify([...outcomes]));
  });

  test('faults can be turned off through the admin endpoint', async () => {
    assert.equal((await sandbox.admin('/faults', 'PUT', { rate: 0 })).status, 200);
    const token = await sandbox.appToken();
    for (let index = 0; index < 20; index++) {
      assert.equal((await sandbox.graphRequest('/users?$top=1', { token })).status, 200);
    }
  });

  test('the admin endpoint refuses Graph tokens', async () => {
    const token = await sandbox.appToken();
    const response = await sandbox.fetch('/_sandbox/tenants', {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 401);
  });
});
