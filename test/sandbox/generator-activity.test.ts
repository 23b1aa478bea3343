// Activity changes tenants through the change-recording API, so delta queries and
// incremental backups see every change, and writes an audit entry for each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { DirectoryStore } from '../../src/sandbox/directory/store.js';
import {
  appendLogs,
  applyRandomChanges,
  generateTenant,
  startActivity,
} from '../../src/sandbox/generator/index.js';
import { Random } from '../../src/sandbox/random.js';
import { Tenant } from '../../src/sandbox/tenant.js';

const START = Date.parse('2026-03-01T12:00:00Z');

function generated(seed: string): { tenant: Tenant; clock: { now: number } } {
  const clock = { now: START };
  const info = {
    id: '3f0c4c36-5f3b-4c7e-9d35-6a3c1e2b9f10',
    displayName: 'Contoso Ltd',
    defaultDomain: 'contoso.onmicrosoft.com',
    publisher: false,
  };
  const tenant = new Tenant(info, new DirectoryStore(() => clock.now));
  generateTenant(tenant, { users: 500, random: new Random(seed), now: START });
  return { tenant, clock };
}

test('every reported change is in the change log of its collection', () => {
  const { tenant, clock } = generated('activity');
  const { store } = tenant;
  const audits = store.collection('directoryAudits').size;
  const signIns = store.collection('signIns').size;
  clock.now += 60_000;
  const summary = applyRandomChanges(tenant, 300, new Random('changes'), () => clock.now);
  assert.equal(summary.changes.length, 300);
  assert.equal(
    Object.values(summary.counts).reduce((sum, count) => sum + count, 0),
    300,
  );
  for (const kind of [
    'updateUser',
    'addGroupMember',
    'removeGroupMember',
    'createUser',
    'deleteUser',
    'changePolicyState',
    'addDevice',
  ]) {
    assert.ok((summary.counts[kind as keyof typeof summary.counts] ?? 0) > 0, kind);
  }
  for (const change of summary.changes) {
    assert.ok(
      store.changesSince(0, change.collection).some((record) => record.id === change.id),
      `${change.kind} of ${change.id} is not in the ${change.collection} change log`,
    );
  }
  assert.ok(store.changesSince(0, 'users').length > 0);
  assert.equal(store.collection('directoryAudits').size, audits + summary.audits);
  assert.equal(summary.audits, 300);
  assert.ok(store.collection('signIns').size > signIns);
});

test('changes keep the directory realistic', () => {
  const { tenant, clock } = generated('activity-realism');
  const { store } = tenant;
  const roleHolders = new Set(
    [...store.collection('roleAssignments').values()].map((assignment) => assignment.principalId),
  );
  const enabledBefore = [...roleHolders].flatMap((id) => {
    const user = store.collectionOf(String(id)) === 'users' ? store.find(String(id)) : undefined;
    return user ? [[user.id, user.accountEnabled] as const] : [];
  });
  // A demo account as identity provisioning adds it: people sign in with it, so it stays.
  const demo = {
    id: 'demo-user',
    userPrincipalName: 'alex@contoso.onmicrosoft.com',
    userType: 'Member',
    accountEnabled: true,
  };
  store.create('users', demo);
  clock.now += 60_000;
  const summary = applyRandomChanges(tenant, 500, new Random('more-changes'), () => clock.now);
  for (const change of summary.changes.filter((change) => change.kind === 'deleteUser')) {
    assert.ok(store.deletedItem(change.id), 'deleted users can be restored');
    assert.ok(!roleHolders.has(change.id), 'administrators are never deleted');
  }
  for (const [id, enabled] of enabledBefore) {
    assert.equal(store.find(id)?.accountEnabled, enabled, 'administrators are never disabled');
  }
  assert.equal(store.find(demo.id)?.accountEnabled, true, 'demo accounts are never deleted or disabled');
  for (const change of summary.changes.filter((change) => change.kind === 'addDevice')) {
    const device = store.find(change.id);
    const keys = [...store.collection('bitlockerRecoveryKeys').values()].filter(
      (key) => key.deviceId === device?.deviceId,
    );
    assert.equal(keys.length > 0, device?.operatingSystem === 'Windows');
  }
  for (const policy of store.collection('conditionalAccessPolicies').values()) {
    assert.ok(['enabled', 'disabled', 'enabledForReportingButNotEnforced'].includes(String(policy.state)));
  }
  const updates = [...store.collection('directoryAudits').values()].filter(
    (audit) => audit.activityDateTime === new Date(clock.now).toISOString().replace('.000Z', 'Z'),
  );
  assert.ok(
    updates.some(
      (audit) => (audit.targetResources as { modifiedProperties: unknown[] }[])[0]?.modifiedProperties.length,
    ),
  );
});

test('the same seeds make the same changes', () => {
  const run = () => {
    const { tenant, clock } = generated('same');
    return applyRandomChanges(tenant, 100, new Random('same-changes'), () => clock.now + 1000);
  };
  assert.deepEqual(run(), run());
});

test('startActivity changes tenants as the clock moves and stops when asked', async () => {
  const { tenant, clock } = generated('timer');
  const seq = tenant.store.currentSeq;
  const activity = startActivity([tenant], {
    changesPerMinute: 600,
    random: new Random('timer'),
    now: () => clock.now,
  });
  clock.now += 10_000;
  await delay(1300);
  activity.stop();
  const changed = tenant.store.currentSeq;
  assert.ok(changed > seq, 'changes were recorded');
  clock.now += 60_000;
  await delay(1200);
  assert.equal(tenant.store.currentSeq, changed, 'nothing changes after stop()');
});

test('logs keep growing with the sandbox clock', () => {
  const { tenant } = generated('logs');
  const { store } = tenant;
  const before = {
    signIns: store.collection('signIns').size,
    audits: store.collection('directoryAudits').size,
  };
  const from = START + 60_000;
  const to = from + 24 * 3600 * 1000;
  const written = appendLogs(store, new Random('logs'), from, to);
  // 500 users sign in about three times in 30 days, so a day brings about fifty sign-ins.
  assert.ok(written.signIns >= 30 && written.signIns <= 80, `${written.signIns} sign-ins`);
  assert.ok(written.audits > 0);
  assert.equal(store.collection('signIns').size, before.signIns + written.signIns);
  assert.equal(store.collection('directoryAudits').size, before.audits + written.audits);
  const fresh = [...store.collection('signIns').values()].filter(
    (signIn) => Date.parse(String(signIn.createdDateTime)) >= from,
  );
  assert.equal(fresh.length, written.signIns);
  assert.ok(fresh.every((signIn) => Date.parse(String(signIn.createdDateTime)) < to));
  assert.deepEqual(appendLogs(store, new Random('logs'), to, to), { signIns: 0, audits: 0 });
});
