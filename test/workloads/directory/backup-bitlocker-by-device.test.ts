// Between full listings, BitLocker keys are listed only for the devices the devices delta
// reports added, changed or deleted ($filter=deviceId eq '…'); every other key is carried,
// so each snapshot still holds every key. The periodic full listing finds what device
// changes do not show (a key escrowed again for a device that stayed as it was).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { itemPath } from '../../../src/workloads/directory/item.js';
import { backupFixture, itemsByPath, servedRequests, type BackupFixture } from './backup-support.js';

const KEYS_PATH = '/informationProtection/bitlocker/recoveryKeys';
const TOGGLES = ['devices', 'bitlockerKeys'] as const;

function liveKeys(fixture: BackupFixture): { id: string; deviceId: string }[] {
  return [...fixture.store.collection('bitlockerRecoveryKeys').values()].map((key) => ({
    id: key.id,
    deviceId: String(key.deviceId),
  }));
}

async function keptKeyIds(fixture: BackupFixture, snapshotId: string): Promise<string[]> {
  const prefix = 'directory/bitlockerKeys/';
  return [...(await itemsByPath(fixture.repository, snapshotId)).keys()]
    .filter((path) => path.startsWith(prefix))
    .map((path) => path.slice(prefix.length, -'.json'.length))
    .sort();
}

/** The key listings and key reads among served requests. */
function keyRequests(served: readonly string[]): { listings: string[]; reads: string[] } {
  const requests = served.filter((request) => request.startsWith(`GET ${KEYS_PATH}`));
  return {
    listings: requests.filter(
      (request) => request.startsWith(`GET ${KEYS_PATH}?`) || request === `GET ${KEYS_PATH}`,
    ),
    reads: requests.filter((request) => request.startsWith(`GET ${KEYS_PATH}/`)),
  };
}

/** A device of the tenant that has BitLocker keys, with its keys. */
function deviceWithKeys(fixture: BackupFixture, skip: readonly string[] = []) {
  const keys = liveKeys(fixture);
  const device = [...fixture.store.collection('devices').values()].find(
    (candidate) => !skip.includes(candidate.id) && keys.some((key) => key.deviceId === candidate.deviceId),
  );
  assert.ok(device, 'a device with BitLocker keys');
  return { device, keys: keys.filter((key) => key.deviceId === device.deviceId) };
}

test('a new device: only its keys are listed and read, and the snapshot holds every key', async (t) => {
  const fixture = await backupFixture(t);
  const first = (await fixture.backup({ toggles: [...TOGGLES] })).result;
  assert.equal(first.meta.summary.types.bitlockerKeys?.mode, 'full');
  assert.equal(first.meta.state.fullListings.bitlockerKeys, first.meta.startedAt);

  const { device: model } = deviceWithKeys(fixture);
  const deviceId = 'd0000000-0000-4000-8000-0000000000aa';
  await fixture.admin('/objects/devices', 'POST', {
    ...model,
    id: 'e0000000-0000-4000-8000-0000000000aa',
    deviceId,
    displayName: 'NEW-LAPTOP',
  });
  const key = liveKeys(fixture)[0]!;
  const stored = fixture.store.collection('bitlockerRecoveryKeys').get(key.id)!;
  const added = 'b0000000-0000-4000-8000-0000000000aa';
  await fixture.admin('/objects/bitlockerRecoveryKeys', 'POST', { ...stored, id: added, deviceId });

  const served = servedRequests(fixture);
  const second = (await fixture.backup({ toggles: [...TOGGLES] })).result;
  const summary = second.meta.summary.types.bitlockerKeys;
  assert.equal(summary?.mode, 'owners');
  const all = liveKeys(fixture);
  assert.deepEqual([summary?.added, summary?.removed, summary?.items], [1, 0, all.length]);
  const { listings, reads } = keyRequests(served);
  assert.deepEqual(listings, [`GET ${KEYS_PATH}?$filter=deviceId eq '${deviceId}'`]);
  assert.deepEqual(reads, [`GET ${KEYS_PATH}/${added}?$select=key`]);
  assert.deepEqual(await keptKeyIds(fixture, second.snapshotId), all.map((live) => live.id).sort());
  assert.equal(
    second.meta.state.fullListings.bitlockerKeys,
    first.meta.startedAt,
    'the last full listing is carried',
  );

  served.length = 0;
  const third = (await fixture.backup({ toggles: [...TOGGLES] })).result;
  assert.deepEqual(
    keyRequests(served),
    { listings: [`GET ${KEYS_PATH}?$top=1`], reads: [] },
    'no device changed: one page of one key, which tells that the keys can still be read',
  );
  assert.equal(third.meta.summary.types.bitlockerKeys?.carried, all.length);
});

test('a deleted device: its keys are kept as Graph still lists them, removed when it does not', async (t) => {
  const fixture = await backupFixture(t);
  const first = (await fixture.backup({ toggles: [...TOGGLES] })).result;
  // Graph removes a device's keys with it; the backup keeps whatever the listing still shows.
  const withKeysGone = deviceWithKeys(fixture);
  const withKeysListed = deviceWithKeys(fixture, [withKeysGone.device.id]);
  await fixture.admin(`/objects/devices/${withKeysGone.device.id}`, 'DELETE');
  for (const key of withKeysGone.keys)
    await fixture.admin(`/objects/bitlockerRecoveryKeys/${key.id}`, 'DELETE');
  await fixture.admin(`/objects/devices/${withKeysListed.device.id}`, 'DELETE');

  const served = servedRequests(fixture);
  const second = (await fixture.backup({ toggles: [...TOGGLES] })).result;
  const summary = second.meta.summary.types.bitlockerKeys;
  assert.equal(summary?.mode, 'owners');
  assert.equal(summary?.removed, withKeysGone.keys.length);
  const { listings, reads } = keyRequests(served);
  assert.deepEqual(
    listings.sort(),
    [withKeysGone.device.deviceId, withKeysListed.device.deviceId]
      .map((deviceId) => `GET ${KEYS_PATH}?$filter=deviceId eq '${String(deviceId)}'`)
      .sort(),
  );
  assert.deepEqual(reads, [], 'keys already kept are not read again');
  const kept = await keptKeyIds(fixture, second.snapshotId);
  assert.deepEqual(
    kept,
    liveKeys(fixture)
      .map((key) => key.id)
      .sort(),
  );
  for (const key of withKeysListed.keys) assert.ok(kept.includes(key.id));
  const before = await itemsByPath(fixture.repository, first.snapshotId);
  const after = await itemsByPath(fixture.repository, second.snapshotId);
  const listedKey = itemPath('bitlockerKeys', withKeysListed.keys[0]!.id);
  assert.deepEqual(after.get(listedKey)?.content, before.get(listedKey)?.content, 'carried as stored');
});

test('the periodic full listing finds a key escrowed for a device that did not change', async (t) => {
  const fixture = await backupFixture(t);
  await fixture.backup({ toggles: [...TOGGLES] });
  const { device, keys } = deviceWithKeys(fixture);
  const stored = fixture.store.collection('bitlockerRecoveryKeys').get(keys[0]!.id)!;
  const escrowed = 'b0000000-0000-4000-8000-0000000000bb';
  await fixture.admin('/objects/bitlockerRecoveryKeys', 'POST', { ...stored, id: escrowed });
  assert.equal(stored.deviceId, device.deviceId);

  const second = (await fixture.backup({ toggles: [...TOGGLES] })).result;
  assert.equal(second.meta.summary.types.bitlockerKeys?.mode, 'owners');
  assert.ok(!(await keptKeyIds(fixture, second.snapshotId)).includes(escrowed), 'not seen between listings');

  const served = servedRequests(fixture);
  const third = (await fixture.backup({ toggles: [...TOGGLES], fullListingIntervalMs: 0 })).result;
  const summary = third.meta.summary.types.bitlockerKeys;
  assert.equal(summary?.mode, 'full');
  assert.equal(summary?.added, 1);
  assert.equal(third.meta.state.fullListings.bitlockerKeys, third.meta.startedAt);
  assert.deepEqual(keyRequests(served).reads, [`GET ${KEYS_PATH}/${escrowed}?$select=key`]);
  assert.deepEqual(
    await keptKeyIds(fixture, third.snapshotId),
    liveKeys(fixture)
      .map((key) => key.id)
      .sort(),
  );
});

test('keys carried while not selected are listed whole the next time', async (t) => {
  const fixture = await backupFixture(t);
  await fixture.backup({ toggles: [...TOGGLES] });
  const carried = (await fixture.backup({ toggles: ['devices'] })).result;
  assert.equal(carried.meta.summary.types.bitlockerKeys?.mode, 'carried');
  assert.equal(carried.meta.state.fullListings.bitlockerKeys, undefined);
  const next = (await fixture.backup({ toggles: [...TOGGLES] })).result;
  assert.equal(next.meta.summary.types.bitlockerKeys?.mode, 'full');
});
