// Recording a snapshot by what it changed: versions carried from the snapshot before are
// extended in bulk, only added and changed items are recorded one by one, and the result
// is the catalog that recording every item gives (on SQLite and PostgreSQL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog, CarriedItems, ItemRecord } from '../../src/catalog/index.js';
import { collect, ENGINES, item, rowCount, tempCatalog, TENANT } from './support.js';

const alice = (hash = 'a1') => item('users', 'u-alice', 'Alice Smith', hash);
const bob = (hash = 'b1') => item('users', 'u-bob', 'Bob Jones', hash);
const carol = (hash = 'c1') => item('users', 'u-carol', 'Carol White', hash);
const dave = (hash = 'd1') => item('users', 'u-dave', 'Dave Brown', hash);
const admins = (hash = 'g1') => item('groups', 'g-admins', 'Admins', hash);
const sales = (hash = 's1') => item('groups', 'g-sales', 'Sales', hash);
const mfa = (hash = 'p1') => item('conditionalAccessPolicies', 'p-mfa', 'Require MFA', hash);

const first = [alice(), bob(), dave(), admins(), sales(), mfa()];
// bob changes, carol is added, dave and admins are removed; alice and sales are carried.
// The policy's type is not carried (as a type the backup did not account for): it reads as removed.
const second = [alice(), bob('b2'), carol(), sales()];
const carried: Omit<CarriedItems, 'fromRepositorySnapshotId'> = {
  itemTypes: ['users', 'groups'],
  except: [
    bob('b2'),
    carol(),
    { itemType: 'users', objectId: 'u-dave' },
    { itemType: 'groups', objectId: 'g-admins' },
  ],
};
const written = [bob('b2'), carol()];

async function begin(catalog: Catalog, workload: string, repositorySnapshotId: string, startedAt: Date) {
  return (await catalog.beginSnapshot({ tenantId: TENANT, workload, repositorySnapshotId, startedAt })).seq;
}

async function finish(catalog: Catalog, workload: string, seq: number) {
  return catalog.finishSnapshot(TENANT, workload, seq, { status: 'succeeded', finishedAt: new Date() });
}

async function recordWhole(catalog: Catalog, workload: string, id: string, items: ItemRecord[], at: Date) {
  const seq = await begin(catalog, workload, id, at);
  await catalog.recordItems(TENANT, workload, seq, items);
  await finish(catalog, workload, seq);
  return seq;
}

/** Everything the catalog says about a workload's snapshots 1 and 2. */
async function view(catalog: Catalog, workload: string) {
  const versions = async (objectId: string, itemType: string) =>
    (await catalog.history(TENANT, workload, objectId, itemType)).map((v) => [
      v.versionHash,
      v.firstSeenSeq,
      v.lastSeenSeq,
      v.lastSeenAt,
    ]);
  return {
    snapshots: (await catalog.listSnapshots(TENANT, workload)).map((s) => ({
      seq: s.seq,
      items: s.itemCount,
      added: s.addedCount,
      changed: s.changedCount,
      removed: s.removedCount,
    })),
    listed: (await catalog.listItems(TENANT, workload, 2)).items.map((v) => [
      v.itemType,
      v.objectId,
      v.versionHash,
      v.firstSeenSeq,
      v.lastSeenSeq,
    ]),
    counts: await catalog.countsByType(TENANT, workload, 2),
    diff: (await collect(catalog.diff(TENANT, workload, 1, 2))).map(
      (c) => `${c.change} ${c.itemType}/${c.objectId} ${c.from?.versionHash}->${c.to?.versionHash}`,
    ),
    history: {
      alice: await versions('u-alice', 'users'),
      bob: await versions('u-bob', 'users'),
      dave: await versions('u-dave', 'users'),
    },
  };
}

for (const engine of ENGINES) {
  test(`carried versions are extended in bulk, changes recorded one by one, as recording every item would (${engine})`, async (t) => {
    const { catalog, url } = await tempCatalog(t, engine);
    const t1 = new Date('2025-03-01T00:00:00Z');
    const t2 = new Date('2025-03-02T00:00:00Z');
    // The same two snapshots, item by item into one workload and by their changes into another.
    await recordWhole(catalog, 'by-item', 'i1', first, t1);
    await recordWhole(catalog, 'by-item', 'i2', second, t2);

    await recordWhole(catalog, 'by-change', 'r1', first, t1);
    const seq = await begin(catalog, 'by-change', 'r2', t2);
    assert.equal(
      await catalog.recordCarried(TENANT, 'by-change', seq, { ...carried, fromRepositorySnapshotId: 'r1' }),
      2,
    );
    assert.deepEqual(await catalog.recordItems(TENANT, 'by-change', seq, written), {
      items: 2,
      added: 1,
      changed: 1,
    });
    // A resumed recording repeats both steps: nothing changes.
    assert.equal(
      await catalog.recordCarried(TENANT, 'by-change', seq, { ...carried, fromRepositorySnapshotId: 'r1' }),
      0,
    );
    assert.deepEqual(await catalog.recordItems(TENANT, 'by-change', seq, written), {
      items: 0,
      added: 0,
      changed: 0,
    });
    // As does recording every item of the snapshot after it (how an interrupted recording is finished).
    assert.equal((await catalog.recordItems(TENANT, 'by-change', seq, second)).items, 0);
    await finish(catalog, 'by-change', seq);

    const expected = await view(catalog, 'by-item');
    assert.deepEqual(expected.snapshots[1], { seq: 2, items: 4, added: 1, changed: 1, removed: 3 });
    assert.deepEqual(expected.diff, [
      'removed conditionalAccessPolicies/p-mfa p1->undefined',
      'removed groups/g-admins g1->undefined',
      'changed users/u-bob b1->b2',
      'added users/u-carol undefined->c1',
      'removed users/u-dave d1->undefined',
    ]);
    assert.deepEqual(expected.history.alice, [['a1', 1, 2, t2.toISOString()]]);
    assert.deepEqual(await view(catalog, 'by-change'), expected);
    assert.equal(await rowCount(url, 'item_versions'), 2 * 8);
  });

  test(`nothing is carried from a snapshot that is not the one before (${engine})`, async (t) => {
    const { catalog } = await tempCatalog(t, engine);
    await recordWhole(catalog, 'directory', 'r1', first, new Date('2025-03-01T00:00:00Z'));
    const seq = await begin(catalog, 'directory', 'r2', new Date('2025-03-02T00:00:00Z'));
    const from = { ...carried, fromRepositorySnapshotId: 'r0' };
    assert.equal(await catalog.recordCarried(TENANT, 'directory', seq, from), undefined);
    assert.equal((await catalog.snapshot(TENANT, 'directory', seq)).itemCount, 0);
    assert.deepEqual((await catalog.listItems(TENANT, 'directory', seq)).items, []);
  });

  test(`a recording started over leaves no trace of the first attempt (${engine})`, async (t) => {
    const { catalog } = await tempCatalog(t, engine);
    const t1 = new Date('2025-03-01T00:00:00Z');
    await recordWhole(catalog, 'directory', 'r1', first, t1);
    const seq = await begin(catalog, 'directory', 'r2', new Date('2025-03-02T00:00:00Z'));
    // A backup that failed to report dave's removal: dave is carried, one item too many.
    const unreported = {
      ...carried,
      except: [bob('b2'), carol(), { itemType: 'groups', objectId: 'g-admins' }],
    };
    await catalog.recordCarried(TENANT, 'directory', seq, { ...unreported, fromRepositorySnapshotId: 'r1' });
    await catalog.recordItems(TENANT, 'directory', seq, written);
    assert.equal((await catalog.snapshot(TENANT, 'directory', seq)).itemCount, second.length + 1);

    await catalog.restartRecording(TENANT, 'directory', seq);
    const restarted = await catalog.snapshot(TENANT, 'directory', seq);
    assert.deepEqual([restarted.itemCount, restarted.addedCount, restarted.changedCount], [0, 0, 0]);
    assert.deepEqual((await catalog.listItems(TENANT, 'directory', seq)).items, []);
    assert.deepEqual(
      (await catalog.listItems(TENANT, 'directory', 1)).items.map((v) => [
        v.objectId,
        v.lastSeenSeq,
        v.lastSeenAt,
      ]),
      ['p-mfa', 'g-admins', 'g-sales', 'u-alice', 'u-bob', 'u-dave'].map((id) => [id, 1, t1.toISOString()]),
    );
    await catalog.recordItems(TENANT, 'directory', seq, second);
    const finished = await finish(catalog, 'directory', seq);
    assert.deepEqual(
      [finished.itemCount, finished.addedCount, finished.changedCount, finished.removedCount],
      [4, 1, 1, 3],
    );
    await assert.rejects(catalog.restartRecording(TENANT, 'directory', seq), /already succeeded/);
  });
}
