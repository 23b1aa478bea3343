// Types read by delta are listed whole again once their last full listing is older than
// the interval, since delta leaves some relationships stale (the owners of a group whose
// owner was deleted, among others): the listing writes them as they are now.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeItem, itemPath } from '../../../src/workloads/directory/item.js';
import { backupFixture, contentOf, itemsByPath } from './backup-support.js';

test('a type read by delta is listed whole again when its last full listing is due', async (t) => {
  const fixture = await backupFixture(t);
  const { store } = fixture;
  const owned = [...store.collection('groups').values()].find(
    (group) => store.linked(group.id, 'owners').length > 0,
  );
  assert.ok(owned, 'a group with an owner');
  const owner = store.linked(owned.id, 'owners')[0]!;

  const first = (await fixture.backup({ toggles: ['users', 'groups'] })).result;
  const listedAt = first.meta.state.fullListings.groups;
  assert.equal(listedAt, first.meta.startedAt, 'the first backup lists every type whole');
  await fixture.admin(`/objects/users/${owner}`, 'DELETE');

  const second = (await fixture.backup({ toggles: ['users', 'groups'] })).result;
  assert.equal(second.meta.summary.types.groups?.mode, 'delta');
  assert.equal(second.meta.state.fullListings.groups, listedAt, 'the last full listing is carried');

  const third = (await fixture.backup({ toggles: ['users', 'groups'], fullListingIntervalMs: 0 })).result;
  assert.equal(third.meta.summary.types.groups?.mode, 'full');
  assert.equal(third.meta.state.fullListings.groups, third.meta.startedAt);
  assert.ok(third.meta.state.deltaLinks.groups, 'a fresh delta link for the next backup');
  const item = (await itemsByPath(fixture.repository, third.snapshotId)).get(itemPath('groups', owned.id));
  assert.ok(item);
  const stored = decodeItem(await contentOf(fixture.repository, item));
  assert.deepEqual(stored.relationships.owners ?? [], store.linked(owned.id, 'owners'));
  assert.ok(!(stored.relationships.owners ?? []).includes(owner));
});
