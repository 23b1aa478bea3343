// Devices' registered owners and users come from listings, not one device at a time: the
// owners expanded in the device listing, the users in a listing of device ids of their own
// read first. A device with more users than Graph expands, or created between the two
// listings, has its users read on its own. The items are byte for byte those that reading
// each device's relationships gives; a failed listing of users keeps the previous items.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { GraphClient } from '../../../src/graph/index.js';
import type { GraphRequest } from '../../../src/sandbox/graph/context.js';
import { completeItems, readObjects } from '../../../src/workloads/directory/live.js';
import { encodeItem, type DirectoryItem } from '../../../src/workloads/directory/item.js';
import {
  linkedObjects,
  OBJECT_TYPE_DESCRIPTORS,
  type ObjectTypeDescriptor,
} from '../../../src/workloads/directory/types/index.js';
import { connectionTo } from '../../graph/support.js';
import {
  backupFixture,
  contentOf,
  interceptRequests,
  itemsByPath,
  refuseLaterPages,
  servedRequests,
  type BackupFixture,
} from './backup-support.js';

/** Devices as the backup read them before: each device's owners and users a request of their own. */
const READ_PER_DEVICE: ObjectTypeDescriptor = {
  ...OBJECT_TYPE_DESCRIPTORS.devices,
  relationships: [linkedObjects('registeredOwners'), linkedObjects('registeredUsers')],
};

/** Whether the request lists devices with this relationship expanded. */
function listsDevicesExpanding(request: GraphRequest, relationship: string): boolean {
  return request.path === '/devices' && (request.query.get('$expand') ?? '').startsWith(`${relationship}(`);
}

function newDevice(displayName: string) {
  return {
    accountEnabled: true,
    alternativeSecurityIds: [],
    deviceId: randomUUID(),
    displayName,
    operatingSystem: 'Windows',
    operatingSystemVersion: '10.0.26100.1742',
  };
}

/** Every device of the tenant as reading each one's relationships makes it, encoded. */
async function readPerDevice(fixture: BackupFixture): Promise<Map<string, string>> {
  const graph = new GraphClient(connectionTo(fixture.sandbox));
  try {
    const ids = [...fixture.store.collection('devices').values()].map(({ id }) => id);
    const items: DirectoryItem[] = [];
    for (let start = 0; start < ids.length; start += 100) {
      const objects = await readObjects(graph, READ_PER_DEVICE, ids.slice(start, start + 100));
      items.push(...(await completeItems(graph, READ_PER_DEVICE, objects)));
    }
    return new Map(items.map((item) => [item.id, encodeItem(item).toString()]));
  } finally {
    await graph.close();
  }
}

/** The snapshot's device items as stored, by device id. */
async function storedDevices(fixture: BackupFixture, snapshotId: string): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  for (const [path, item] of await itemsByPath(fixture.repository, snapshotId)) {
    if (path.startsWith('directory/devices/'))
      stored.set(
        path.slice('directory/devices/'.length, -'.json'.length),
        await contentOf(fixture.repository, item),
      );
  }
  return stored;
}

test('a full backup reads devices’ registered owners and users from listings', async (t) => {
  const fixture = await backupFixture(t, { users: 150 });
  const { store } = fixture;
  const users = [...store.collection('users').values()].map(({ id }) => id);
  const shared = (await fixture.admin('/objects/devices', 'POST', newDevice('FRONT-DESK'))).body as {
    id: string;
  };
  await fixture.admin(`/links/devices/${shared.id}/registeredOwners`, 'POST', { targetId: users[0] });
  for (const user of users.slice(0, 25))
    await fixture.admin(`/links/devices/${shared.id}/registeredUsers`, 'POST', { targetId: user });
  // A device registered after its users were listed, before the devices are.
  let late: string | undefined;
  interceptRequests(fixture, (request) => {
    if (late === undefined && listsDevicesExpanding(request, 'registeredOwners')) {
      late = store.create('devices', { id: randomUUID(), ...newDevice('LATE-ARRIVAL') }).id;
      store.link('devices', late, 'registeredOwners', users[1]!);
      store.link('devices', late, 'registeredUsers', users[1]!);
      store.link('devices', late, 'registeredUsers', users[2]!);
    }
    return undefined;
  });
  const served = servedRequests(fixture);

  const run = await fixture.backup({ toggles: ['devices'] });
  assert.equal(run.result.meta.status, 'succeeded');
  const devices = store.collection('devices').size;
  assert.ok(devices > 100, `${devices} devices: more than a page`);
  assert.equal(run.result.meta.summary.types.devices?.items, devices);
  assert.ok(late, 'a device was registered between the listings');
  assert.deepEqual(
    served
      .filter((request) => /^GET \/devices\/[^/?]+\//.test(request))
      .map((request) => request.split('?')[0]),
    [shared.id, late].sort().map((id) => `GET /devices/${id}/registeredUsers`),
    'only the device with more users than Graph expands and the late one read their users alone',
  );
  assert.equal(
    served.filter((request) => request.startsWith('GET /devices?')).length,
    2 * Math.ceil(devices / 100),
    'two listings of 100 devices a page',
  );

  const stored = await storedDevices(fixture, run.result.snapshotId);
  assert.deepEqual(stored, await readPerDevice(fixture), 'the items reading each device gives');
  for (const id of [shared.id, late]) {
    const { relationships } = JSON.parse(stored.get(id)!) as DirectoryItem;
    assert.deepEqual(relationships.registeredUsers, store.linked(id, 'registeredUsers').sort());
    assert.deepEqual(relationships.registeredOwners, store.linked(id, 'registeredOwners').sort());
  }
  assert.equal(JSON.parse(stored.get(shared.id)!).relationships.registeredUsers.length, 25);

  // Devices read by id (delta reported them changed) read the same way, the owner expanded.
  await fixture.admin(`/objects/devices/${shared.id}`, 'PATCH', { displayName: 'FRONT-DESK-2' });
  served.length = 0;
  const incremental = await fixture.backup({ toggles: ['devices'] });
  assert.equal(incremental.result.meta.summary.types.devices?.mode, 'delta');
  const reads = served.filter((request) => request.startsWith(`GET /devices/${shared.id}`));
  assert.equal(reads.length, 2, reads.join('\n'));
  assert.match(reads[0]!, /^GET \/devices\/[^/?]+\?\$select=[^&]+&\$expand=registeredOwners\(\$select=id\)$/);
  assert.match(reads[1]!, /^GET \/devices\/[^/?]+\/registeredUsers\?/);
  const reread = (await storedDevices(fixture, incremental.result.snapshotId)).get(shared.id);
  assert.equal(reread, (await readPerDevice(fixture)).get(shared.id));
});

test('a listing of device users that Graph refuses keeps the previous devices', async (t) => {
  const fixture = await backupFixture(t, { users: 150 });
  const first = await fixture.backup({ toggles: ['devices'] });
  const before = await storedDevices(fixture, first.result.snapshotId);

  const refusal = refuseLaterPages(fixture, (request) => listsDevicesExpanding(request, 'registeredUsers'));
  const served = servedRequests(fixture);
  // Users too, since a backup in which every type fails writes no snapshot.
  const failed = await fixture.backup({ toggles: ['users', 'devices'], fullListingIntervalMs: 0 });
  const summary = failed.result.meta.summary.types.devices;
  assert.equal(failed.result.meta.status, 'partial');
  assert.match(summary?.error ?? '', /403 Authorization_RequestDenied/);
  assert.deepEqual([summary?.items, summary?.carried], [before.size, before.size]);
  assert.deepEqual(
    await storedDevices(fixture, failed.result.snapshotId),
    before,
    'every device kept as it was',
  );
  assert.ok(
    !served.some(
      (request) => request.includes('$expand=registeredOwners') || /^GET \/devices\/(?!delta)/.test(request),
    ),
    'no device was listed or read once their users could not be',
  );

  refusal.allow();
  const next = await fixture.backup({ toggles: ['devices'], fullListingIntervalMs: 0 });
  assert.equal(next.result.meta.status, 'succeeded');
  assert.deepEqual(await storedDevices(fixture, next.result.snapshotId), before);
});
