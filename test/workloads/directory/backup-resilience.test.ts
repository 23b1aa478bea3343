// A directory backup while the sandbox throttles at Graph's documented limits (windows
// shortened by a speed factor) and fails one request in twenty the way a busy service
// does (503, 504, dropped connections, slow answers): the client is set to pace itself
// twenty times faster than those limits, so 429s (Conditional Access sends them without
// Retry-After) and retries do the work, and every type still completes with exactly the
// tenant's objects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DIRECTORY_TYPES, DIRECTORY_WORKLOAD } from '../../../src/workloads/directory/item.js';
import { budgetsAtSpeed } from '../../graph/support.js';
import { backupFixture } from './backup-support.js';

const SPEED = 10;

test('a backup under throttling and faults completes every type', async (t) => {
  const fixture = await backupFixture(t, { throttle: SPEED, faults: 0.05 });
  const client = { budgets: budgetsAtSpeed(SPEED * 20) };

  const first = await fixture.backup({ client });
  const { types, requests } = first.result.meta.summary;
  assert.equal(first.result.meta.status, 'succeeded');
  for (const type of DIRECTORY_TYPES) assert.equal(types[type]?.error, null, type);
  assert.equal(types.users?.items, fixture.store.collection('users').size);
  assert.equal(types.groups?.items, fixture.store.collection('groups').size);
  assert.equal(types.bitlockerKeys?.items, fixture.store.collection('bitlockerRecoveryKeys').size);
  assert.ok(requests.retried > 0, `faults were retried: ${JSON.stringify(requests)}`);
  assert.equal(requests.failed, 0);

  const second = await fixture.backup({ client });
  assert.equal(second.result.meta.status, 'succeeded');
  assert.equal(second.result.meta.summary.types.users?.mode, 'delta');
  const changes = [];
  for await (const change of fixture.catalog.diff(fixture.tenantId, DIRECTORY_WORKLOAD, 1, 2)) {
    // The first backup's BitLocker key reads are in the audit log now.
    if (change.itemType !== 'auditLogs') changes.push(change);
  }
  assert.deepEqual(changes, []);
});
