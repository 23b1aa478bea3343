// Generated tenants are reproducible from seed and size, and scale the way real tenants do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DirectoryStore } from '../../src/sandbox/directory/store.js';
import { countsFor, generateTenant } from '../../src/sandbox/generator/index.js';
import { Random } from '../../src/sandbox/random.js';
import { Tenant } from '../../src/sandbox/tenant.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

function generated(users: number, seed: string): Tenant {
  const info = {
    id: '3f0c4c36-5f3b-4c7e-9d35-6a3c1e2b9f10',
    displayName: 'Contoso Ltd',
    defaultDomain: 'contoso.onmicrosoft.com',
    publisher: false,
  };
  const tenant = new Tenant(info, new DirectoryStore(() => NOW));
  generateTenant(tenant, { users, random: new Random(seed), now: NOW });
  return tenant;
}

function fingerprint(tenant: Tenant): string {
  const { collections, links } = tenant.store.snapshot();
  return JSON.stringify({ collections, links });
}

test('the same seed and size give an identical tenant', () => {
  assert.equal(fingerprint(generated(300, 'seed-a')), fingerprint(generated(300, 'seed-a')));
});

test('a different seed gives a different tenant', () => {
  assert.notEqual(fingerprint(generated(300, 'seed-a')), fingerprint(generated(300, 'seed-b')));
});

test('counts scale with the number of users', () => {
  for (const users of [100, 2000]) {
    const { store } = generated(users, 'counts');
    const expected = countsFor(users);
    const size = (collection: string) => store.collection(collection).size;
    assert.equal(size('users'), users);
    assert.equal(size('groups'), expected.groups);
    assert.equal(size('applications'), expected.applications);
    assert.equal(size('devices'), expected.devices);
    assert.equal(size('conditionalAccessPolicies'), 30);
    assert.equal(size('namedLocations'), 8);
    assert.equal(size('deviceConfigurations'), 20);
    assert.equal(size('deviceCompliancePolicies'), 8);
    assert.equal(size('administrativeUnits'), expected.administrativeUnits);
    assert.equal(size('organization'), 1);
    assert.ok(
      size('servicePrincipals') > expected.applications,
      'an enterprise app per registration, plus third-party ones',
    );
    assert.ok(size('roleDefinitions') >= 20 + 6);
    assert.ok(size('signIns') >= users * 2, 'a few sign-ins per user');
    assert.ok(size('directoryAudits') >= users / 4);
    assert.ok(size('bitlockerRecoveryKeys') > 0);
    for (const collection of [
      'directoryRoles',
      'roleAssignments',
      'appRoleAssignments',
      'oauth2PermissionGrants',
    ]) {
      assert.ok(size(collection) > 0, collection);
    }
  }
  assert.equal(countsFor(100).groups, 20, 'small tenants still get every kind of group');
  assert.equal(countsFor(100_000).groups, 10_000);
});

test('the largest group grows with the tenant up to 5,000 members', () => {
  for (const [users, largest] of [
    [500, 500],
    [8000, 5000],
  ] as const) {
    const { store } = generated(users, 'big-groups');
    let max = 0;
    for (const group of store.collection('groups').values())
      max = Math.max(max, store.linkCount(group.id, 'members'));
    assert.equal(max, largest);
  }
});
