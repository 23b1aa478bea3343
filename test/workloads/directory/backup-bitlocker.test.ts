// BitLocker keys never change once escrowed, and Graph has no delta for them: a backup that
// lists them all (here devices are not backed up, so nothing tells which devices changed)
// reads only the keys it has not kept yet (each read is audited), carries the others as the
// previous snapshot stored them, and counts a key Graph no longer lists as removed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { itemPath } from '../../../src/workloads/directory/item.js';
import { backupFixture, itemsByPath } from './backup-support.js';

test('BitLocker keys already kept are carried, a new key is read, a gone key is removed', async (t) => {
  const fixture = await backupFixture(t);
  const { store, repository } = fixture;
  const keys = () => [...store.collection('bitlockerRecoveryKeys').values()];
  const keyReads = () =>
    [...store.collection('directoryAudits').values()].filter(
      (entry) => entry.activityDisplayName === 'Read BitLocker key',
    ).length;

  const first = await fixture.backup({ toggles: ['bitlockerKeys'] });
  const [gone, kept, model] = keys();
  assert.ok(gone && kept && model);
  await fixture.admin(`/objects/bitlockerRecoveryKeys/${gone.id}`, 'DELETE');
  const added = (
    await fixture.admin('/objects/bitlockerRecoveryKeys', 'POST', {
      ...model,
      id: 'b0000000-0000-4000-8000-000000000001',
    })
  ).body as { id: string };
  const readsBefore = keyReads();

  const second = await fixture.backup({ toggles: ['bitlockerKeys'] });
  const summary = second.result.meta.summary.types.bitlockerKeys;
  assert.deepEqual(
    [summary?.added, summary?.removed, summary?.carried, summary?.items],
    [1, 1, keys().length - 1, keys().length],
  );
  assert.equal(keyReads(), readsBefore + 1, 'only the new key is read');
  const before = await itemsByPath(repository, first.result.snapshotId);
  const after = await itemsByPath(repository, second.result.snapshotId);
  assert.equal(after.get(itemPath('bitlockerKeys', gone.id)), undefined);
  assert.ok(after.get(itemPath('bitlockerKeys', added.id)));
  assert.deepEqual(
    after.get(itemPath('bitlockerKeys', kept.id))?.content,
    before.get(itemPath('bitlockerKeys', kept.id))?.content,
  );
});
