// OData as Graph does it: default property sets, $select, $top limits, page-size
// preference, $filter forms per collection, $count with ConsistencyLevel, $expand limits,
// and Graph's error shapes for tokens and permissions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USER_DEFAULT_PROPERTIES } from '../../src/sandbox/graph/resources.js';
import { startTestSandbox, type GraphResult, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox;
let token: string;

before(async () => {
  sandbox = await startTestSandbox({ users: 300, seed: 'odata' });
  token = await sandbox.appToken();
});
after(() => sandbox.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  sandbox.graphRequest(path, { token, headers });

function assertGraphError(result: GraphResult, status: number, code?: string) {
  assert.equal(result.status, status);
  assert.equal(typeof result.body.error.code, 'string');
  assert.equal(typeof result.body.error.message, 'string');
  assert.match(result.body.error.innerError['request-id'], /^[0-9a-f-]{36}$/);
  assert.equal(typeof result.body.error.innerError.date, 'string');
  if (code) assert.equal(result.body.error.code, code);
}

describe('properties and paging', () => {
  test('/users returns the default property set unless $select asks for more', async () => {
    const plain = await get('/users?$top=5');
    assert.equal(plain.status, 200);
    assert.deepEqual(Object.keys(plain.body.value[0]).sort(), [...USER_DEFAULT_PROPERTIES].sort());
    assert.equal(plain.body.value[0].accountEnabled, undefined);
    const selected = await get('/users?$top=5&$select=id,accountEnabled,userType');
    assert.deepEqual(Object.keys(selected.body.value[0]).sort(), ['accountEnabled', 'id', 'userType']);
  });

  test('$top is bounded and Prefer: odata.maxpagesize is honoured', async () => {
    assertGraphError(await get('/users?$top=1000'), 400);
    assertGraphError(await get('/users?$top=0'), 400);
    const preferred = await get('/users', { prefer: 'odata.maxpagesize=7' });
    assert.equal(preferred.body.value.length, 7);
    assert.equal(preferred.headers.get('preference-applied'), 'odata.maxpagesize=7');
    assert.match(preferred.body['@odata.nextLink'], /\$skiptoken=/);
  });

  test('a tampered skip token is refused', async () => {
    const page = await get('/users?$top=2');
    const link = new URL(page.body['@odata.nextLink']);
    link.searchParams.set('$skiptoken', `${link.searchParams.get('$skiptoken')}x`);
    assertGraphError(
      await get(`${link.pathname.replace('/v1.0', '')}${link.search}`),
      400,
      'Directory_ExpiredPageToken',
    );
  });

  test('unknown query options and $skip are refused', async () => {
    assertGraphError(await get('/users?$frobnicate=1'), 400);
    assertGraphError(await get('/users?$skip=5'), 400);
  });
});

describe('$filter, $count, $search, $expand', () => {
  test('startswith and eq on users; an unsupported property is refused', async () => {
    const all = await get('/users?$top=999&$select=id,displayName,accountEnabled');
    const first = all.body.value.find((user: { displayName: string }) =>
      /^[A-Za-z]{2}/.test(user.displayName),
    );
    const prefix = first.displayName.slice(0, 2);
    const filtered = await get(
      `/users?$filter=${encodeURIComponent(`startswith(displayName,'${prefix}')`)}&$select=displayName`,
    );
    assert.ok(filtered.body.value.length >= 1);
    for (const user of filtered.body.value)
      assert.ok(user.displayName.toLowerCase().startsWith(prefix.toLowerCase()));
    const disabled = await get(`/users?$filter=accountEnabled eq false&$select=accountEnabled&$top=999`);
    assert.ok(
      disabled.body.value.every((user: { accountEnabled: boolean }) => user.accountEnabled === false),
    );
    assertGraphError(
      await get(`/users?$filter=${encodeURIComponent("favouriteColour eq 'blue'")}`),
      400,
      'Request_UnsupportedQuery',
    );
    assertGraphError(
      await get(`/users?$filter=${encodeURIComponent('displayName eq')}`),
      400,
      'Request_UnsupportedQuery',
    );
  });

  test('$count needs ConsistencyLevel: eventual', async () => {
    assertGraphError(await get('/users?$count=true'), 400);
    const counted = await get('/users?$count=true&$top=1', { consistencylevel: 'eventual' });
    assert.equal(typeof counted.body['@odata.count'], 'number');
    const plain = await get('/users/$count', { consistencylevel: 'eventual' });
    assert.equal(Number(plain.body), counted.body['@odata.count']);
  });

  test('sign-in logs filter by date range and come newest first', async () => {
    const since = new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString();
    const logs = await get(
      `/auditLogs/signIns?$filter=${encodeURIComponent(`createdDateTime ge ${since}`)}&$top=50`,
    );
    assert.equal(logs.status, 200);
    const times = logs.body.value.map((entry: { createdDateTime: string }) => entry.createdDateTime);
    assert.ok(times.length > 0);
    assert.deepEqual(times, [...times].sort().reverse());
    assert.ok(times.every((time: string) => time >= since));
  });

  test('$expand of group members returns at most 20', async () => {
    const groups = await get('/groups?$top=999&$select=id');
    let largest: { id: string; count: number } = { id: '', count: 0 };
    for (const group of groups.body.value.slice(0, 60)) {
      const members = await get(`/groups/${group.id}/members/$count`, { consistencylevel: 'eventual' });
      if (Number(members.body) > largest.count) largest = { id: group.id, count: Number(members.body) };
    }
    assert.ok(largest.count > 20, 'some group has more than 20 members');
    const expanded = await get(`/groups/${largest.id}?$expand=members`);
    assert.equal(expanded.body.members.length, 20);
    assert.ok(
      expanded.body.members.every((member: Record<string, string>) =>
        member['@odata.type']?.startsWith('#microsoft.graph.'),
      ),
    );
  });
  test('a listing with $expand comes at most 100 to a page, whatever $top asks', async () => {
    const expanded = await get('/devices?$select=id&$expand=registeredOwners&$top=999');
    assert.equal(expanded.status, 200);
    assert.equal(expanded.body.value.length, 100);
    assert.match(expanded.body['@odata.nextLink'], /\$skiptoken=/);
    const plain = await get('/devices?$select=id&$top=999');
    assert.ok(plain.body.value.length > 100);
  });

  test('a nested $select shapes the expanded objects: @odata.type and id', async () => {
    const devices = await get('/devices?$select=id,displayName&$expand=registeredOwners($select=id)');
    const owned = devices.body.value.find(
      (device: { registeredOwners: unknown[] }) => device.registeredOwners.length > 0,
    );
    assert.ok(owned, 'a device with an owner');
    assert.deepEqual(Object.keys(owned.registeredOwners[0]).sort(), ['@odata.type', 'id']);
    assert.equal(owned.registeredOwners[0]['@odata.type'], '#microsoft.graph.user');
    const users = await get('/users?$select=id&$expand=manager($select=id,displayName)');
    const managed = users.body.value.find((user: { manager: unknown }) => user.manager);
    assert.deepEqual(Object.keys(managed.manager).sort(), ['@odata.type', 'displayName', 'id']);
    const whole = await get('/devices?$select=id&$expand=registeredOwners');
    const withOwner = whole.body.value.find(
      (device: { registeredOwners: unknown[] }) => device.registeredOwners.length > 0,
    );
    assert.ok(
      Object.keys(withOwner.registeredOwners[0]).includes('displayName'),
      'the default shape without one',
    );
  });

  test('directory objects expand one navigation property per request', async () => {
    const both = await get(
      '/devices?$select=id&$expand=registeredOwners($select=id),registeredUsers($select=id)',
    );
    assertGraphError(both, 400, 'BadRequest');
    assert.match(both.body.error.message, /maximum allowed is 1/);
    assertGraphError(await get('/users?$expand=manager,memberOf'), 400, 'BadRequest');
  });
});

describe('BitLocker keys', () => {
  test('the key is returned only for one key with $select=key, with the client headers, and the read is audited', async () => {
    const headers = { 'ocp-client-name': 'tenantvault', 'ocp-client-version': '1.0' };
    assertGraphError(await get('/informationProtection/bitlocker/recoveryKeys'), 400);
    const list = await get('/informationProtection/bitlocker/recoveryKeys', headers);
    assert.equal(list.status, 200);
    const first = list.body.value[0];
    assert.equal(first.key, undefined);
    const byDevice = await get(
      `/informationProtection/bitlocker/recoveryKeys?$filter=${encodeURIComponent(`deviceId eq '${first.deviceId}'`)}`,
      headers,
    );
    assert.ok(byDevice.body.value.some((key: { id: string }) => key.id === first.id));
    const plain = await get(`/informationProtection/bitlocker/recoveryKeys/${first.id}`, headers);
    assert.equal(plain.body.key, undefined);
    const withKey = await get(
      `/informationProtection/bitlocker/recoveryKeys/${first.id}?$select=key`,
      headers,
    );
    assert.match(withKey.body.key, /^(\d{6}-){7}\d{6}$/);
    const audits = await get(
      `/auditLogs/directoryAudits?$filter=${encodeURIComponent("activityDisplayName eq 'Read BitLocker key'")}`,
    );
    assert.ok(
      audits.body.value.some(
        (audit: { targetResources: { id: string }[] }) => audit.targetResources[0]?.id === first.id,
      ),
    );
  });
});

describe('filters on one value', () => {
  test('keys of one device: every one, in id order, across pages, case aside, new ones included', async () => {
    const headers = { 'ocp-client-name': 'tenantvault', 'ocp-client-version': '1.0' };
    const store = sandbox.running.sandbox.tenants.get(sandbox.tenant.tenantId)!.store;
    const keys = [...store.collection('bitlockerRecoveryKeys').values()];
    const device = String(keys[0]!.deviceId);
    const byDevice = (deviceId: string) =>
      `/informationProtection/bitlocker/recoveryKeys?$top=1&$filter=${encodeURIComponent(`deviceId eq '${deviceId}'`)}`;
    const listAll = async (path: string) => {
      const ids: string[] = [];
      for (let next: string | undefined = path; next;) {
        const page: GraphResult = await get(next, headers);
        assert.equal(page.status, 200);
        ids.push(...page.body.value.map((key: { id: string }) => key.id));
        const link = page.body['@odata.nextLink'] as string | undefined;
        next = link && link.slice(link.indexOf('/v1.0') + '/v1.0'.length);
      }
      return ids;
    };
    const expected = () =>
      [...store.collection('bitlockerRecoveryKeys').values()]
        .filter((key) => key.deviceId === device)
        .map((key) => key.id)
        .sort();

    // Another key for the device, so the answer takes pages.
    const added = await sandbox.admin(
      `/tenants/${sandbox.tenant.tenantId}/objects/bitlockerRecoveryKeys`,
      'POST',
      {
        ...keys[0],
        id: 'ffffffff-0000-4000-8000-000000000001',
      },
    );
    assert.ok(added.status < 300, JSON.stringify(added.body));
    assert.ok(expected().length >= 2);
    assert.deepEqual(await listAll(byDevice(device)), expected());
    assert.deepEqual(await listAll(byDevice(device.toUpperCase())), expected());
    assert.deepEqual(await listAll(byDevice('00000000-0000-0000-0000-000000000000')), []);

    // A key escrowed since is listed the next time.
    await sandbox.admin(`/tenants/${sandbox.tenant.tenantId}/objects/bitlockerRecoveryKeys`, 'POST', {
      ...keys[0],
      id: '00000000-0000-4000-8000-000000000002',
    });
    const ids = await listAll(byDevice(device));
    assert.equal(ids[0], '00000000-0000-4000-8000-000000000002');
    assert.deepEqual(ids, expected());
  });
});

describe('errors', () => {
  test('no token, a malformed token and an expired token get 401 with WWW-Authenticate', async () => {
    const missing = await sandbox.fetch('/v1.0/users');
    assert.equal(missing.status, 401);
    assert.match(missing.headers.get('www-authenticate') ?? '', /^Bearer /);
    const malformed = await get('/users', { authorization: 'Bearer not-a-token' });
    assertGraphError(malformed, 401, 'InvalidAuthenticationToken');
  });

  test('an unknown segment and an unknown id are Graph-shaped errors', async () => {
    assertGraphError(await get('/frobnicators'), 400, 'BadRequest');
    assertGraphError(
      await get('/users/6b1f0d3a-0000-4000-8000-000000000000'),
      404,
      'Request_ResourceNotFound',
    );
  });
});
